import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeLimit, runSandboxed } from "../../src/engines/custody/run-sandboxed.ts";
import { scratch } from "../../src/engines/custody/test-repository.ts";

// A vendor's test suite that attacks the host through its resources. Each run must end at a
// limit of Warden's own, name it, and leave the host answering.

let work: ReturnType<typeof scratch>;
beforeEach(() => {
  work = scratch("warden-sandbox-attack-");
});
afterEach(() => work.remove());

const limits = { wallTimeMs: 20_000, cpuSeconds: 20, memoryBytes: 1024 ** 3 };

/** The host still starts processes and answers, quickly. */
function hostAnswers(): void {
  const started = performance.now();
  const echo = spawnSync("sh", ["-c", "echo alive"], { encoding: "utf8", timeout: 10_000 });
  expect(echo.stdout).toBe("alive\n");
  expect(performance.now() - started).toBeLessThan(5_000);
}

function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += bytesUnder(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

describe("the sandbox's resource limits", () => {
  it("contains a fork bomb at the process limit and names that limit", async () => {
    const run = await runSandboxed("bomb() { bomb | bomb & }; bomb; sleep 2; echo bombed", work.dir, {
      ...limits,
      wallTimeMs: 8_000,
      processes: 64,
    });
    expect(run.limitHit).toBe("processes");
    expect(describeLimit("processes", { ...limits, processes: 64 })).toContain("64");
    // Nothing of the bomb outlives the run.
    const left = spawnSync("ps", ["-eo", "args"], { encoding: "utf8" }).stdout;
    expect(left.split("\n").filter((line) => line.includes("bomb")).length).toBe(0);
    hostAnswers();
  });

  it("stops a file larger than the file-size limit", async () => {
    const run = await runSandboxed("dd if=/dev/zero of=big bs=1M count=64 2>&1", work.dir, {
      ...limits,
      fileBytes: 8 * 1024 ** 2,
    });
    expect(run.exitCode).not.toBe(0);
    expect(run.limitHit).toBe("file_size");
    expect(statSync(join(work.dir, "big")).size).toBeLessThanOrEqual(8 * 1024 ** 2);
    hostAnswers();
  });

  it("kills a command that fills the work copy on the host's disk, file by file, at the disk cap", async () => {
    // Many files under the file-size limit, 4 MiB each, with a pause so the watcher sees it grow.
    const run = await runSandboxed(
      "i=0; while [ $i -lt 200 ]; do dd if=/dev/zero of=fill-$i bs=1M count=4 2>/dev/null; i=$((i+1)); sleep 0.05; done; echo filled",
      work.dir,
      { ...limits, fileBytes: 8 * 1024 ** 2, workDiskBytes: 64 * 1024 ** 2 },
    );
    expect(run.limitHit).toBe("work_disk");
    expect(run.output).not.toContain("filled");
    // Stopped near the cap (the watcher looks twice a second), far below the 800 MiB it meant to write.
    expect(bytesUnder(work.dir)).toBeLessThan(256 * 1024 ** 2);
    hostAnswers();
  });

  it("gives /tmp a fixed size, so filling it fails inside instead of eating the host's memory", async () => {
    const run = await runSandboxed("dd if=/dev/zero of=/tmp/fill bs=1M count=256 2>&1", work.dir, {
      ...limits,
      tmpBytes: 16 * 1024 ** 2,
    });
    expect(run.exitCode).not.toBe(0);
    expect(run.limitHit).toBe("tmp_space");
    expect(run.output).toContain("No space left on device");
    hostAnswers();
  });

  it("leaves the work copy owned as before, so the host's tools can read it afterwards", async () => {
    const before = statSync(work.dir);
    const run = await runSandboxed("echo built > out.txt", work.dir, limits);
    expect(run.exitCode).toBe(0);
    expect(run.limitHit).toBeNull();
    const out = statSync(join(work.dir, "out.txt"));
    expect([out.uid, out.gid]).toEqual([before.uid, before.gid]);
  });
});
