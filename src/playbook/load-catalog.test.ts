import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  controlSchema,
  FRAMEWORK_ID_PATTERNS,
  FRAMEWORK_IDS,
  frameworkSources,
  organisationCatalog,
  shippedCatalog,
} from "./load-catalog.ts";

const designPath = join(import.meta.dirname, "../../../shared/DESIGN.md");

const orgControl = {
  id: "ORG-ACCESS-2",
  stage: "ongoing",
  title: "Badge access reviewed",
  guidance: "Review who holds a site badge every quarter.",
  blocking: false,
  weight: 2,
  evidence: "Badge review",
  check: { kind: "attestation" },
};

describe("shippedCatalog", () => {
  it("lists each control once, in stage order", () => {
    const catalog = shippedCatalog();
    const ids = catalog.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const order = ["due_diligence", "contract", "kick_off", "ongoing", "termination"];
    const stageIndexes = catalog.map((c) => order.indexOf(c.stage));
    expect(stageIndexes).toEqual([...stageIndexes].sort((a, b) => a - b));
  });

  it.skipIf(!existsSync(designPath))("holds every control the design names", () => {
    const named = new Set(readFileSync(designPath, "utf8").match(/\b(?:DD|CT|KO|OG|TM)-\d+\b/g));
    const ids = shippedCatalog().map((c) => c.id);
    expect([...named].filter((id) => !ids.includes(id))).toEqual([]);
    expect(ids.filter((id) => !named.has(id))).toEqual([]);
  });

  it("gives each control the stage its id prefix says", () => {
    const prefix = { DD: "due_diligence", CT: "contract", KO: "kick_off", OG: "ongoing", TM: "termination" };
    for (const c of shippedCatalog())
      expect([c.id, c.stage]).toEqual([c.id, prefix[c.id.split("-")[0] as keyof typeof prefix]]);
  });

  it("reads the file once", () => {
    expect(shippedCatalog()).toBe(shippedCatalog());
  });
});

describe("controlSchema", () => {
  it("accepts a well-formed organisation control", () => {
    expect(controlSchema.safeParse(orgControl).success).toBe(true);
  });

  it.each([
    ["a lower-case id", { id: "dd-1" }],
    ["an id without a dash", { id: "ORG1" }],
    ["the closed stage", { stage: "closed" }],
    ["a weight above 20", { weight: 21 }],
    ["a fractional weight", { weight: 1.5 }],
    ["an empty title", { title: "" }],
    ["an unknown check kind", { check: { kind: "oracle" } }],
    ["an unknown engine", { check: { kind: "engine", source: "crystal-ball" } }],
  ])("rejects %s", (_, change) => {
    expect(controlSchema.safeParse({ ...orgControl, ...change }).success).toBe(false);
  });
});

describe("organisationCatalog", () => {
  it("is the shipped catalog when the organisation changed nothing", () => {
    expect(organisationCatalog([])).toEqual(shippedCatalog());
  });

  it("marks a disabled control with its reason, or a default one", () => {
    const controls = organisationCatalog([
      { controlId: "DD-3", disabled: true, disabledReason: "Remote vendor", definition: null },
      { controlId: "CT-13", disabled: true, disabledReason: null, definition: null },
    ]);
    expect(controls.find((c) => c.id === "DD-3")?.disabled).toEqual({ reason: "Remote vendor" });
    expect(controls.find((c) => c.id === "CT-13")?.disabled).toEqual({ reason: "disabled" });
    expect(shippedCatalog().find((c) => c.id === "DD-3")?.disabled).toBeUndefined();
  });

  it("ignores an override that neither disables nor defines", () => {
    expect(
      organisationCatalog([{ controlId: "DD-3", disabled: false, disabledReason: null, definition: null }]),
    ).toEqual(shippedCatalog());
  });

  it("adds the organisation's own control, marked custom", () => {
    const controls = organisationCatalog([
      { controlId: orgControl.id, disabled: false, disabledReason: null, definition: orgControl },
    ]);
    expect(controls.at(-1)).toEqual({ ...orgControl, custom: true });
  });

  it("does not let an organisation's control take the id of a shipped one", () => {
    const controls = organisationCatalog([
      { controlId: "DD-1", disabled: false, disabledReason: null, definition: { ...orgControl, id: "DD-1" } },
    ]);
    expect(controls.filter((c) => c.id === "DD-1")).toHaveLength(1);
    expect(controls.find((c) => c.id === "DD-1")?.custom).toBeUndefined();
  });
});

describe("framework mappings", () => {
  it("maps every shipped control into each framework, or says why not", () => {
    const missing: string[] = [];
    for (const c of shippedCatalog())
      for (const framework of FRAMEWORK_IDS)
        if (!c.frameworks?.[framework]?.length && !c.unmapped?.[framework])
          missing.push(`${c.id} ${framework}`);
    expect(missing).toEqual([]);
  });

  it("uses only ids of each framework's form, each titled in the catalog's sources", () => {
    const sources = frameworkSources();
    for (const c of shippedCatalog())
      for (const framework of FRAMEWORK_IDS)
        for (const ref of c.frameworks?.[framework] ?? []) {
          expect(ref, `${c.id} ${framework}`).toMatch(FRAMEWORK_ID_PATTERNS[framework]);
          expect(sources[framework].ids[ref], `${c.id} ${framework} ${ref}`).toBeTruthy();
        }
    // The sources list no id that no control uses (no titles kept for nothing).
    for (const framework of FRAMEWORK_IDS) {
      const used = new Set(shippedCatalog().flatMap((c) => c.frameworks?.[framework] ?? []));
      expect(Object.keys(sources[framework].ids).filter((id) => !used.has(id))).toEqual([]);
    }
  });

  it("maps the supplier controls to the supplier clauses of each framework", () => {
    const dd2 = shippedCatalog().find((c) => c.id === "DD-2")!;
    expect(dd2.frameworks?.iso27001).toContain("A.5.19");
    expect(dd2.frameworks?.soc2).toContain("CC9.2");
    expect(dd2.frameworks?.nistCsf).toContain("GV.SC-06");
  });

  it("cites each framework document with title, edition, publisher and address", () => {
    for (const source of Object.values(frameworkSources())) {
      expect(source.title.length).toBeGreaterThan(10);
      expect(source.edition).toBeTruthy();
      expect(source.publisher).toBeTruthy();
      expect(source.url).toMatch(/^https:\/\//);
    }
  });

  it("refuses ids of the wrong form", () => {
    const bad = [
      { iso27001: ["A.15.1"] },
      { iso27001: ["5.19"] },
      { soc2: ["CC9.3"] },
      { nistCsf: ["ID.SC-1"] },
      { nistCsf: ["GV.SC-1"] },
    ];
    for (const frameworks of bad)
      expect(controlSchema.safeParse({ ...orgControl, frameworks }).success, JSON.stringify(frameworks)).toBe(
        false,
      );
    expect(
      controlSchema.safeParse({
        ...orgControl,
        frameworks: { iso27001: ["A.8.34"], soc2: ["CC6.8"], nistCsf: ["PR.AA-06"] },
      }).success,
    ).toBe(true);
  });
});
