/**
 * A real OpenLDAP server for tests and benchmarks: its own `slapd` on a free loopback port, a throw-away
 * mdb database in a temporary folder, seeded offline with `slapadd` (much faster than `ldapadd` for
 * thousands of entries). Needs only the Debian packages `slapd` and `ldap-utils`; works as root and with
 * several test workers in parallel (each server has its own port and folder).
 *
 * @example
 * const ldap = await startSlapd({ seed: ldifEntries([person("alice", { employeeType: "vendor" })]) });
 * try {
 *   // ldap.url, ldap.bindDn, ldap.password, ldap.baseDn
 * } finally {
 *   await ldap.stop();
 * }
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { access, chmod, copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Client } from "ldapts";
import { freePort } from "./warden-process.ts";

const run = promisify(execFile);

const SLAPD = process.env.WARDEN_SLAPD ?? "/usr/sbin/slapd";
// Ubuntu confines /usr/sbin/slapd (and slapadd/slapcat, the same binary) with an AppArmor profile that
// denies a config and database in a temporary folder; a private copy of the binary is not confined.
const APPARMOR_PROFILE = "/etc/apparmor.d/usr.sbin.slapd";
const SCHEMA_DIR = process.env.WARDEN_LDAP_SCHEMA_DIR ?? "/etc/ldap/schema";
const MODULE_DIR = process.env.WARDEN_LDAP_MODULE_DIR ?? "/usr/lib/ldap";

export interface StartSlapdOptions {
  /** Suffix of the directory. Default `dc=example,dc=com`. */
  baseDn?: string;
  /** LDIF added after the base tree (base entry, ou=people, ou=groups, ou=disabled). */
  seed?: string;
  /** Milliseconds to wait for the server to answer. Default 15 s. */
  readyTimeoutMs?: number;
  /** Extra schema files (slapd.conf syntax) to include after core, cosine, inetorgperson and nis. */
  schemas?: string[];
  /** Also serve ldaps:// and StartTLS with a certificate from a throw-away CA (needs the openssl CLI). */
  tls?: boolean;
}

/** Schema with Active Directory's userAccountControl, for `startSlapd({ schemas: [AD_LITE_SCHEMA] })`. */
export const AD_LITE_SCHEMA = join(dirname(fileURLToPath(import.meta.url)), "slapd", "ad-lite.schema");

export interface Slapd {
  url: string;
  /** The ldaps:// URL, when started with `tls`. */
  ldapsUrl: string | null;
  /** PEM of the CA that signed the server certificate, when started with `tls`. */
  caCertificate: string | null;
  bindDn: string;
  password: string;
  baseDn: string;
  peopleDn: string;
  groupsDn: string;
  disabledDn: string;
  /** Stops the server and deletes its folder. Safe to call twice. */
  stop(): Promise<void>;
  /** Stops the server but keeps its data (to simulate a directory that went down). */
  pause(): Promise<void>;
  /** Starts the server again on the same port and data after `pause()`. */
  resume(): Promise<void>;
  /** The whole database as LDIF (slapcat), including operational attributes: equal dumps mean no write. */
  dump(): Promise<string>;
}

const running = new Set<ChildProcess>();

