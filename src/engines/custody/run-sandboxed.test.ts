import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { detectSandbox, runSandboxed } from "./run-sandboxed.ts";
import { scratch } from "./test-repository.ts";

let work: ReturnType<typeof scratch>;
beforeEach(() => {
  work = scratch();
});
afterEach(() => work.remove());

const limits = { wallTimeMs: 20_000, cpuSeconds: 20, memoryBytes: 4 * 1024 ** 3 };

function listen(): Promise<{ server: Server; port: number; connections: () => number }> {
  let count = 0;
  const server = createServer((socket) => {
    count += 1;
    socket.destroy();
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({
        server,
        port: typeof address === "object" && address ? address.port : 0,
        connections: () => count,
      });
    });
  });
}

describe("runSandboxed", () => {
  it("finds a sandbox on this host", () => {
    expect(detectSandbox().kind).toBe("bwrap");
  });

  it("refuses to run anything, and says what to install, where bubblewrap is missing", () => {
    // A process whose PATH holds node and nothing else: no bwrap, no unshare.
    const bin = join(work.dir, "bin");
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, "node"));
    const probe = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        `import { runSandboxed } from ${JSON.stringify(join(import.meta.dirname, "run-sandboxed.ts"))};
         runSandboxed("touch ran", ${JSON.stringify(work.dir)}, { wallTimeMs: 5000 })
           .then(() => process.exit(0), (e) => { console.log(e.code + ": " + e.message); process.exit(3); });`,
      ],
      { encoding: "utf8", env: { PATH: bin }, cwd: process.cwd(), timeout: 60_000 },
    );
    expect(probe.status).toBe(3);
    expect(probe.stdout).toContain("unavailable: No sandbox is available");
    expect(probe.stdout).toContain("bubblewrap (bwrap) is not installed");
    expect(existsSync(join(work.dir, "ran"))).toBe(false);
  });

  it("cuts the network: a command that reaches a loopback server outside fails inside", async () => {
    const { server, port, connections } = await listen();
    try {
      const probe = `node -e "require('net').connect(${port},'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(7))"`;
      // The same probe outside the sandbox connects, so the failure inside is the sandbox's doing.
      const outside = await new Promise<number | null>((resolve) => {
        spawn("sh", ["-c", probe]).on("close", resolve);
      });
      expect(outside).toBe(0);
      await new Promise((done) => setTimeout(done, 100));
      const seenOutside = connections();
      expect(seenOutside).toBe(1);
      const run = await runSandboxed(probe, work.dir, limits);
      expect(run.exitCode).toBe(7);
      expect(connections()).toBe(seenOutside);
    } finally {
      server.close();
    }
  });

  it("kills a command that never ends at the wall-time limit, children included", async () => {
    const run = await runSandboxed("sleep 611.25 & sleep 611.5; wait", work.dir, {
      ...limits,
      wallTimeMs: 800,
    });
    expect(run.timedOut).toBe(true);
    expect(run.exitCode).not.toBe(0);
    const processes = spawnSync("ps", ["-eo", "args"], { encoding: "utf8" }).stdout;
    expect(processes).not.toContain("sleep 611.25");
    expect(processes).not.toContain("sleep 611.5");
  });

  it("lets a command write only in its work copy", async () => {
    const marker = `warden-sandbox-${process.pid}-${Date.now()}`;
    const run = await runSandboxed(
      `echo built > out.txt; touch /tmp/${marker}; echo x > /usr/${marker} 2>/dev/null; echo x > ${work.dir}/../${marker} 2>/dev/null; true`,
      work.dir,
      limits,
    );
    expect(run.exitCode).toBe(0);
    expect(readFileSync(join(work.dir, "out.txt"), "utf8")).toBe("built\n");
    expect(existsSync(`/tmp/${marker}`)).toBe(false);
    expect(existsSync(`/usr/${marker}`)).toBe(false);
    expect(existsSync(join(work.dir, "..", marker))).toBe(false);
  });

  it("hides the host's folders except those given read-only, such as an offline package cache", async () => {
    const cache = join(work.dir, "npm-cache");
    mkdirSync(cache);
    writeFileSync(join(cache, "package.tgz"), "cached\n");
    const project = join(work.dir, "project");
    mkdirSync(project);
    const read = `cat ${cache}/package.tgz`;
    expect((await runSandboxed(read, project, limits)).exitCode).not.toBe(0);
    const bound = await runSandboxed(`${read} && ! touch ${cache}/new 2>/dev/null`, project, limits, {
      readOnlyPaths: [cache],
    });
    expect(bound.exitCode).toBe(0);
    expect(bound.output).toContain("cached");
    await expect(
      runSandboxed("true", project, limits, { readOnlyPaths: ["relative/path"] }),
    ).rejects.toMatchObject({
      code: "invalid_input",
    });
  });

  it("bounds the captured output and enforces the memory limit", async () => {
    const noisy = await runSandboxed("yes warden | head -c 200000", work.dir, {
      ...limits,
      maxOutputBytes: 1000,
    });
    expect(noisy.outputTruncated).toBe(true);
    expect(noisy.output.length).toBeLessThan(1200);
    const hungry = await runSandboxed(
      `node -e "const b = Buffer.alloc(1.5 * 1024 ** 3, 1); console.log(b.length)"`,
      work.dir,
      { ...limits, memoryBytes: 1024 ** 3 },
    );
    expect(hungry.exitCode).not.toBe(0);
  });
});
