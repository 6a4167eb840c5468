import { request as httpRequest } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_PASSWORD } from "../support/fixtures.ts";
import { textOperatorPdf } from "../support/hostile-pdf.ts";
import { createTestConfig } from "../support/test-runtime.ts";
import { startWardenProcess, type WardenProcess } from "../support/warden-process.ts";

// A bounded load check against a real `warden serve`: 20 clients on loopback for LOAD_MS send
// hostile uploads (bogus link tokens with 50 MB bodies, bodies past the upload limit) and a hostile
// PDF to analyse, while a probe times /api/health. The health route must stay responsive: the
// bound tells "blocked for seconds" from "answering", with room for this busy test machine.

const LOAD_MS = 20_000;
const MAX_ROUNDS = 400;
const HEALTH_P99_BOUND_MS = 1_000;
const BOUNDARY = "----warden-load";

/**
 * Sends the start of a large multipart upload (its `meta` or `question` field, then the file),
 * waits for the answer, and drops the connection.
 */
function hostileUpload(
  url: string,
  headers: Record<string, string>,
  field: [string, string],
  declaredBytes: number,
): Promise<number> {
  return new Promise((resolve) => {
    const req = httpRequest(url, {
      method: "POST",
      headers: {
        ...headers,
        "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
        "content-length": String(declaredBytes),
      },
    });
    const timer = setTimeout(() => finish(0), 30_000);
    const finish = (status: number) => {
      clearTimeout(timer);
      req.destroy();
      resolve(status);
    };
    req.on("error", () => finish(0));
    req.on("response", (res) => {
      res.resume();
      finish(res.statusCode ?? 0);
    });
    req.write(
      `--${BOUNDARY}\r\ncontent-disposition: form-data; name="${field[0]}"\r\n\r\n${field[1]}\r\n--${BOUNDARY}\r\ncontent-disposition: form-data; name="file"; filename="x.txt"\r\ncontent-type: text/plain\r\n\r\n`,
    );
    req.write(Buffer.alloc(512 * 1024, 0x20));
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

describe("bounded load: hostile uploads and documents", () => {
  let server: WardenProcess | undefined;
  const made = createTestConfig({ WARDEN_MAX_UPLOAD_MB: "4" });
  afterAll(async () => {
    await server?.stop();
    await (await made).dispose();
  });

  it("keeps /api/health responsive and fails the hostile PDF, under 20 hostile clients", async () => {
    const { env } = await made;
    server = await startWardenProcess(env, { expectSetupLink: true });
    const base = server.url;
    const setupToken = new URL(server.setupUrl ?? "").searchParams.get("token");
    const setup = await fetch(`${base}/api/setup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        token: setupToken,
        email: "admin@example.com",
        name: "Admin",
        password: TEST_PASSWORD,
      }),
    });
    expect(setup.status).toBeLessThan(300);
    /** An API token of a signed-in account (from its sign-in response). */
    const tokenOf = async (signedIn: Response) => {
      const cookie = /warden_session=[^;]+/.exec(signedIn.headers.get("set-cookie") ?? "")?.[0] ?? "";
      const { csrfToken: csrf, restriction } = (await signedIn.json()) as {
        csrfToken: string;
        restriction?: string | null;
      };
      if (restriction === "change_password") {
        // An admin set this password: the account changes it (to the same, for the test) first.
        const changed = await fetch(`${base}/api/auth/password`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie, "x-csrf-token": csrf },
          body: JSON.stringify({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }),
        });
        expect(changed.status).toBe(204);
      }
      const minted = await fetch(`${base}/api/tokens`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, "x-csrf-token": csrf },
        body: JSON.stringify({ name: "load" }),
      });
      return `Bearer ${((await minted.json()) as { token: string }).token}`;
    };
    const post = async (auth: string, path: string, body: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method: "POST",
        headers: { authorization: auth, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      return (await res.json()) as { id: string };
    };
    const admin = await tokenOf(setup);
    /** A new account of `role`, signed in, as an API token. */
    const account = async (role: string) => {
      const email = `${role}@example.com`;
      await post(admin, "/api/users", { email, name: role, role, password: TEST_PASSWORD });
      return tokenOf(
        await fetch(`${base}/api/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email, password: TEST_PASSWORD }),
        }),
      );
    };
    const auth = await account("security");
    const legal = await account("legal");
    const vendor = await post(auth, "/api/vendors", { legalName: "Load Test Ltd", country: "IN" });
    const engagement = await post(auth, "/api/engagements", {
      vendorId: vendor.id,
      name: "Load",
      offshore: true,
    });

    // A one-page PDF whose text operators take pdf.js far longer than its budget.
    const bomb = textOperatorPdf(2_500_000);
    const deadline = Date.now() + LOAD_MS;
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);

    const probe = async () => {
      for (let i = 0; i < 20 * MAX_ROUNDS && Date.now() < deadline; i++) {
        const started = performance.now();
        const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
        latencies.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const linkAttacker = async (client: number) => {
      for (let i = 0; i < MAX_ROUNDS && Date.now() < deadline; i++) {
        const token = `bogus-load-token-${client}-${String(i).padStart(16, "0")}`;
        count(
          await hostileUpload(
            `${base}/api/questionnaire-link/files`,
            { "x-questionnaire-link": token },
            ["question", "q"],
            3 * 1024 * 1024,
          ),
        );
      }
    };
    const oversized = async () => {
      for (let i = 0; i < MAX_ROUNDS && Date.now() < deadline; i++) {
        // Signed in, with the right role, but 50 MB declared against a 4 MB limit.
        const meta = JSON.stringify({ title: "Load", engagementId: engagement.id });
        count(
          await hostileUpload(
            `${base}/api/evidence/upload`,
            { authorization: auth },
            ["meta", meta],
            50 * 1024 * 1024,
          ),
        );
      }
    };
    const uploadBomb = async (): Promise<string> => {
      const form = new FormData();
      form.set("meta", JSON.stringify({ engagementId: engagement.id, kind: "msa", title: "Hostile" }));
      form.set("file", new File([Buffer.from(bomb)], "hostile.pdf", { type: "application/pdf" }));
      // Encoded first and sent with its length, as a browser does.
      const encoded = new Request(base, { method: "POST", body: form });
      const body = Buffer.from(await encoded.arrayBuffer());
      const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = httpRequest(`${base}/api/contracts/upload`, {
          method: "POST",
          headers: {
            authorization: legal,
            "content-type": encoded.headers.get("content-type") ?? "",
            "content-length": String(body.length),
          },
        });
        req.on("error", reject);
        req.on("response", (res) => {
          let text = "";
          res.setEncoding("utf8").on("data", (chunk: string) => {
            text += chunk;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.end(body);
      });
      expect(answer.status, answer.text).toBe(201);
      return (JSON.parse(answer.text) as { id: string }).id;
    };

    const contractId = await uploadBomb();
    await Promise.all([
      probe(),
      ...Array.from({ length: 16 }, (_, client) => linkAttacker(client)),
      oversized(),
      oversized(),
      oversized(),
    ]);

    const sorted = [...latencies].sort((a, b) => a - b);
    const p50 = percentile(sorted, 50);
    const p99 = percentile(sorted, 99);
    console.log(
      `load check: ${sorted.length} health probes, p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms; answers ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(sorted.length).toBeGreaterThan(20);
    expect(p99).toBeLessThan(HEALTH_P99_BOUND_MS);
    // The strangers were refused (404, or 429 once over the rate limit), the oversized bodies too (413).
    expect((statuses.get(404) ?? 0) + (statuses.get(429) ?? 0)).toBeGreaterThan(16);
    expect(statuses.get(413) ?? 0).toBeGreaterThan(3);
    expect(statuses.get(201) ?? 0).toBe(0);

    // The hostile PDF ends as a clear failure, never "analysed".
    let contract: { status: string; failureReason?: string | null } = { status: "queued" };
    for (let i = 0; i < 240 && !["failed", "analysed"].includes(contract.status); i++) {
      await new Promise((r) => setTimeout(r, 500));
      contract = (await (
        await fetch(`${base}/api/contracts/${contractId}`, { headers: { authorization: legal } })
      ).json()) as typeof contract;
    }
    console.log(`hostile PDF: ${contract.status}: ${contract.failureReason ?? ""}`);
    expect(contract.status).toBe("failed");
    expect(contract.failureReason).toMatch(/stopped|longer than|too large|more than/i);
  }, 240_000);
});
