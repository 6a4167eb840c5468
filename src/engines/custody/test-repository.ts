import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/**
 * Real git repositories in temporary folders for the custody tests: a vendor's working repository
 * with commits by chosen people, optionally SSH-signed, and a `git daemon` serving a folder on loopback.
 */

export interface Person {
  name: string;
  email: string;
}

export const ALICE: Person = { name: "Alice Vendor", email: "alice@vendor.example" };
export const MALLORY: Person = { name: "Mallory Outsider", email: "mallory@elsewhere.example" };

/** A scratch folder removed by the returned function. */
export function scratch(prefix = "warden-custody-"): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith("GIT_")) env[key] = value;
  return { ...env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", ...extra };
}

/** Runs git in a test repository (fixtures only: the engine has its own hardened runner). */
export function git(cwd: string, args: string[], extraEnv: Record<string, string> = {}): string {
  return execFileSync("git", ["-c", "core.hooksPath=/dev/null", ...args], {
    cwd,
    env: cleanEnv(extraEnv),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  }).trim();
}

export class TestRepository {
  constructor(readonly dir: string) {}

  static create(dir: string): TestRepository {
    mkdirSync(dir, { recursive: true });
    git(dir, ["init", "-q", "-b", "main"]);
    git(dir, ["config", "user.name", ALICE.name]);
    git(dir, ["config", "user.email", ALICE.email]);
    return new TestRepository(dir);
  }

  get url(): string {
    return `file://${this.dir}`;
  }

  /** Writes files (a Buffer for binary) and commits them as `who`; returns the commit id. */
  commit(
    files: Record<string, string | Buffer>,
    options: {
      message?: string;
      author?: Person;
      committer?: Person;
      signingKey?: string;
      gpg?: GpgIdentity;
    } = {},
  ): string {
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.dir, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
    git(this.dir, ["add", "-A"]);
    const author = options.author ?? ALICE;
    const committer = options.committer ?? author;
    const signing = options.gpg
      ? ["-c", "gpg.format=openpgp", "-c", `user.signingkey=${options.gpg.fingerprint}`]
      : options.signingKey
        ? ["-c", "gpg.format=ssh", "-c", `user.signingkey=${options.signingKey}`]
        : ["-c", "commit.gpgsign=false"];
    const sign = options.signingKey !== undefined || options.gpg !== undefined;
    git(
      this.dir,
      [
        ...signing,
        "commit",
        "-q",
        "--allow-empty",
        ...(sign ? ["-S"] : []),
        "-m",
        options.message ?? "change",
      ],
      {
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_COMMITTER_NAME: committer.name,
        GIT_COMMITTER_EMAIL: committer.email,
        ...(options.gpg ? { GNUPGHOME: options.gpg.home } : {}),
      },
    );
    return this.head();
  }

  head(ref = "HEAD"): string {
    return git(this.dir, ["rev-parse", ref]);
  }

  run(args: string[]): string {
    return git(this.dir, args);
  }
}

/** Generates an unencrypted ed25519 key pair; returns the private key path and the public key line. */
export function sshKey(dir: string, name: string): { privateKey: string; publicKey: string } {
  const path = join(dir, name);
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path]);
  return { privateKey: path, publicKey: execFileSync("cat", [`${path}.pub`], { encoding: "utf8" }).trim() };
}

export interface GpgIdentity {
  home: string;
  fingerprint: string;
  /** The ASCII-armored public key. */
  publicKey: string;
  /** Stops the gpg-agent that signing started. */
  stop: () => void;
}

/** Generates a passphrase-less ed25519 GPG signing key in its own keyring under `dir`. */
export function gpgIdentity(dir: string, person: Person): GpgIdentity {
  const home = mkdtempSync(join(dir, "gnupg-"));
  const gpg = (args: string[]) =>
    execFileSync(
      "gpg",
      ["--homedir", home, "--batch", "--pinentry-mode", "loopback", "--passphrase", "", ...args],
      {
        encoding: "utf8",
        env: { ...process.env, GNUPGHOME: home },
      },
    );
  gpg(["--quick-gen-key", `${person.name} <${person.email}>`, "ed25519", "sign", "never"]);
  const fingerprint = /^fpr:+([0-9A-F]+):/m.exec(gpg(["--with-colons", "--list-keys"]))?.[1] ?? "";
  return {
    home,
    fingerprint,
    publicKey: gpg(["--armor", "--export", fingerprint]),
    stop: () => {
      execFileSync("gpgconf", ["--homedir", home, "--kill", "gpg-agent"], {
        env: { ...process.env, GNUPGHOME: home },
      });
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Serves every repository under `basePath` with `git daemon` on 127.0.0.1 and an ephemeral port. */
export async function startGitDaemon(
  basePath: string,
): Promise<{ url: (name: string) => string; stop: () => void }> {
  const port = await freePort();
  const daemon = spawn(
    "git",
    [
      "daemon",
      "--reuseaddr",
      "--export-all",
      `--base-path=${basePath}`,
      "--listen=127.0.0.1",
      `--port=${port}`,
      basePath,
    ],
    { env: cleanEnv(), stdio: "ignore" },
  );
  for (let attempt = 0; attempt < 100 && !(await canConnect(port)); attempt++) {
    await new Promise((done) => setTimeout(done, 50));
  }
  return {
    url: (name) => `git://127.0.0.1:${port}/${name}`,
    stop: () => daemon.kill("SIGTERM"),
  };
}
