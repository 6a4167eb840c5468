import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SecretScanner, scanSecrets } from "./scan-secrets.ts";
import { shannonEntropy } from "./secret-rules.ts";
import { scratch, sshKey } from "./test-repository.ts";

let work: ReturnType<typeof scratch>;
beforeEach(() => {
  work = scratch();
});
afterEach(() => work.remove());

const AWS_ID = "AKIAQYLPMN5HHHFPZAM2";
const AWS_SECRET = "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";

function scanOne(path: string, text: string) {
  return new SecretScanner().scanBuffer(path, Buffer.from(text));
}

describe("SecretScanner", () => {
  it("finds a planted AWS key pair with its line and column, and masks it in the snippet", () => {
    const text = `# settings\nregion = "eu-west-1"\naws_access_key_id = ${AWS_ID}\naws_secret_access_key = ${AWS_SECRET}\n`;
    const findings = scanOne("config/aws.ini", text);
    expect(findings.map((finding) => [finding.rule, finding.line, finding.column])).toEqual([
      ["aws-access-key-id", 3, 21],
      ["aws-secret-access-key", 4, 25],
    ]);
    for (const finding of findings) {
      expect(finding.snippet).not.toContain(AWS_ID);
      expect(finding.snippet).not.toContain(AWS_SECRET);
    }
  });

  it("finds a real OpenSSH private key and a PEM RSA key, including one escaped inside JSON", () => {
    const openssh = readFileSync(sshKey(work.dir, "deploy").privateKey, "utf8");
    const escaped = JSON.stringify({ private_key: openssh });
    const found = [...scanOne("keys/id_ed25519", openssh), ...scanOne("service-account.json", escaped)].map(
      (finding) => [finding.rule, finding.file, finding.line],
    );
    expect(found).toEqual([
      ["private-key", "keys/id_ed25519", 1],
      ["private-key", "service-account.json", 1],
    ]);
  });

  it("ignores a key header with no key after it, documented example keys and low-entropy passwords", () => {
    const text = [
      `const header = "-----BEGIN RSA PRIVATE KEY-----";`,
      `const example = "AKIAIOSFODNN7EXAMPLE";`,
      `password = "aaaabbbb11112222"`,
      `secret = "changeme-0123456789abcdef"`,
      `token: "\${process.env.TOKEN_VALUE_FROM_ENV}"`,
    ].join("\n");
    expect(scanOne("src/doc.ts", text)).toEqual([]);
  });

  it("finds signed JSON Web Tokens and unquoted secrets in .properties, .env and YAML files", () => {
    const header = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");
    const payload = Buffer.from(JSON.stringify({ sub: "svc-billing", iat: 1767225600 })).toString(
      "base64url",
    );
    const jwt = `${header}.${payload}.Qm9G3xv1cR8kT2pWzL7yNfA0sHdJ4uEoVbI5`;
    expect(scanOne("src/client.ts", `const auth = "Bearer ${jwt}";\n`).map((f) => f.rule)).toEqual(["jwt"]);
    const unquoted = [
      ["conf/app.properties", "db.password=Zq8vN2rT5wY1pL7k\n"],
      ["deploy/.env", "API_TOKEN=9fJ2kL8qW3eR7tY1uI5o\n"],
      ["values.yml", "auth:\n  clientSecret: hG5tR8wQ2zX7vB4nM1kL\nnext: 1\n"],
    ] as const;
    for (const [path, text] of unquoted) {
      expect({ path, rules: scanOne(path, text).map((f) => f.rule) }).toEqual({
        path,
        rules: ["generic-secret-unquoted"],
      });
    }
  });

  it("passes over placeholders in provider formats, unsigned tokens and code that reads a secret", () => {
    const none = Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url");
    const text = [
      `STRIPE_KEY=sk_test_${"X".repeat(24)}dummy`,
      `const maps = "AIzaSy${"X".repeat(33)}";`,
      `GITHUB_TOKEN=ghp_${"x".repeat(36)}`,
      `const unsigned = "${none}.eyJzdWIiOiJhbm9ueW1vdXMifQ.c2lnbmF0dXJlLWxlZnQtb3V0";`,
      "password=$DB_PASSWORD_2",
      "token: request.headers.authorization",
      "db.password=changeme-before-release",
    ].join("\n");
    expect(scanOne("config/sample.env", text)).toEqual([]);
  });

  it("finds provider tokens and credentials in URLs", () => {
    const text = [
      `GITHUB_TOKEN=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`,
      `gitlab: glpat-Xq3vT9bLm2Ns8Kp4Rw7Y`,
      `slack = "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"`,
      `stripe = "sk_live_51H8aBcDeFgHiJkLmNoPqRsTu"`,
      `//registry.npmjs.org/:_authToken=npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8`,
      `DATABASE_URL=postgres://app:Zx9vQ2mK7pL4@db.internal:5432/prod`,
      `api_key = "q8Zt3Lm9Xv2Rk7Wn4Bp6Yc1Hd5"`,
    ].join("\n");
    expect(scanOne(".env", text).map((finding) => finding.rule)).toEqual([
      "github-token",
      "gitlab-token",
      "slack-token",
      "stripe-key",
      "npm-token",
      "credentials-in-url",
      "generic-secret-assignment",
    ]);
  });

  it("tries the rules of a shorter keyword where a longer one matched", () => {
    // "secret_access_key" is the AWS rule's keyword; a value that is not an AWS key still counts as a secret.
    const findings = scanOne("app.yml", `secret_access_key: "q8Zt3Lm9Xv2Rk7Wn4Bp6Yc1Hd5"\n`);
    expect(findings.map((finding) => finding.rule)).toEqual(["generic-secret-assignment"]);
  });

  it("honours the allowlist by path, rule and fingerprint", () => {
    const text = `aws_access_key_id = ${AWS_ID}\nGITHUB_TOKEN=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\n`;
    const all = scanOne("ci/env", text);
    const aws = all.find((finding) => finding.rule === "aws-access-key-id");
    expect(aws).toBeDefined();
    const byFingerprint = new SecretScanner({ allowlist: { fingerprints: [aws?.fingerprint ?? ""] } });
    expect(byFingerprint.scanBuffer("ci/env", Buffer.from(text)).map((finding) => finding.rule)).toEqual([
      "github-token",
    ]);
    // Allowlisting a provider's rule leaves the generic ones, which still see a secret assigned.
    const byRule = new SecretScanner({ allowlist: { rules: ["github-token", "generic-secret-unquoted"] } });
    expect(byRule.scanBuffer("ci/env", Buffer.from(text)).map((finding) => finding.rule)).toEqual([
      "aws-access-key-id",
    ]);
    const byPath = new SecretScanner({ allowlist: { paths: ["ci/**"] } });
    expect(byPath.scanBuffer("ci/env", Buffer.from(text))).toEqual([]);
    expect(byPath.scanBuffer("src/env", Buffer.from(text))).toHaveLength(2);
    // History scans hand over text: the path allowlist holds there too.
    expect(byPath.scanText("ci/env", text)).toEqual([]);
    expect(byPath.scanText("src/env", text)).toHaveLength(2);
  });

  it("reports the same fingerprint for the same secret in two files", () => {
    const [a] = scanOne("a.txt", `k=${AWS_ID}`);
    const [b] = scanOne("b/c.txt", `\n\nother = ${AWS_ID}`);
    expect(a?.fingerprint).toBe(b?.fingerprint);
    expect(b?.line).toBe(3);
  });

  it("maps findings in an extract back to the real line numbers", () => {
    const scanner = new SecretScanner();
    const findings = scanner.scanText("x.env", `first = 1\nkey = ${AWS_ID}`, {
      lineNumbers: [10, 42],
      commit: "c",
      author: "a",
    });
    expect(findings[0]).toMatchObject({ line: 42, commit: "c", author: "a" });
  });
});

