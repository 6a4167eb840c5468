import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SecretBox } from "./secret-box.ts";

describe("SecretBox", () => {
  it("opens what it sealed, and never stores the plaintext", () => {
    const box = new SecretBox(randomBytes(32));
    const sealed = box.seal("ldap-bind-password");
    expect(sealed).not.toContain("ldap-bind-password");
    expect(box.open(sealed)).toBe("ldap-bind-password");
  });

  it("refuses a tampered ciphertext", () => {
    const box = new SecretBox(randomBytes(32));
    const parts = box.seal("secret").split(":");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => box.open(parts.join(":"))).toThrow(/cannot be decrypted/);
  });

  it("refuses to open with another key", () => {
    const sealed = new SecretBox(randomBytes(32)).seal("secret");
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow(/not the one it was sealed with/);
  });

  it("derives a stable key per label that differs between labels and installations", () => {
    const secret = randomBytes(32);
    const box = new SecretBox(secret);
    const key = box.deriveKey("leak-watch/watermark");
    expect(key).toHaveLength(32);
    expect(new SecretBox(Buffer.from(secret)).deriveKey("leak-watch/watermark").equals(key)).toBe(true);
    expect(box.deriveKey("leak-watch/canary").equals(key)).toBe(false);
    expect(new SecretBox(randomBytes(32)).deriveKey("leak-watch/watermark").equals(key)).toBe(false);
    expect(key.equals(secret)).toBe(false);
  });
});
