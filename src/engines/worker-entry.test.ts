import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { workerEntry } from "./worker-entry.ts";

describe("workerEntry", () => {
  it("names the TypeScript entry beside a module run from its sources", () => {
    const url = workerEntry("scan-secrets-worker", "file:///opt/warden/src/engines/custody/scan-secrets.ts");
    expect(url.href).toBe("file:///opt/warden/src/engines/custody/scan-secrets-worker.ts");
  });

  it("names the compiled entry beside a module run from dist", () => {
    const url = workerEntry("scan-secrets-worker", "file:///opt/warden/dist/engines/custody/scan-secrets.js");
    expect(url.href).toBe("file:///opt/warden/dist/engines/custody/scan-secrets-worker.js");
  });

  it("finds the secret scan's worker from this checkout's sources", () => {
    const custody = new URL("./custody/scan-secrets.ts", import.meta.url).href;
    expect(existsSync(fileURLToPath(workerEntry("scan-secrets-worker", custody)))).toBe(true);
  });
});
