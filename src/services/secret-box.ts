import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { WardenError } from "../domain/errors.ts";

const VERSION = "v1";

/**
 * Encrypts secrets at rest (connector passwords, repository credentials) with
 * AES-256-GCM. Ciphertexts read `v1:<iv>:<tag>:<data>` in base64url, so a key
 * rotation can add `v2` later.
 *
 * @example
 * const box = await SecretBox.fromConfig(config);
 * const stored = box.seal("hunter2");
 * box.open(stored) === "hunter2";
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new WardenError("invalid_input", "The secret key must be 32 bytes.");
  }

  /** The key from WARDEN_SECRET_KEY, or else `secret.key` in the data folder, made on first use. */
  static async fromConfig(config: { secretKeyHex: string | undefined; dataDir: string }): Promise<SecretBox> {
    if (config.secretKeyHex) return new SecretBox(Buffer.from(config.secretKeyHex, "hex"));
    const path = join(config.dataDir, "secret.key");
    try {
      return new SecretBox(Buffer.from((await readFile(path, "utf8")).trim(), "hex"));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    await mkdir(config.dataDir, { recursive: true });
    const key = randomBytes(32);
    try {
      await writeFile(path, key.toString("hex"), { mode: 0o600, flag: "wx" });
      return new SecretBox(key);
    } catch (error) {
      // Another process made it first: use theirs.
      if ((error as NodeJS.ErrnoException).code === "EEXIST") return SecretBox.fromConfig(config);
      throw error;
    }
  }

  /**
   * A key for one purpose (e.g. leak watermarks), derived from the installation's secret
   * so that it is never stored, differs between installations, and reveals nothing of the
   * secret key or of keys derived for other labels.
   *
   * @example
   * const watermarkKey = box.deriveKey("leak-watch/watermark").toString("hex");
   */
  deriveKey(label: string): Buffer {
    if (!label) throw new WardenError("invalid_input", "A derived key needs a label naming its purpose.");
    return createHmac("sha256", this.key).update(`warden-derived-key\0${label}`).digest();
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return [
      VERSION,
      iv.toString("base64url"),
      cipher.getAuthTag().toString("base64url"),
      data.toString("base64url"),
    ].join(":");
  }

  open(sealed: string): string {
    const [version, iv, tag, data] = sealed.split(":");
    if (version !== VERSION || !iv || !tag || data === undefined) {
      throw new WardenError("integrity", "A stored secret is not in a format this Warden can read.");
    }
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString(
        "utf8",
      );
    } catch {
      throw new WardenError(
        "integrity",
        "A stored secret cannot be decrypted: the secret key (WARDEN_SECRET_KEY or secret.key) is not the one it was sealed with.",
      );
    }
  }
}
