/**
 * Access reconciliation benchmark: 10,000 vendor accounts in a real slapd (seeded offline with slapadd),
 * a 10,000-person roster, and per run: read every account with its groups through the LDAP connector
 * (simple paged results) and reconcile. Target: read + reconcile under 2 s. Reports the median of a few
 * runs and writes bench/results/access.json and .md.
 *
 * Run: npm run bench:access   (WARDEN_BENCH_ACCESS_ACCOUNTS and WARDEN_BENCH_ACCESS_RUNS override the size)
 */
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createLdapConnector } from "../../src/engines/access/ldap-connector.ts";
import { reconcileAccess } from "../../src/engines/access/reconcile-access.ts";
import { parseRoster, type RosterPersonInput } from "../../src/engines/access/roster.ts";
import { bulkDirectory, startSlapd } from "../../test/support/slapd.ts";

const ACCOUNTS = Number(process.env.WARDEN_BENCH_ACCESS_ACCOUNTS ?? 10_000);
const RUNS = Math.min(Math.max(Number(process.env.WARDEN_BENCH_ACCESS_RUNS ?? 5), 1), 20);
const TARGET_MS = 2000;
const TODAY = "2026-11-29";
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

async function main(): Promise<void> {
  const seedStart = performance.now();
  const { accounts, ldif } = bulkDirectory({ count: ACCOUNTS, staffEvery: 0 });
  const ldap = await startSlapd({ seed: ldif });
  const seedMs = performance.now() - seedStart;

  // Roster: one person per account, with planted problems every 200th person (no NDA, a leaver,
  // an extra group) and every 200th account replaced by one nobody on the roster holds (an orphan).
  const people: RosterPersonInput[] = accounts.map((account, index) => {
    const uid = index % 200 === 3 ? `left-${account.uid}` : account.uid;
    return {
      id: `person-${index}`,
      name: `Person ${index}`,
      start: "2025-01-01",
      end: index % 200 === 1 ? "2026-06-30" : null,
      nda: index % 200 === 0 ? null : { signed: "2025-01-01", expires: "2027-12-31" },
      grants: [{ system: "ldap", account: uid, groups: index % 200 === 2 ? [] : account.groups }],
    };
  });
  const roster = parseRoster(people);
  const connector = createLdapConnector({
    system: "ldap",
    url: ldap.url,
    bindDn: ldap.bindDn,
    bindPassword: ldap.password,
    baseDn: ldap.baseDn,
    accountFilter: "(employeeType=vendor)",
    groupBaseDn: ldap.groupsDn,
    disable: { method: "move-ou", disabledOu: ldap.disabledDn },
    pageSize: 1000,
    timeoutMs: 60_000,
  });

  const runs: { readMs: number; reconcileMs: number; totalMs: number; accounts: number; findings: number }[] =
    [];
  let byKind: Record<string, number> = {};
  try {
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      const read = await connector.readAccounts();
      const afterRead = performance.now();
      const { findings, summary } = reconcileAccess({
        people: roster,
        directories: [{ system: "ldap", accounts: read }],
        today: TODAY,
      });
      const end = performance.now();
      byKind = summary.byKind;
      runs.push({
        readMs: afterRead - start,
        reconcileMs: end - afterRead,
        totalMs: end - start,
        accounts: read.length,
        findings: findings.length,
      });
    }
  } finally {
    await ldap.stop();
  }

  const result = {
    benchmark: "access reconciliation on a real slapd",
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    // Other work on the machine slows both slapd and Node; the figure is only comparable at similar load.
    loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    accounts: ACCOUNTS,
    rosterPeople: roster.length,
    runs: RUNS,
    seedMs: round(seedMs),
    median: {
      readMs: round(median(runs.map((r) => r.readMs))),
      reconcileMs: round(median(runs.map((r) => r.reconcileMs))),
      totalMs: round(median(runs.map((r) => r.totalMs))),
    },
    targetMs: TARGET_MS,
    withinTarget: median(runs.map((r) => r.totalMs)) < TARGET_MS,
    findingsByKind: byKind,
    perRun: runs.map((r) => ({
      ...r,
      readMs: round(r.readMs),
      reconcileMs: round(r.reconcileMs),
      totalMs: round(r.totalMs),
    })),
  };

  console.table(result.perRun);
  console.table([
    {
      accounts: result.accounts,
      people: result.rosterPeople,
      "read ms (median)": result.median.readMs,
      "reconcile ms (median)": result.median.reconcileMs,
      "total ms (median)": result.median.totalMs,
      "target ms": TARGET_MS,
      within: result.withinTarget,
    },
  ]);

  const resultsDir = join(ROOT, "bench", "results");
  await mkdir(resultsDir, { recursive: true });
  await writeFile(join(resultsDir, "access.json"), `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(
    join(resultsDir, "access.md"),
    [
      "# Access reconciliation benchmark",
      "",
      `${result.accounts.toLocaleString("en")} vendor accounts in a real OpenLDAP slapd (loopback, mdb, seeded with slapadd in ${result.seedMs} ms) against a ${result.rosterPeople.toLocaleString("en")}-person roster; each run reads every account and its groups through the LDAP connector (simple paged results, 1,000 per page) and reconciles. Median of ${RUNS} runs, Node ${process.version}, ${result.cpus} CPUs at load average ${result.loadAverage1m}, ${result.date.slice(0, 10)}.`,
      "",
      "| step | median ms |",
      "| --- | ---: |",
      `| read accounts + groups (LDAP, paged) | ${result.median.readMs} |`,
      `| reconcile | ${result.median.reconcileMs} |`,
      `| **total** | **${result.median.totalMs}** |`,
      "",
      `Target: under ${TARGET_MS} ms — ${result.withinTarget ? "met" : "NOT met"}.`,
      "",
      `Findings per run: ${Object.entries(byKind)
        .map(([kind, count]) => `${kind} ${count}`)
        .join(", ")}.`,
      "",
    ].join("\n"),
  );
  if (!result.withinTarget) process.exitCode = 1;
}

await main();