describe("scanSecrets", () => {
  it("scans a plain folder without following symlinks or reading binary and oversized files", async () => {
    const root = join(work.dir, "tree");
    mkdirSync(join(root, "src"), { recursive: true });
    writeFileSync(join(root, "src", "config.js"), `module.exports = { key: "${AWS_ID}" };\n`);
    writeFileSync(join(root, "blob.bin"), Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(AWS_ID)]));
    writeFileSync(join(root, "big.txt"), `${"x".repeat(2048)}\n${AWS_ID}\n`);
    const outside = join(work.dir, "outside.txt");
    writeFileSync(outside, `${AWS_ID}\n`);
    symlinkSync(outside, join(root, "link.txt"));
    const result = await scanSecrets(root, { maxFileBytes: 1024 });
    expect(result.findings.map((finding) => finding.file)).toEqual(["src/config.js"]);
    expect(result.filesScanned).toBe(1);
    expect(result.filesSkipped).toBe(2);
  });

  it("finds the same secrets when the folder is shared between worker threads", async () => {
    const root = join(work.dir, "many");
    for (let i = 0; i < 4100; i++) {
      const dir = join(root, `d${i % 30}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `f${i}.txt`), i % 1000 === 7 ? `key = ${AWS_ID}\n` : `line ${i}\n`);
    }
    const one = await scanSecrets(root);
    const two = await scanSecrets(root, { workers: 2 });
    const files = (result: typeof one) => result.findings.map((finding) => finding.file).sort();
    expect(files(two)).toEqual(files(one));
    expect(files(one)).toHaveLength(5);
    expect(two.filesScanned).toBe(4100);
  });

  it("scans in-memory files", async () => {
    const result = await scanSecrets([{ path: "a.txt", content: `aws = ${AWS_ID}` }]);
    expect(result.findings).toHaveLength(1);
  });
});

describe("shannonEntropy", () => {
  it("is zero for one repeated character and grows with variety", () => {
    expect(shannonEntropy("aaaa")).toBe(0);
    expect(shannonEntropy("abcd")).toBe(2);
  });
});
