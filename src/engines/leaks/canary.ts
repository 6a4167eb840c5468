import { createHmac } from "node:crypto";
import { WardenError } from "../../domain/errors.ts";
import { MAX_PAYLOAD } from "./payload-code.ts";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const DEFAULT_KEY = "warden-leak-watch";
/** AWS access key ids are AKIA + 16 base32 characters: scanners everywhere flag them, which is the point. */
const CANARY = /AKIA([A-Z2-7]{16})/g;

export interface CanaryHit {
  payload: number;
  token: string;
  /** UTF-16 offset of the token in the searched text. */
  at: number;
}

function mac(payload: number, key: string): Buffer {
  const bytes = Buffer.alloc(5);
  bytes.writeUIntBE(payload, 0, 5);
  return createHmac("sha256", key).update(bytes).digest().subarray(0, 5);
}

/**
 * A fake credential unique to one copy: 40 bits of payload and 40 bits of keyed MAC, shaped
 * like an AWS access key id so that secret scanners report it wherever it is published.
 *
 * @example
 * canaryToken(42); // "AKIA…" (20 characters)
 */
export function canaryToken(payload: number, options: { key?: string } = {}): string {
  if (!Number.isSafeInteger(payload) || payload < 0 || payload > MAX_PAYLOAD) {
    throw new WardenError(
      "invalid_input",
      `Canary payload must be an integer from 0 to ${MAX_PAYLOAD}: got ${payload}.`,
    );
  }
  const bytes = Buffer.concat([Buffer.from([0, 0, 0, 0, 0]), mac(payload, options.key ?? DEFAULT_KEY)]);
  bytes.writeUIntBE(payload, 0, 5);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = "";
  for (let i = 15; i >= 0; i--) out += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return `AKIA${out}`;
}

/**
 * Finds every canary token in a text whose MAC checks out (real AWS keys and random strings
 * do not), one hit per payload.
 */
export function findCanaries(text: string, options: { key?: string } = {}): CanaryHit[] {
  const key = options.key ?? DEFAULT_KEY;
  const hits = new Map<number, CanaryHit>();
  for (const match of text.matchAll(CANARY)) {
    let bits = 0n;
    for (const ch of match[1]!) bits = (bits << 5n) | BigInt(ALPHABET.indexOf(ch));
    const bytes = Buffer.alloc(10);
    for (let i = 9; i >= 0; i--) {
      bytes[i] = Number(bits & 255n);
      bits >>= 8n;
    }
    const payload = bytes.readUIntBE(0, 5);
    if (!mac(payload, key).equals(bytes.subarray(5))) continue;
    if (!hits.has(payload)) hits.set(payload, { payload, token: match[0], at: match.index });
  }
  return [...hits.values()];
}
