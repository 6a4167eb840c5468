import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { controlSchema, organisationCatalog, shippedCatalog } from "./load-catalog.ts";

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
