/**
 * Jurisdiction benchmark: how long the data file takes to parse and check, and how fast advice is
 * given for every vendor country against four homes (US, UK, Germany, Singapore). Also counts the
 * recommended forums, so that a data change that flips many pairs shows up. Bounded: a fixed number
 * of passes over the pairs.
 *
 * Run: npm run bench:jurisdiction   (WARDEN_BENCH_JURISDICTION_PASSES overrides the passes, default 20)
 */
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { adviseJurisdiction } from "../../src/engines/jurisdiction/advise-jurisdiction.ts";
import { parseCountryData } from "../../src/engines/jurisdiction/load-country-data.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const PASSES = Math.min(Math.max(Number(process.env.WARDEN_BENCH_JURISDICTION_PASSES ?? 20), 1), 200);
const HOMES = ["US", "GB", "DE", "SG"];

const round = (n: number): number => Math.round(n * 100) / 100;

async function main(): Promise<void> {
  const text = readFileSync(join(ROOT, "src", "engines", "jurisdiction", "countries.yaml"), "utf8");
  const loads: number[] = [];
  let dataset = parseCountryData(text);
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    dataset = parseCountryData(text);
    loads.push(performance.now() - start);
  }
  const pairs = dataset.countries.flatMap((vendor) => HOMES.map((home) => [vendor.alpha2, home] as const));
  const forums: Record<string, number> = {};
  const start = performance.now();
  for (let pass = 0; pass < PASSES; pass++) {
    for (const [vendor, home] of pairs) {
      const advice = adviseJurisdiction(vendor, home, dataset);
      if (pass === 0) {
        const key =
          advice.recommendedForum.kind === "arbitration"
            ? `arbitration:${advice.recommendedForum.seat?.alpha2}`
            : "home-courts";
        forums[key] = (forums[key] ?? 0) + 1;
      }
    }
  }
  const elapsed = performance.now() - start;
  const advices = pairs.length * PASSES;
  const results = {
    machine: { cpus: cpus().length, node: process.version },
    countries: dataset.countries.length,
    outsourcingCountries: dataset.countries.filter((c) => c.outsourcing).length,
    loadMsMedian: round([...loads].sort((a, b) => a - b)[2] ?? 0),
    pairs: pairs.length,
    passes: PASSES,
    advicePerSecond: Math.round(advices / (elapsed / 1000)),
    adviceMsMean: round(elapsed / advices),
    recommendedForums: forums,
  };
  console.table({
    "data file parse + check (median ms)": results.loadMsMedian,
    "advice per second": results.advicePerSecond,
    "advice mean (ms)": results.adviceMsMean,
    "vendor × home pairs": results.pairs,
  });
  console.table(forums);
  const out = join(ROOT, "bench", "results");
  await mkdir(out, { recursive: true });
  await writeFile(join(out, "jurisdiction.json"), `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(
    join(out, "jurisdiction.md"),
    [
      "# Jurisdiction benchmark",
      "",
      `${results.countries} countries (${results.outsourcingCountries} outsourcing), ${results.pairs} vendor × home pairs, ${PASSES} passes, ${results.machine.cpus} CPUs, Node ${results.machine.node}.`,
      "",
      "| figure | value |",
      "| --- | --- |",
      `| data file parse + check, median | ${results.loadMsMedian} ms |`,
      `| advice per second | ${results.advicePerSecond} |`,
      `| advice, mean | ${results.adviceMsMean} ms |`,
      "",
      "Recommended forums (first pass): " +
        Object.entries(forums)
          .map(([k, v]) => `${k} ${v}`)
          .join(", "),
      "",
    ].join("\n"),
  );
}

await main();
