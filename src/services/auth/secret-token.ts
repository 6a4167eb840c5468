import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A new random secret (256 bits), base64url. */
export function newSecretToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Secrets are stored only as their sha256: a database leak does not leak sessions or tokens. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
