import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buffer } from "node:stream/consumers";
import JSZip from "jszip";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeTextWatermark } from "../../src/engines/leaks/index.ts";
import type { ControlResult } from "../../src/playbook/types.ts";
import { createApp } from "../../src/server/app.ts";
import type { ServiceContext } from "../../src/services/context.ts";
import { getEngagement } from "../../src/services/engagements/get-engagement.ts";
import { indexSource } from "../../src/services/leaks/index-source.ts";
import { getLeakCase, listLeakCases, updateLeakCase } from "../../src/services/leaks/leak-cases.ts";
import { leakWatermarkKey } from "../../src/services/leaks/leak-key.ts";
import { listDistributions } from "../../src/services/leaks/list-distributions.ts";
import { openLeakCase } from "../../src/services/leaks/open-leak-case.ts";
import { readDistributionCopy } from "../../src/services/leaks/read-copy.ts";
import { shareDocument } from "../../src/services/leaks/share-document.ts";
import { traceRecorded } from "../../src/services/leaks/trace-recorded.ts";
import { openRuntime } from "../../src/services/open-runtime.ts";
import { addPerson, setEngagementMember } from "../../src/services/roster/save-person.ts";
import { contextFor, makeEngagement, makeUser, systemContext, TEST_PASSWORD } from "../support/fixtures.ts";
import { TestClient } from "../support/http.ts";
import { runCli } from "../support/run-cli.ts";
import { createTestConfig, createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

const report = readFileSync(join(process.cwd(), "src/engines/leaks/fixtures/assessment-report.md"), "utf8");
const helpJs = readFileSync(join(process.cwd(), "node_modules/commander/lib/help.js"), "utf8");
const optionJs = readFileSync(join(process.cwd(), "node_modules/commander/lib/option.js"), "utf8");

const jsKeywords = new Set(
  "const let var if return undefined typeof true false null new this function for of in while else".split(
    " ",
  ),
);

/** Renames every identifier and reformats: no comments, one statement per line, other spacing. */
function renameAndReformat(code: string): string {
  const names = new Map<string, string>();
  const rename = (part: string) =>
    part
      .replace(/\b[A-Za-z_]\w*\b/g, (word) => {
        if (jsKeywords.has(word)) return word;
        if (!names.has(word)) names.set(word, `v${names.size}_${word.length}`);
        return names.get(word)!;
      })
      .replace(/\s+/g, " ")
      .replace(/([;{}])\s*/g, "$1\n\t\t");
  return code
    .replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, "")
    .split(/(`[^`]*`|'[^'\n]*'|"[^"\n]*")/)
    .map((part, i) => (i % 2 === 1 ? part : rename(part)))
    .join("");
}

describe("leak watch", () => {
  let runtime: TestRuntime;
  let security: ServiceContext;
  let vendorUser: ServiceContext;
  let vendorEmail: string;
  let engagement: { vendorId: string; engagementId: string };
  let quiet: { vendorId: string; engagementId: string };
  let devOne: string;
  let devTwo: string;

  beforeAll(async () => {
    runtime = await createTestRuntime();
    security = contextFor(runtime, await makeUser(runtime, "security"));
    engagement = await makeEngagement(runtime, { name: "Leaky Vendor Ltd" });
    quiet = await makeEngagement(runtime, { name: "Quiet Vendor Ltd" });
    const system = systemContext(runtime);
    const one = await addPerson(system, engagement.vendorId, {
      fullName: "Dev One",
      email: "dev1@leaky.example",
      startDate: "2026-01-01",
      ndaSignedOn: "2025-12-20",
    });
    const two = await addPerson(system, engagement.vendorId, {
      fullName: "Dev Two",
      email: "dev2@leaky.example",
      startDate: "2026-01-01",
      ndaSignedOn: "2025-12-20",
    });
    devOne = one.id;
    devTwo = two.id;
    await setEngagementMember(system, engagement.engagementId, devOne, true);
    await setEngagementMember(system, engagement.engagementId, devTwo, true);
    const user = await makeUser(runtime, "vendor", { vendorId: engagement.vendorId });
    vendorEmail = user.email;
    vendorUser = contextFor(runtime, user);
  }, 60_000);
  afterAll(async () => runtime.close());

  async function og9(engagementId: string): Promise<ControlResult | undefined> {
    const detail = await getEngagement(security, engagementId);
    return detail.evaluation.results.find((r: ControlResult) => r.id === "OG-9");
  }

  async function copyText(distributionId: string, payload: number): Promise<string> {
    const file = await readDistributionCopy(security, distributionId, payload);
    return (await buffer(file.stream)).toString("utf8");
  }

  it("shares a document with two people, one marked copy each, and names the recipient of a 20 % excerpt", async () => {
    expect((await og9(engagement.engagementId))?.status).toBe("not_checked");
    const shared = await shareDocument(
      security,
      {
        engagementId: engagement.engagementId,
        title: "Assessment report",
        recipients: [devOne, "DEV2@leaky.example"],
      },
      { bytes: Buffer.from(report), filename: "assessment-report.md" },
    );
    expect(shared.copies.map((c) => c.personId).sort()).toEqual([devOne, devTwo].sort());
    const [first, second] = shared.copies;
    expect(first!.payload).not.toBe(second!.payload);

    const copyOfTwo = shared.copies.find((c) => c.personId === devTwo)!;
    const copyOfOne = shared.copies.find((c) => c.personId === devOne)!;
    const textTwo = await copyText(shared.id, copyOfTwo.payload);
    const textOne = await copyText(shared.id, copyOfOne.payload);
    expect(textTwo).not.toBe(textOne);
    // Marked with the installation's secret, not the public default key.
    expect(decodeTextWatermark(textTwo)).toMatchObject({ verdict: "none" });
    expect(decodeTextWatermark(textTwo, { key: leakWatermarkKey(runtime) })).toMatchObject({
      verdict: "found",
      payload: copyOfTwo.payload,
    });

    const excerpt = textTwo.slice(1200, 1200 + Math.floor(textTwo.length * 0.2));
    const opened = await openLeakCase(security, { title: "Paste on a forum", text: excerpt });
    expect(opened.status).toBe("open");
    expect(opened.personId).toBe(devTwo);
    expect(opened.payload).toBe(copyOfTwo.payload);
    expect(opened.engagementId).toBe(engagement.engagementId);
    expect(opened.report?.verdict).toBe("recipient");
    expect(opened.report?.recipient?.label).toContain("dev2@leaky.example");
    expect(opened.report?.source?.ref).toBe(shared.id);
    const regions = opened.report!.suspects[0]!.matches[0]!.regions;
    expect(regions.length).toBeGreaterThan(0);
    expect(regions[0]!.suspectEnd).toBeLessThanOrEqual(excerpt.length);

    const listed = await listDistributions(security, { engagementId: engagement.engagementId });
    expect(listed.map((d) => d.id)).toContain(shared.id);
    const audit = await runtime.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "like", "leaks.%")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["leaks.share", "leaks.case.open"]));
  });

  it("traces a 250-character excerpt inside 1,000 characters of other text to the document and the recipient", async () => {
    const shared = await shareDocument(
      security,
      {
        engagementId: engagement.engagementId,
        title: "Assessment report, second round",
        recipients: [devOne],
      },
      { bytes: Buffer.from(report), filename: "assessment-report.md" },
    );
    const text = await copyText(shared.id, shared.copies[0]!.payload);
    const start = text.indexOf(" ", 2000) + 1;
    const other = (words: number) =>
      Array.from(
        { length: words },
        (_, i) => ["we", "weighed", "two", "providers", "for", "next", "year", "and"][i % 8],
      ).join(" ");
    const post = `Forum post. ${other(60)}. My contact says it reads: ${text.slice(start, start + 250)} ${other(140)}.`;
    expect(post.length - 250).toBeGreaterThanOrEqual(1000);
    const report250 = await traceRecorded(security, [{ name: "forum post", text: post, metadata: "" }]);
    expect(report250.verdict).toBe("recipient");
    expect(report250.recipient?.personId).toBe(devOne);
    expect(report250.source?.path).toBe("assessment-report.md");
    expect(report250.engagementId).toBe(engagement.engagementId);
  });

  it("fails OG-9 while a case attributes a leak to the engagement, and passes once it is closed", async () => {
    const [open] = await listLeakCases(security, { engagementId: engagement.engagementId, status: "open" });
    expect(open).toBeDefined();
    const failing = await og9(engagement.engagementId);
    expect(failing?.status).toBe("fail");
    expect(failing?.records.some((r) => r.type === "leak_case" && r.id === open!.id)).toBe(true);

    await updateLeakCase(security, open!.id, { status: "investigating", note: "Asked the vendor for logs." });
    expect((await og9(engagement.engagementId))?.status).toBe("fail");
    const closed = await updateLeakCase(security, open!.id, { status: "closed", note: "Copy revoked." });
    expect(closed.notes.map((n) => n.text)).toEqual(["Asked the vendor for logs.", "Copy revoked."]);
    expect((await og9(engagement.engagementId))?.status).toBe("pass");
    // Nothing shared and no case: not checked yet.
    expect((await og9(quiet.engagementId))?.status).toBe("not_checked");
  });

  it("traces a renamed and reformatted function to the delivered file it came from", async () => {
    await indexSource(security, {
      kind: "delivery",
      ref: "milestone-1",
      path: "lib/help.js",
      text: helpJs,
      engagementId: engagement.engagementId,
    });
    await indexSource(security, {
      kind: "delivery",
      ref: "milestone-1",
      path: "lib/option.js",
      text: optionJs,
      engagementId: engagement.engagementId,
    });
    const start = helpJs.indexOf("  optionDescription(option) {");
    const original = helpJs.slice(start, helpJs.indexOf("  /**", start + 10));
    const suspect = renameAndReformat(original);
    expect(suspect).not.toContain("const extraInfo");

    const zip = new JSZip();
    zip.file("stolen/helper.js", suspect);
    zip.file("stolen/logo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    const bytes = await zip.generateAsync({ type: "uint8array" });
    const opened = await openLeakCase(
      security,
      { title: "Code on a paste site" },
      { bytes, filename: "dump.zip" },
    );
    const best = opened.report!.source!;
    expect(best.path).toBe("lib/help.js");
    expect(best.kind).toBe("delivery");
    expect(opened.report!.sourceConfidence).toBeGreaterThan(0.5);
    expect(opened.report!.recipient).toBeUndefined();
    expect(opened.report!.skipped.map((s) => s.name)).toEqual(["stolen/logo.png"]);
    expect(opened.engagementId).toBe(engagement.engagementId);
  });

  it("shares a ZIP of source files and names the recipient of a leaked file by its canary", async () => {
    const zip = new JSZip();
    zip.file("lib/help.js", helpJs);
    zip.file("lib/option.js", optionJs);
    zip.file("assets/logo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    const shared = await shareDocument(
      security,
      { engagementId: engagement.engagementId, recipients: ["dev1@leaky.example", devTwo] },
      { bytes: await zip.generateAsync({ type: "uint8array" }), filename: "sdk.zip" },
    );
    const copyOfOne = shared.copies.find((c) => c.personId === devOne)!;
    const file = await readDistributionCopy(security, shared.id, copyOfOne.payload);
    const copy = await JSZip.loadAsync(await buffer(file.stream));
    const leaked = await copy.file("lib/option.js")!.async("string");
    expect(leaked).not.toBe(optionJs);
    expect(await copy.file("assets/logo.png")!.async("nodebuffer")).toHaveLength(8);

    const opened = await openLeakCase(
      security,
      { title: "SDK on a public repo" },
      {
        bytes: Buffer.from(leaked),
        filename: "option.js",
      },
    );
    expect(opened.personId).toBe(devOne);
    expect(opened.distributionId).toBe(shared.id);
    expect(opened.report?.suspects[0]?.evidence.some((e) => e.kind === "canary")).toBe(true);
    expect(opened.report?.source?.path).toBe("lib/option.js");
  });

  it("names nobody for an unmarked text that was never shared", async () => {
    const unrelated = readFileSync(join(process.cwd(), "node_modules/commander/Readme.md"), "utf8").slice(
      0,
      4000,
    );
    const opened = await openLeakCase(security, { text: unrelated });
    expect(opened.report?.verdict).toBe("none");
    expect(opened.personId).toBeNull();
    expect(opened.engagementId).toBeNull();
    expect(opened.report?.recipient).toBeUndefined();
    expect(opened.report?.suspects[0]?.matches).toEqual([]);
  });

  it("refuses archives that climb out of themselves", async () => {
    const zip = new JSZip();
    zip.file("../../etc/passwd.txt", "root:x:0:0");
    const bytes = await zip.generateAsync({ type: "uint8array" });
    await expect(openLeakCase(security, {}, { bytes, filename: "evil.zip" })).rejects.toMatchObject({
      code: "invalid_input",
    });
  });

  it("keeps distributions and cases from vendor users (services and API)", async () => {
    await expect(listDistributions(vendorUser, {})).rejects.toMatchObject({ code: "forbidden" });
    await expect(listLeakCases(vendorUser, {})).rejects.toMatchObject({ code: "forbidden" });
    const [someCase] = await listLeakCases(security, {});
    await expect(getLeakCase(vendorUser, someCase!.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      shareDocument(
        vendorUser,
        { engagementId: engagement.engagementId, recipients: [devOne] },
        {
          bytes: Buffer.from(report),
          filename: "r.md",
        },
      ),
    ).rejects.toMatchObject({ code: "forbidden" });

    const app = createApp(runtime);
    const client = new TestClient(app);
    expect((await client.login(vendorEmail, TEST_PASSWORD)).status).toBe(200);
    const [distribution] = await listDistributions(security, {});
    for (const path of [
      "/api/leaks/distributions",
      `/api/leaks/distributions/${distribution!.id}`,
      `/api/leaks/distributions/${distribution!.id}/copies/${distribution!.copies[0]!.payload}/file`,
      "/api/leaks/cases",
      `/api/leaks/cases/${someCase!.id}`,
    ]) {
      const res = await client.request("GET", path);
      expect([403, 404]).toContain(res.status);
    }
    const paste = await client.request("POST", "/api/leaks/cases", { text: "anything" });
    expect([403, 404]).toContain(paste.status);
  });

  it("shares and traces through the API as security staff", async () => {
    const app = createApp(runtime);
    const client = new TestClient(app);
    const secUser = await makeUser(runtime, "security");
    expect((await client.login(secUser.email, TEST_PASSWORD)).status).toBe(200);
    const form = new FormData();
    form.set("meta", JSON.stringify({ engagementId: engagement.engagementId, recipients: [devOne] }));
    form.set("file", new File([report], "plan.md", { type: "text/markdown" }));
    const shared = await app.request("/api/leaks/distributions", {
      method: "POST",
      headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
      body: form,
    });
    expect(shared.status, await shared.clone().text()).toBe(201);
    const view = (await shared.json()) as { id: string; copies: { payload: number }[] };
    const download = await client.request(
      "GET",
      `/api/leaks/distributions/${view.id}/copies/${view.copies[0]!.payload}/file`,
    );
    expect(download.status).toBe(200);
    const text = await download.text();
    const res = await client.request("POST", "/api/leaks/cases", { text: text.slice(0, 1500) });
    expect(res.status).toBe(201);
    const opened = (await res.json()) as { personId: string; id: string };
    expect(opened.personId).toBe(devOne);
    const fetched = await client.request("GET", `/api/leaks/cases/${opened.id}`);
    expect(fetched.status).toBe(200);
  });
});

describe("warden share and trace against the database", () => {
  it("records a distribution from the command line and traces a copy's excerpt to its recipient", async () => {
    const made = await createTestConfig();
    const work = await mkdtemp(join(tmpdir(), "warden-leaks-cli-"));
    try {
      const runtime = await openRuntime(made.config, { log: pino({ level: "silent" }) });
      const { vendorId, engagementId } = await makeEngagement(runtime);
      await addPerson(systemContext(runtime), vendorId, {
        fullName: "Cli Dev",
        email: "cli.dev@vendor.example",
        startDate: "2026-01-01",
        ndaSignedOn: "2025-12-20",
      });
      await runtime.close();
      const original = join(work, "report.md");
      await writeFile(original, report);
      const shared = await runCli(
        [
          "share",
          original,
          "--engagement",
          engagementId,
          "--to",
          "cli.dev@vendor.example",
          "--out",
          join(work, "out"),
          "--json",
        ],
        made.env,
      );
      expect(shared.stderr).toBe("");
      expect(shared.code).toBe(0);
      const { distribution } = JSON.parse(shared.stdout) as {
        distribution: { copies: { payload: number; outPath: string }[] };
      };
      const copy = await readFile(distribution.copies[0]!.outPath, "utf8");
      const traced = await runCli(["trace", "-", "--json"], made.env, copy.slice(2000, 3000));
      expect(traced.code).toBe(0);
      const result = JSON.parse(traced.stdout) as {
        verdict: string;
        recipient: { label: string; payload: number } | null;
        matches: { source: string; score: number }[];
      };
      expect(result.verdict).toBe("recipient");
      expect(result.recipient?.payload).toBe(distribution.copies[0]!.payload);
      expect(result.recipient?.label).toContain("cli.dev@vendor.example");
      expect(result.matches[0]?.source).toContain("report.md");
    } finally {
      await rm(work, { recursive: true, force: true });
      await made.dispose();
    }
  }, 120_000);
});
