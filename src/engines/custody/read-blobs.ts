import { WardenError } from "../../domain/errors.ts";
import { firstLines, killGroup, spawnGit } from "./run-git.ts";

/** Receives one object's content, in order, chunk by chunk (a huge blob is never held whole). */
export interface BlobVisitor {
  start(index: number, oid: string, size: number): void;
  data(chunk: Buffer): void;
  end(): void;
}

/**
 * Streams objects out of a repository with one `git cat-file --batch` process. Visits them in the
 * order given; a missing object is an `integrity` error.
 */
export function readBlobs(
  gitDir: string,
  oids: readonly string[],
  visitor: BlobVisitor,
  options: { timeoutMs?: number } = {},
): Promise<void> {
  if (oids.length === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const child = spawnGit(["cat-file", "--batch"], { cwd: gitDir });
    let failure: Error | undefined;
    const fail = (error: Error) => {
      if (!failure) {
        failure = error;
        killGroup(child);
      }
    };
    const timer = setTimeout(
      () => fail(new WardenError("timeout", "Reading the delivered files took too long and was stopped.")),
      options.timeoutMs ?? 30 * 60_000,
    );

    let index = 0;
    let remaining = -1; // -1: reading a header; >= 0: body bytes left; then one LF
    let awaitingLf = false;
    let header = Buffer.alloc(0);
    let stderr = "";

    const onChunk = (chunk: Buffer) => {
      let offset = 0;
      while (offset < chunk.length && !failure) {
        if (awaitingLf) {
          offset += 1;
          awaitingLf = false;
          remaining = -1;
          visitor.end();
          index += 1;
          continue;
        }
        if (remaining < 0) {
          const newline = chunk.indexOf(10, offset);
          if (newline < 0) {
            header = Buffer.concat([header, chunk.subarray(offset)]);
            if (header.length > 1024)
              fail(new WardenError("integrity", "Malformed output from git cat-file."));
            return;
          }
          const line = Buffer.concat([header, chunk.subarray(offset, newline)]).toString("utf8");
          header = Buffer.alloc(0);
          offset = newline + 1;
          const parts = line.split(" ");
          if (parts[1] === "missing" || parts.length !== 3) {
            fail(
              new WardenError(
                "integrity",
                `Object ${parts[0]} is missing from the mirror; run a sync and fsck.`,
              ),
            );
            return;
          }
          const size = Number(parts[2]);
          visitor.start(index, parts[0] ?? "", size);
          remaining = size;
          if (remaining === 0) awaitingLf = true;
          continue;
        }
        const take = Math.min(remaining, chunk.length - offset);
        visitor.data(chunk.subarray(offset, offset + take));
        offset += take;
        remaining -= take;
        if (remaining === 0) awaitingLf = true;
      }
    };

    child.stdout?.on("data", (chunk: Buffer) => {
      try {
        onChunk(chunk);
      } catch (error) {
        fail(error instanceof Error ? error : new Error(String(error)));
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      if (stderr.length < 8192) stderr += chunk.toString("utf8");
    });
    child.on("error", (error) => fail(error));
    child.on("close", (code) => {
      clearTimeout(timer);
      if (failure) reject(failure);
      else if (index !== oids.length) {
        reject(
          new WardenError("integrity", `git cat-file stopped early (exit ${code}): ${firstLines(stderr)}`),
        );
      } else resolve();
    });
    child.stdin?.on("error", () => {
      // cat-file exits on a bad request; the close handler reports it.
    });
    child.stdin?.end(`${oids.join("\n")}\n`);
  });
}
