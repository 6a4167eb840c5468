import { request as httpRequest } from "node:http";
import { TEST_PASSWORD } from "./fixtures.ts";
import { textOperatorPdf } from "./hostile-pdf.ts";

// Hostile load against a real `warden serve`: clients on loopback send hostile uploads (bogus link
// tokens with large bodies, bodies past the upload limit) and a hostile PDF to analyse, while a
// probe times /api/health. Shared by the bounded load check and the health benchmark.

const MAX_ROUNDS = 400;
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

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** The accounts and records a hostile load needs, made through the API of a fresh Warden. */
export interface HostileLoadSetup {
  /** API tokens (`Bearer …`) of a security and a legal user. */
  auth: string;
  legal: string;
  engagementId: string;
}

/** Creates the first admin with the setup link, a security and a legal user, a vendor and an engagement. */
export async function prepareHostileLoad(base: string, setupUrl: string): Promise<HostileLoadSetup> {
  const setupToken = new URL(setupUrl).searchParams.get("token");
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
  if (setup.status >= 300) throw new Error(`setup answered ${setup.status}`);
  /** An API token of a signed-in account (from its sign-in response). */
  const tokenOf = async (signedIn: Response) => {
    const cookie = /warden_session=[^;]+/.exec(signedIn.headers.get("set-cookie") ?? "")?.[0] ?? "";
    const { csrfToken: csrf, restriction } = (await signedIn.json()) as {
      csrfToken: string;
      restriction?: string | null;
    };
    if (restriction === "change_password") {
      // An admin set this password: the account changes it (to the same, for the load) first.
      const changed = await fetch(`${base}/api/auth/password`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, "x-csrf-token": csrf },
        body: JSON.stringify({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }),
      });
      if (changed.status !== 204) throw new Error(`password change answered ${changed.status}`);
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
    if (res.status >= 300) throw new Error(`${path} answered ${res.status}: ${await res.clone().text()}`);
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
  return { auth, legal, engagementId: engagement.id };
}

export interface HostileLoadResult {
  /** Health probe latencies, in milliseconds, in the order taken. */
  latencies: number[];
  /** How many health answers were not 200. */
  unhealthy: number;
  /** How many hostile requests got each status. */
  statuses: Map<number, number>;
  /** The contract whose hostile PDF was queued for analysis. */
  contractId: string;
}

/**
 * Uploads the hostile PDF, then runs `clients` hostile clients for `durationMs` (one timing
 * /api/health every 50 ms, three sending oversized evidence, the rest bogus-link uploads).
 */
export async function runHostileLoad(
  base: string,
  { auth, legal, engagementId }: HostileLoadSetup,
  options: { durationMs: number; clients: number },
): Promise<HostileLoadResult> {
  const engagement = { id: engagementId };
  // A one-page PDF whose text operators take pdf.js far longer than its budget.
  const bomb = textOperatorPdf(2_500_000, "Confidential", 12);
  const deadline = Date.now() + options.durationMs;
  const latencies: number[] = [];
  let unhealthy = 0;
  const statuses = new Map<number, number>();
  const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);

  const probe = async () => {
    for (let i = 0; i < 20 * MAX_ROUNDS && Date.now() < deadline; i++) {
      const started = performance.now();
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(30_000) });
      await res.arrayBuffer();
      latencies.push(performance.now() - started);
      if (res.status !== 200) unhealthy++;
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
    if (answer.status !== 201)
      throw new Error(`the hostile PDF upload answered ${answer.status}: ${answer.text}`);
    return (JSON.parse(answer.text) as { id: string }).id;
  };

  const contractId = await uploadBomb();
  await Promise.all([
    probe(),
    ...Array.from({ length: options.clients - 4 }, (_, client) => linkAttacker(client)),
    oversized(),
    oversized(),
    oversized(),
  ]);
  return { latencies, unhealthy, statuses, contractId };
}
