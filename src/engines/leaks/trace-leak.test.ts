import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FingerprintIndex } from "./fingerprint-index.ts";
import { indexFolder } from "./index-folder.ts";
import { type ShareRow, shareFile } from "./share-file.ts";
import { embedTextWatermark } from "./text-watermark.ts";
import { traceLeak } from "./trace-leak.ts";

const fixture = new URL("./fixtures/assessment-report.md", import.meta.url);
const helpJs = join(process.cwd(), "node_modules/commander/lib/help.js");
const helpJsText = readFileSync(helpJs, "utf8");
let work: string;
let rows: ShareRow[];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "warden-leaks-"));
  await writeFile(join(work, "report.md"), await readFile(fixture));
  await writeFile(join(work, "help.js"), await readFile(helpJs));
  await writeFile(
    join(work, "option.js"),
    await readFile(join(process.cwd(), "node_modules/commander/lib/option.js")),
  );
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe("traceLeak", () => {
  it("says how much of the source's commentary a suspect copied word for word", () => {
    const source = [
      "def settle(balance, rate, days):",
      "    # Interest accrues daily on the unpaid balance only.",
      "    interest = balance * rate * days / 365",
      "    # Round half up, as the bank statement does.",
      "    return round(balance + interest, 2)",
      "",
    ].join("\n");
    const index = new FingerprintIndex();
    index.add("billing/settle.py", source);
    index.add("help.js", helpJsText);
    const suspect = [
      "def pay(b, r, d):",
      "    # Interest accrues daily on the unpaid balance only",
      "    i = b * r * d / 365",
      "    return round(b + i, 2)",
      "",
    ].join("\n");
    const report = traceLeak({ text: suspect, name: "pay.py" }, { index, minScore: 0 });
    expect(report.source).toBe("billing/settle.py");
    expect(report.matches[0]!.commentCoverage).toBe(0.5);
    expect(report.evidence[0]!.detail).toContain("50 % of its comment lines word for word");
  });

  it("names the source document and the recipient whose copy an excerpt came from", async () => {
    const recorded: ShareRow[] = [];
    rows = await shareFile({
      path: join(work, "report.md"),
      recipients: ["alice@vendor.example", "bob@vendor.example"],
      outDir: join(work, "out"),
      record: (row) => {
        recorded.push(row);
      },
    });
    expect(recorded).toEqual(rows);
    expect(new Set(rows.map((r) => r.payload)).size).toBe(2);
    const bobCopy = await readFile(rows[1]!.outPath, "utf8");
    const { index } = await indexFolder(join(work, "report.md"));
    const names = new Map(rows.map((r) => [r.payload, r.recipient]));

    const excerpt = bobCopy.slice(900, 1900);
    const report = traceLeak(
      { text: excerpt, name: "paste.txt" },
      { index, recipientOf: (p) => names.get(p) },
    );
    expect(report.source).toBe("report.md");
    expect(report.recipient).toBe("bob@vendor.example");
    expect(report.recipientConfidence).toBeGreaterThan(0.999);
    expect(report.evidence.map((e) => e.kind).sort()).toEqual(["fingerprint", "watermark"]);
    expect(report.matches[0]!.regions[0]!.sourceStart).toBeGreaterThan(700);
  });

  it("traces a 250-character excerpt inside 1,000 characters of other text to the document and the recipient", async () => {
    const bobCopy = await readFile(rows[1]!.outPath, "utf8");
    const { index } = await indexFolder(join(work, "report.md"));
    const names = new Map(rows.map((r) => [r.payload, r.recipient]));
    const start = bobCopy.indexOf(" ", 1400) + 1;
    const excerpt = bobCopy.slice(start, start + 250);
    const before =
      "Posted in the integrations forum. We are weighing two payment providers for next year and a contact passed me an internal review of one of them; I am not sure how current it is. My contact says it reads like this: ";
    const after =
      " Has anyone here seen the same in production? We run our own gateway in two regions and the failover story matters more to us than the fees. Also curious whether the sandbox keys expire, and how long refunds take to settle in practice. Replies by private message are fine too; I will summarise what I learn for the group next week, with thanks to everyone who answers. For context, we moved off our previous provider after a painful migration last spring, and the board wants a second opinion before we sign anything longer than a year. Links to public write-ups or conference talks are welcome as well. If you have run a proof of concept with either provider, I would love to hear how their support desk handled escalations at odd hours. Cheers from the platform team, and apologies for the long post.";
    const post = `${before}${excerpt}${after}`;
    expect(before.length + after.length).toBeGreaterThanOrEqual(1000);
    const payloads = rows.map((r) => r.payload);
    const report = traceLeak(
      { text: post, name: "forum-post.txt" },
      { index, recipientOf: (p) => names.get(p), payloadsOf: () => payloads },
    );
    expect(report.source).toBe("report.md");
    expect(report.matches[0]!.excerptCoverage).toBeGreaterThan(0.8);
    expect(report.recipient).toBe("bob@vendor.example");
    expect(report.recipientConfidence).toBeGreaterThanOrEqual(0.999999);
  });

  it("names the recipient of leaked code through its canary and layout", async () => {
    const [copy] = await shareFile({
      path: join(work, "help.js"),
      recipients: ["carol"],
      outDir: join(work, "out2"),
    });
    const { index } = await indexFolder(work);
    const leaked = await readFile(copy!.outPath, "utf8");
    const report = traceLeak({ text: leaked, name: "leak.js" }, { index, recipientOf: () => "carol" });
    expect(report.source).toMatch(/help\.js$/);
    expect(report.payload).toBe(copy!.payload);
    expect(report.evidence.map((e) => e.kind)).toContain("canary");
    expect(report.conflictingPayloads).toEqual([]);
  });

  it("reports both payloads when two recipients' copies are pasted together", async () => {
    const text = await readFile(fixture, "utf8");
    const mixed = `${embedTextWatermark(text, 11).slice(0, 2000)}\n${embedTextWatermark(text, 22).slice(2000)}`;
    const report = traceLeak({ text: mixed }, {});
    expect([...report.conflictingPayloads].sort()).toEqual([11, 22]);
    expect([11, 22]).toContain(report.payload);
    expect(report.recipientConfidence).toBeLessThan(0.6);
  });

  it("names nobody and no source for unrelated, unmarked text", async () => {
    const { index } = await indexFolder(work);
    const unrelated = await readFile(join(process.cwd(), "node_modules/commander/Readme.md"), "utf8");
    const report = traceLeak({ text: unrelated.slice(0, 3000), name: "readme.md" }, { index });
    expect(report.source).toBeUndefined();
    expect(report.payload).toBeUndefined();
    expect(report.evidence).toEqual([]);
  });

  it("marks every file of a shared folder and reproduces payloads for the same content", async () => {
    const first = await shareFile({
      path: work,
      recipients: ["dave"],
      outDir: join(tmpdir(), `warden-share-a-${process.pid}`),
    });
    const again = await shareFile({
      path: work,
      recipients: ["dave"],
      outDir: join(tmpdir(), `warden-share-b-${process.pid}`),
    });
    expect(again[0]!.payload).toBe(first[0]!.payload);
    const markedHelp = await readFile(join(first[0]!.outPath, "help.js"), "utf8");
    expect(markedHelp).toContain("build cache key: AKIA");
    await Promise.all(
      [first, again].map((r) => rm(join(r[0]!.outPath, "..", ".."), { recursive: true, force: true })),
    );
  });
});
