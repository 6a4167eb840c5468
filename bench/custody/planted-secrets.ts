import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** A deterministic pseudo-random generator, so the planted set is the same on every run. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const UPPER32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const HEX = "0123456789abcdef";
const B64 = `${ALNUM}+/`;

export interface PlantedFile {
  path: string;
  /** What was planted (the secretlint rule family it belongs to). */
  kind: string;
}

/**
 * Writes a folder of realistic files, each with one planted secret of a kind the secretlint
 * recommended preset knows, plus decoys that neither tool should report.
 */
export function plantSecrets(dir: string, copies = 3): PlantedFile[] {
  const random = generator(20261129);
  const pick = (alphabet: string, length: number) =>
    Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
  const files: PlantedFile[] = [];
  const write = (path: string, kind: string, content: string) => {
    const full = join(dir, path);
    mkdirSync(join(full, ".."), { recursive: true });
    writeFileSync(full, content);
    files.push({ path, kind });
  };
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(dir, "generated-key")]);
  execFileSync("ssh-keygen", [
    "-q",
    "-t",
    "rsa",
    "-b",
    "2048",
    "-m",
    "PEM",
    "-N",
    "",
    "-f",
    join(dir, "generated-rsa"),
  ]);
  const openssh = readFileSync(join(dir, "generated-key"), "utf8");
  const pemRsa = readFileSync(join(dir, "generated-rsa"), "utf8");
  for (let copy = 0; copy < copies; copy++) {
    const at = (name: string) => `set-${copy}/${name}`;
    write(
      at("aws.ini"),
      "aws",
      `[default]\naws_access_key_id = AKIA${pick(UPPER32, 16)}\naws_secret_access_key = ${pick(B64, 40)}\n`,
    );
    write(at("github.env"), "github", `GITHUB_TOKEN=ghp_${pick(ALNUM, 36)}\n`);
    write(
      at("slack.js"),
      "slack",
      `const token = "xoxb-${pick("0123456789", 12)}-${pick("0123456789", 13)}-${pick(ALNUM, 24)}";\nconst hook = "https://hooks.slack.com/services/T${pick(UPPER32, 8)}/B${pick(UPPER32, 8)}/${pick(ALNUM, 24)}";\n`,
    );
    write(at(".npmrc"), "npm", `//registry.npmjs.org/:_authToken=npm_${pick(ALNUM, 36)}\n`);
    write(
      at("sendgrid.py"),
      "sendgrid",
      `SENDGRID_API_KEY = "SG.${pick(`${ALNUM}_-`, 22)}.${pick(`${ALNUM}_-`, 43)}"\n`,
    );
    write(at("id_ed25519"), "privatekey", openssh);
    write(at("server.pem"), "privatekey", pemRsa);
    write(
      at("fetch.sh"),
      "basicauth",
      `curl https://deploy:${pick(ALNUM, 14)}@artifacts.internal.acme.io/release.tgz\n`,
    );
    write(
      at("db.env"),
      "database-connection-string",
      `MONGO_URL=mongodb://app:${pick(ALNUM, 16)}@mongo.internal.acme.io:27017/prod\nPG_URL=postgres://app:${pick(ALNUM, 16)}@pg.internal.acme.io:5432/prod\n`,
    );
    write(
      at("openai.ts"),
      "openai",
      `export const key = "sk-proj-${pick(ALNUM, 20)}T3BlbkFJ${pick(ALNUM, 20)}";\n`,
    );
    write(
      at("anthropic.ts"),
      "anthropic",
      `export const key = "sk-ant-api03-${pick(`${ALNUM}_-`, 93)}AA";\n`,
    );
    write(at("shopify.rb"), "shopify", `SHOPIFY_TOKEN = "shpat_${pick(HEX, 32)}"\n`);
    write(at("linear.ts"), "linear", `const linear = "lin_api_${pick(ALNUM, 40)}";\n`);
    write(
      at("service-account.json"),
      "gcp",
      `${JSON.stringify({ type: "service_account", project_id: "acme-prod", private_key_id: pick(HEX, 40), private_key: pemRsa, client_email: "svc@acme-prod.iam.gserviceaccount.com" }, null, 2)}\n`,
    );
    write(at("gitlab.yml"), "gitlab", `token: glpat-${pick(`${ALNUM}_-`, 20)}\n`);
    write(at("stripe.env"), "stripe", `STRIPE_SECRET=sk_live_${pick(ALNUM, 24)}\n`);
    const jwtHeader = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");
    const jwtPayload = Buffer.from(JSON.stringify({ sub: `svc-${pick(HEX, 8)}`, iat: 1767225600 })).toString(
      "base64url",
    );
    write(
      at("client.ts"),
      "jwt",
      `const auth = "Bearer ${jwtHeader}.${jwtPayload}.${pick(`${ALNUM}_-`, 43)}";\n`,
    );
    write(
      at("app.properties"),
      "properties",
      `db.url=jdbc:postgresql://db/app\ndb.password=${pick(ALNUM, 20)}\n`,
    );
    write(at("values.yaml"), "yaml", `auth:\n  clientSecret: ${pick(ALNUM, 24)}\nreplicas: 2\n`);
    write(at("service.env"), "env-unquoted", `API_TOKEN=${pick(ALNUM, 28)}\n`);
    write(
      at("placeholders.env"),
      "decoy",
      [
        `STRIPE_KEY=sk_test_${"X".repeat(24)}dummy`,
        `MAPS_KEY=AIzaSy${"X".repeat(33)}`,
        `GITHUB_TOKEN=ghp_${"x".repeat(36)}`,
        "DB_PASSWORD=changeme-before-release",
        "",
      ].join("\n"),
    );
    write(
      at("decoys.ts"),
      "decoy",
      [
        `const header = "-----BEGIN RSA PRIVATE KEY-----";`,
        `const example = "AKIAIOSFODNN7EXAMPLE";`,
        `const url = "https://user:password@example.com/";`,
        `password = "\${process.env.DB_PASSWORD}"`,
        "",
      ].join("\n"),
    );
  }
  return files;
}