process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** Starts a seeded slapd. Remember to `stop()` it (in `afterAll`). */
export async function startSlapd(options: StartSlapdOptions = {}): Promise<Slapd> {
  const baseDn = options.baseDn ?? "dc=example,dc=com";
  const bindDn = `cn=admin,${baseDn}`;
  // A password of its own: should another test's slapd grab the same port first, the readiness check
  // cannot mistake that server for this one.
  const password = `warden-test-${randomUUID()}`;
  const dir = await mkdtemp(join(tmpdir(), "warden-slapd-"));
  const dataDir = join(dir, "data");
  const configPath = join(dir, "slapd.conf");
  const readyTimeoutMs = options.readyTimeoutMs ?? 15_000;
  let binaries: Binaries;
  let caCertificate: string | null = null;
  try {
    await mkdir(dataDir);
    binaries = await slapdBinaries(dir);
    const tls = options.tls ? await makeCertificates(dir) : null;
    caCertificate = tls ? await readFile(tls.ca, "utf8") : null;
    await writeFile(
      configPath,
      slapdConfig({ dir, dataDir, baseDn, bindDn, password, tls, schemas: options.schemas ?? [] }),
    );
    const ldifPath = join(dir, "seed.ldif");
    await writeFile(ldifPath, `${baseTreeLdif(baseDn)}\n${options.seed ?? ""}`);
    await run(binaries.slapadd, ["-q", "-f", configPath, "-l", ldifPath], { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`Could not prepare slapd in ${dir}: ${describe(error)}`);
  }

  let port = 0;
  let tlsPort: number | null = null;
  let child: ChildProcess | undefined;
  const launch = async (fixed?: { port: number; tlsPort: number | null }): Promise<void> => {
    let lastError = "";
    for (let attempt = 0; attempt < 5; attempt++) {
      const candidate = fixed ?? { port: await freePort(), tlsPort: options.tls ? await freePort() : null };
      const started = await spawnSlapd(
        binaries.slapd,
        configPath,
        candidate,
        { bindDn, password },
        readyTimeoutMs,
      );
      if (started.ok) {
        port = candidate.port;
        tlsPort = candidate.tlsPort;
        child = started.child;
        return;
      }
      lastError = started.error;
    }
    throw new Error(`slapd did not start: ${lastError}`);
  };
  try {
    await launch();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  const halt = async (): Promise<void> => {
    if (child) await killChild(child);
    child = undefined;
  };
  let removed = false;
  return {
    get url() {
      return `ldap://127.0.0.1:${port}/`;
    },
    get ldapsUrl() {
      return tlsPort === null ? null : `ldaps://127.0.0.1:${tlsPort}/`;
    },
    caCertificate,
    bindDn,
    password,
    baseDn,
    peopleDn: `ou=people,${baseDn}`,
    groupsDn: `ou=groups,${baseDn}`,
    disabledDn: `ou=disabled,${baseDn}`,
    async stop() {
      await halt();
      if (!removed) {
        removed = true;
        await rm(dir, { recursive: true, force: true });
      }
    },
    pause: halt,
    async resume() {
      if (child) return;
      await launch({ port, tlsPort });
    },
    async dump() {
      const { stdout } = await run(binaries.slapcat, ["-f", configPath], { maxBuffer: 512 * 1024 * 1024 });
      return stdout;
    },
  };
}

function slapdConfig(input: {
  dir: string;
  dataDir: string;
  baseDn: string;
  bindDn: string;
  password: string;
  tls: Certificates | null;
  schemas: string[];
}): string {
  const schemas = ["core", "cosine", "inetorgperson", "nis"]
    .map((name) => join(SCHEMA_DIR, `${name}.schema`))
    .concat(input.schemas)
    .map((path) => `include ${path}`)
    .join("\n");
  const tls = input.tls
    ? `TLSCACertificateFile ${input.tls.ca}\nTLSCertificateFile ${input.tls.cert}\nTLSCertificateKeyFile ${input.tls.key}\n`
    : "";
  return `${schemas}
modulepath ${MODULE_DIR}
moduleload back_mdb
pidfile ${join(input.dir, "slapd.pid")}
argsfile ${join(input.dir, "slapd.args")}
${tls}database mdb
maxsize 1073741824
suffix "${input.baseDn}"
rootdn "${input.bindDn}"
rootpw ${input.password}
directory ${input.dataDir}
index objectClass eq
index uid,cn,employeeType,member,memberUid eq
`;
}

interface Binaries {
  slapd: string;
  slapadd: string;
  slapcat: string;
}

/** slapadd and slapcat are slapd under other names: it picks its tool from the name it is run by. */
async function slapdBinaries(dir: string): Promise<Binaries> {
  const confined = await access(APPARMOR_PROFILE).then(
    () => true,
    () => false,
  );
  if (!confined || process.env.WARDEN_SLAPD) {
    const home = dirname(SLAPD);
    return { slapd: SLAPD, slapadd: join(home, "slapadd"), slapcat: join(home, "slapcat") };
  }
  const bin = join(dir, "bin");
  await mkdir(bin);
  const slapd = join(bin, "slapd");
  await copyFile(SLAPD, slapd);
  await chmod(slapd, 0o755);
  await symlink(slapd, join(bin, "slapadd"));
  await symlink(slapd, join(bin, "slapcat"));
  return { slapd, slapadd: join(bin, "slapadd"), slapcat: join(bin, "slapcat") };
}

interface Certificates {
  ca: string;
  cert: string;
  key: string;
}

/** A throw-away CA and a server certificate for 127.0.0.1, valid for two days. */
async function makeCertificates(dir: string): Promise<Certificates> {
  const file = (name: string) => join(dir, name);
  await writeFile(file("server.ext"), "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n");
  const openssl = (args: string[]) => run("openssl", args, { maxBuffer: 1024 * 1024 });
  await openssl(
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      file("ca.key"),
      "-out",
      file("ca.pem"),
    ].concat(["-days", "2", "-subj", "/CN=Warden test CA"]),
  );
  await openssl(
    [
      "req",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      file("server.key"),
      "-out",
      file("server.csr"),
    ].concat(["-subj", "/CN=127.0.0.1"]),
  );
  await openssl(
    ["x509", "-req", "-in", file("server.csr"), "-CA", file("ca.pem"), "-CAkey", file("ca.key")].concat([
      "-CAcreateserial",
      "-out",
      file("server.pem"),
      "-days",
      "2",
      "-extfile",
      file("server.ext"),
    ]),
  );
  return { ca: file("ca.pem"), cert: file("server.pem"), key: file("server.key") };
}

function baseTreeLdif(baseDn: string): string {
  const first = baseDn.split(",")[0] ?? "";
  const dcValue = first.startsWith("dc=") ? first.slice(3) : "example";
  return ldifEntries([
    { dn: baseDn, objectClass: ["top", "dcObject", "organization"], dc: dcValue, o: "Warden test" },
    { dn: `ou=people,${baseDn}`, objectClass: ["top", "organizationalUnit"], ou: "people" },
    { dn: `ou=groups,${baseDn}`, objectClass: ["top", "organizationalUnit"], ou: "groups" },
    { dn: `ou=disabled,${baseDn}`, objectClass: ["top", "organizationalUnit"], ou: "disabled" },
  ]);
}

/** One LDIF entry: `dn` plus attributes (a string or several values). */
export type LdifEntry = { dn: string } & Record<string, string | string[]>;

/** Writes entries as LDIF; values that are not LDIF SAFE-STRINGs (RFC 2849) are base64-encoded. */
export function ldifEntries(entries: Iterable<LdifEntry>): string {
  const lines: string[] = [];
  for (const entry of entries) {
    lines.push(ldifLine("dn", entry.dn));
    for (const [name, value] of Object.entries(entry)) {
      if (name === "dn") continue;
      for (const one of Array.isArray(value) ? value : [value]) lines.push(ldifLine(name, one));
    }
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}

function ldifLine(name: string, value: string): string {
  const safe = /^[\x01-\x09\x0b\x0c\x0e-\x1f\x21-\x39\x3b\x3d-\x7f][\x01-\x09\x0b\x0c\x0e-\x7f]*$/.test(
    value,
  );
  if (value === "" || !safe || value.endsWith(" ")) {
    return `${name}:: ${Buffer.from(value, "utf8").toString("base64")}`;
  }
  return `${name}: ${value}`;
}

export interface BulkDirectoryOptions {
  baseDn?: string;
  /** Number of accounts under ou=people. */
  count: number;
  /** Group names under ou=groups; each account joins one or two of them. Default 20 groups. */
  groups?: number;
  /** Every n-th account is internal staff (employeeType=staff) rather than vendor; 0 for none. Default 10. */
  staffEvery?: number;
}

export interface BulkAccount {
  uid: string;
  dn: string;
  employeeType: "vendor" | "staff";
  groups: string[];
}

/**
 * A large, deterministic directory: `count` inetOrgPerson accounts (`v000001`…, by default nine in ten
 * vendor staff) and groupOfNames groups holding them. Returns the accounts (so a benchmark can build the
 * matching roster) and the LDIF to pass as `startSlapd({ seed })`.
 */
export function bulkDirectory(options: BulkDirectoryOptions): { accounts: BulkAccount[]; ldif: string } {
  const baseDn = options.baseDn ?? "dc=example,dc=com";
  const groupCount = options.groups ?? 20;
  const accounts: BulkAccount[] = [];
  const members = new Map<string, string[]>();
  for (let i = 0; i < groupCount; i++) members.set(`team-${i}`, [`cn=admin,${baseDn}`]);
  const chunks: string[] = [];
  for (let i = 1; i <= options.count; i++) {
    const uid = `v${String(i).padStart(6, "0")}`;
    const dn = `uid=${uid},ou=people,${baseDn}`;
    const groups = [`team-${i % groupCount}`];
    if (i % 7 === 0) groups.push(`team-${(i * 3) % groupCount}`);
    const unique = [...new Set(groups)];
    for (const group of unique) members.get(group)?.push(dn);
    const staffEvery = options.staffEvery ?? 10;
    const employeeType = staffEvery > 0 && i % staffEvery === 0 ? "staff" : "vendor";
    accounts.push({ uid, dn, employeeType, groups: unique });
    chunks.push(
      `dn: ${dn}\nobjectClass: inetOrgPerson\nuid: ${uid}\ncn: Person ${i}\nsn: ${i}\nemployeeType: ${employeeType}\nmail: ${uid}@vendor.example\n`,
    );
  }
  for (const [name, list] of members) {
    chunks.push(
      ldifEntries([
        { dn: `cn=${name},ou=groups,${baseDn}`, objectClass: "groupOfNames", cn: name, member: list },
      ]),
    );
  }
  return { accounts, ldif: chunks.join("\n") };
}

async function spawnSlapd(
  slapd: string,
  configPath: string,
  ports: { port: number; tlsPort: number | null },
  credentials: { bindDn: string; password: string },
  readyTimeoutMs: number,
): Promise<{ ok: true; child: ChildProcess } | { ok: false; error: string }> {
  const urls = [`ldap://127.0.0.1:${ports.port}/`];
  if (ports.tlsPort !== null) urls.push(`ldaps://127.0.0.1:${ports.tlsPort}/`);
  // `-d 0` keeps slapd in the foreground, so the child is the server itself and killing it is exact.
  const child = spawn(slapd, ["-f", configPath, "-h", urls.join(" "), "-d", "0"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  running.add(child);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    if (stderr.length < 8192) stderr += chunk.toString("utf8");
  });
  let exited = false;
  child.once("exit", () => {
    exited = true;
    running.delete(child);
  });
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (exited) return { ok: false, error: stderr.trim() || "slapd exited" };
    if (await answers(`ldap://127.0.0.1:${ports.port}/`, credentials)) {
      if (!exited) return { ok: true, child };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await killChild(child);
  return { ok: false, error: `no answer within ${readyTimeoutMs} ms. ${stderr.trim()}` };
}

async function answers(url: string, credentials: { bindDn: string; password: string }): Promise<boolean> {
  const client = new Client({ url, connectTimeout: 500, timeout: 1000 });
  try {
    await client.bind(credentials.bindDn, credentials.password);
    return true;
  } catch {
    return false;
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

async function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
  running.delete(child);
}

function describe(error: unknown): string {
  if (
    error &&
    typeof error === "object" &&
    "stderr" in error &&
    typeof error.stderr === "string" &&
    error.stderr
  ) {
    return error.stderr.trim();
  }
  return error instanceof Error ? error.message : String(error);
}
