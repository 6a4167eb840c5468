import { spawn } from "node:child_process";
import { WardenError } from "../../domain/errors.ts";

const MAX_KEY_BYTES = 256 * 1024;

function runGpg(
  home: string,
  args: string[],
  input: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("gpg", ["--homedir", home, "--batch", "--no-tty", "--no-autostart", ...args], {
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", GNUPGHOME: home, LC_ALL: "C" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.stdout.on("data", (chunk: Buffer) => {
      if (stdout.length < 1024 * 1024) stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 16 * 1024) stderr += chunk.toString("utf8");
    });
    child.on("error", (error) =>
      reject(
        new WardenError(
          "unavailable",
          `Could not run gpg to check commit signatures: ${error.message}. Install GnuPG.`,
        ),
      ),
    );
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.on("error", () => {});
    child.stdin.end(input);
  });
}

/**
 * Imports the roster's armored GPG public keys into a throwaway keyring (`home`, an empty private
 * folder) and returns, for each roster member, the fingerprints of their primary keys and subkeys.
 * Only these keys are in the keyring, so a good signature can only come from a roster member.
 */
export async function importRosterGpgKeys(
  home: string,
  keysByMember: ReadonlyArray<readonly string[]>,
): Promise<Map<number, Set<string>>> {
  const fingerprints = new Map<number, Set<string>>();
  for (const [member, keys] of keysByMember.entries()) {
    for (const key of keys) {
      if (key.length > MAX_KEY_BYTES || !key.includes("-----BEGIN PGP PUBLIC KEY BLOCK-----")) {
        throw new WardenError(
          "invalid_input",
          "A roster GPG key is not an ASCII-armored public key block (gpg --armor --export <id>).",
        );
      }
      const shown = await runGpg(home, ["--with-colons", "--import-options", "show-only", "--import"], key);
      const imported = await runGpg(home, ["--quiet", "--import"], key);
      if (shown.code !== 0 || imported.code !== 0) {
        throw new WardenError(
          "invalid_input",
          `A roster GPG key could not be imported: ${imported.stderr.trim()}`,
        );
      }
      const set = fingerprints.get(member) ?? new Set<string>();
      for (const line of shown.stdout.split("\n")) {
        if (line.startsWith("fpr:")) set.add((line.split(":")[9] ?? "").toUpperCase());
      }
      fingerprints.set(member, set);
    }
  }
  return fingerprints;
}
