import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import { createApiToken } from "../../src/services/auth/api-tokens.ts";
import { contextFor, makeEngagement, makeUser } from "../support/fixtures.ts";
import { createTestRuntime, type TestRuntime } from "../support/test-runtime.ts";

describe("evidence upload over HTTP", () => {
  let runtime: TestRuntime;
  let app: ReturnType<typeof createApp>;
  let auth: { authorization: string };
  let engagementId: string;
  beforeAll(async () => {
    runtime = await createTestRuntime({ env: { WARDEN_MAX_UPLOAD_MB: "1" } });
    app = createApp(runtime);
    const admin = await makeUser(runtime, "security");
    auth = {
      authorization: `Bearer ${(await createApiToken(contextFor(runtime, admin), { name: "upload" })).token}`,
    };
    engagementId = (await makeEngagement(runtime)).engagementId;
  });
  afterAll(async () => runtime.close());

  function form(meta: unknown, file?: File): FormData {
    const body = new FormData();
    body.set("meta", JSON.stringify(meta));
    if (file) body.set("file", file);
    return body;
  }

  it("stores the file by its sha256 and lists it with its controls; the download returns the same bytes", async () => {
    const bytes = "Certificate of destruction: 4 laptops, 2 USB drives.";
    const res = await app.request("/api/evidence/upload", {
      method: "POST",
      headers: auth,
      body: form(
        { title: "Media destruction certificate", engagementId, controls: ["TM-3"] },
        new File([bytes], "certificate.txt", { type: "text/plain" }),
      ),
    });
    expect(res.status).toBe(201);
    const stored = (await res.json()) as { id: string; sha256: string; controls: string[] };
    expect(stored.controls).toEqual(["TM-3"]);
    expect(await runtime.blobs.has(stored.sha256)).toBe(true);
    const list = (await (
      await app.request(`/api/engagements/${engagementId}/evidence`, { headers: auth })
    ).json()) as { id: string }[];
    expect(list.map((e) => e.id)).toContain(stored.id);
    const download = await app.request(`/api/evidence/${stored.id}/file`, { headers: auth });
    expect(await download.text()).toBe(bytes);
    expect(download.headers.get("content-disposition")).toContain("certificate.txt");
  });

  it("refuses a file type it does not accept, with 415 problem+json", async () => {
    const res = await app.request("/api/evidence/upload", {
      method: "POST",
      headers: auth,
      body: form(
        { title: "Tool", engagementId },
        new File(["MZ"], "tool.exe", { type: "application/x-msdownload" }),
      ),
    });
    expect(res.status).toBe(415);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("refuses a file over the upload limit with 413 and stores nothing", async () => {
    const before = (await runtime.db.selectFrom("evidence").select("id").execute()).length;
    const res = await app.request("/api/evidence/upload", {
      method: "POST",
      headers: auth,
      body: form(
        { title: "Huge", engagementId },
        new File([new Uint8Array(1024 * 1024 + 10)], "huge.pdf", { type: "application/pdf" }),
      ),
    });
    expect(res.status).toBe(413);
    expect((await runtime.db.selectFrom("evidence").select("id").execute()).length).toBe(before);
  });
});
