import { readdir } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../src/services/auth/api-tokens.ts";
import { LINK_REQUEST_LIMITS } from "../../src/services/questionnaires/limit-link-requests.ts";
import { contextFor, makeUser } from "../support/fixtures.ts";
import { json, type QuestionnaireWorld, questionnaireWorld } from "../support/questionnaire-world.ts";

// Hostile uploads: strangers with bogus link tokens, signed-in users without the role, and bodies
// larger than the limit. Warden must answer them before reading their bodies, and must never hold
// a body in memory.

const BOUNDARY = "----warden-attack";

/**
 * Starts a multipart upload over a real socket and never finishes its body: the answer can only
 * come from a server that decided before reading it.
 */
function stalledUpload(
  url: string,
  headers: Record<string, string>,
  fields: Record<string, string>,
): Promise<{ status: number; body: string; close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: "POST",
      headers: {
        ...headers,
        "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
        "content-length": String(50 * 1024 * 1024),
      },
    });
    req.on("error", () => {});
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, close: () => req.destroy() }));
      res.on("error", reject);
    });
    let head = "";
    for (const [name, value] of Object.entries(fields)) {
      head += `--${BOUNDARY}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    }
    head += `--${BOUNDARY}\r\ncontent-disposition: form-data; name="file"; filename="big.pdf"\r\ncontent-type: application/pdf\r\n\r\n%PDF-1.4\n`;
    req.write(head);
    req.write(Buffer.alloc(256 * 1024, 0x41));
    // …and the remaining 50 MB never come.
  });
}

function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${ms} ms: ${what}`)), ms),
    ),
  ]);
}

describe("hostile uploads", () => {
  let world: QuestionnaireWorld;
  let server: ReturnType<typeof serve>;
  let url: string;
  beforeAll(async () => {
    world = await questionnaireWorld();
    server = serve({ fetch: world.app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await world.runtime.close();
  });

  it("answers a bogus link token's upload with 404 before reading its body", async () => {
    const answer = await within(
      15_000,
      stalledUpload(
        `${url}/api/questionnaire-link/files`,
        { "x-questionnaire-link": "bogus-token-that-is-long-enough-0001" },
        { question: "policyDoc" },
      ),
      "bogus token upload",
    );
    answer.close();
    expect(answer.status).toBe(404);
    expect(answer.body).toContain("not valid");
  });

  it("answers an upload by a role that may not make it with 403 before reading its body", async () => {
    const finance = await makeUser(world.runtime, "finance");
    const token = (await createApiToken(contextFor(world.runtime, finance), { name: "attack" })).token;
    const answer = await within(
      15_000,
      stalledUpload(
        `${url}/api/contracts/upload`,
        { authorization: `Bearer ${token}` },
        { meta: JSON.stringify({ engagementId: world.a.engagementId, kind: "msa", title: "x" }) },
      ),
      "contract upload by finance",
    );
    answer.close();
    expect(answer.status).toBe(403);
  });

  it("streams a file past the upload limit to a 413 and leaves no temporary file behind", async () => {
    const security = await makeUser(world.runtime, "security");
    const token = (await createApiToken(contextFor(world.runtime, security), { name: "big" })).token;
    const limit = world.runtime.config.maxUploadBytes;
    // Sent chunked, without a length to refuse up front: only a running count catches it.
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const meta = JSON.stringify({ title: "Big", engagementId: world.a.engagementId });
        controller.enqueue(
          new TextEncoder().encode(
            `--${BOUNDARY}\r\ncontent-disposition: form-data; name="meta"\r\n\r\n${meta}\r\n--${BOUNDARY}\r\ncontent-disposition: form-data; name="file"; filename="big.txt"\r\ncontent-type: text/plain\r\n\r\n`,
          ),
        );
        const chunk = new Uint8Array(1024 * 1024).fill(0x61);
        for (let sent = 0; sent <= limit; sent += chunk.length) controller.enqueue(chunk);
        controller.enqueue(new TextEncoder().encode(`\r\n--${BOUNDARY}--\r\n`));
        controller.close();
      },
    });
    const res = await fetch(`${url}/api/evidence/upload`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
      },
      body,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    const tmp = join(world.runtime.blobs.location, "tmp");
    const left = await readdir(tmp).catch(() => []);
    expect(left).toEqual([]);
  });

  it("still takes a good link's file, streamed, with its question sent first", async () => {
    const { token } = await world.sendLink(world.b.engagementId);
    const res = await world.linkUpload(token, "policyDoc");
    expect(res.status).toBe(201);
    expect((await json(res)).sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("rate-limits the public link routes per address, whatever token is tried", async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= LINK_REQUEST_LIMITS.perAddress; i++) {
      const res = await world.link(`bogus-token-rotating-${String(i).padStart(20, "0")}`, "GET");
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 5).every((status) => status === 404)).toBe(true);
    const last = await world.link("bogus-token-after-the-limit-000000000", "GET");
    expect(last.status).toBe(429);
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0);
    // A new minute opens a new window.
    world.clock.now = new Date(world.clock.now.getTime() + 61_000);
    expect((await world.link("bogus-token-next-minute-000000000000", "GET")).status).toBe(404);
  });
});
