import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WardenError } from "../../domain/errors.ts";
import { importRosterGpgKeys } from "./gpg-keyring.ts";
import { gitText } from "./run-git.ts";

/** A person allowed to work on the engagement, as the vendor declared them. */
export interface RosterMember {
  name?: string;
  emails: string[];
  /** OpenSSH public keys ("ssh-ed25519 AAAA… comment") they sign commits with. */
  sshSigningKeys?: string[];
  /** GPG key fingerprints they sign commits with; a signature counts only when its key is in `gpgPublicKeys`. */
  gpgFingerprints?: string[];
  /** ASCII-armored GPG public keys they sign commits with. */
  gpgPublicKeys?: string[];
}

/** An extra allowed-signers entry: a principal (e-mail) and its SSH public key. */
export interface AllowedSigner {
  principal: string;
  key: string;
}

export type AuthorshipFindingKind =
  | "author_not_on_roster"
  | "committer_not_on_roster"
  | "unsigned_commit"
  | "unknown_signer"
  | "bad_signature"
  | "signer_not_author";

export interface AuthorshipFinding {
  kind: AuthorshipFindingKind;
  commit: string;
  author: string;
  committer: string;
  message: string;
}

export interface AuthorshipResult {
  commitsChecked: number;
  authors: string[];
  findings: AuthorshipFinding[];
}

export interface AuthorshipOptions {
  gitDir: string;
  /** Revision range, e.g. ["<accepted>..<delivered>"] or ["<delivered>"] for all history. */
  range: string[];
  roster?: readonly RosterMember[];
  requireSignedCommits?: boolean;
  allowedSigners?: readonly AllowedSigner[];
  timeoutMs?: number;
}

const SSH_KEY =
  /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(?:256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com) ([A-Za-z0-9+/=]{32,8192})(?:\s|$)/;
const PRINCIPAL = /^[^\s,"'*?!@]{1,128}@[^\s,"'*?!@]{1,255}$/;

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The allowed-signers file git hands to ssh-keygen: one line per roster key, principals are e-mails. */
export function buildAllowedSigners(
  roster: readonly RosterMember[],
  extra: readonly AllowedSigner[] = [],
): string {
  const lines: string[] = [];
  const line = (principals: string[], key: string) => {
    const parsed = SSH_KEY.exec(key.trim());
    const valid = principals.map(normaliseEmail).filter((principal) => PRINCIPAL.test(principal));
    if (!parsed || valid.length === 0) {
      throw new WardenError(
        "invalid_input",
        `Signing key for ${principals.join(", ") || "an unnamed member"} is not an OpenSSH public key line, or has no valid e-mail; give "ssh-ed25519 AAAA…".`,
      );
    }
    lines.push(`${valid.join(",")} namespaces="git" ${parsed[1]} ${parsed[2]}`);
  };
  for (const member of roster) {
    for (const key of member.sshSigningKeys ?? []) line(member.emails, key);
  }
  for (const signer of extra) line([signer.principal], signer.key);
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}

/**
 * Flags commits whose author or committer is not on the roster, and, when signed commits are required,
 * commits that are unsigned, badly signed, signed by a key not on the roster, or signed by a roster
 * member other than their author. SSH signatures are checked against an allowed-signers file built from
 * the roster; GPG signatures against the roster's fingerprints.
 */
export async function checkAuthorship(options: AuthorshipOptions): Promise<AuthorshipResult> {
  const roster = options.roster ?? [];
  const memberByEmail = new Map<string, number>();
  roster.forEach((member, index) => {
    for (const email of member.emails) memberByEmail.set(normaliseEmail(email), index);
  });
  const signing = options.requireSignedCommits === true;
  const format = signing
    ? "%H%x1f%an%x1f%ae%x1f%cn%x1f%ce%x1f%G?%x1f%GS%x1f%GF%x1f%GP%x1e"
    : "%H%x1f%an%x1f%ae%x1f%cn%x1f%ce%x1e";
  let configDir: string | undefined;
  const config: string[] = [];
  const env: Record<string, string> = {};
  const gpgFingerprints = new Map<number, Set<string>>();
  roster.forEach((member, index) => {
    const declared = (member.gpgFingerprints ?? []).map((fp) => fp.replace(/\s/g, "").toUpperCase());
    if (declared.length > 0) gpgFingerprints.set(index, new Set(declared));
  });
  try {
    if (signing) {
      configDir = mkdtempSync(join(tmpdir(), "warden-signers-"));
      const file = join(configDir, "allowed_signers");
      writeFileSync(file, buildAllowedSigners(roster, options.allowedSigners), { mode: 0o600 });
      config.push("-c", `gpg.ssh.allowedSignersFile=${file}`);
      // A keyring holding only the roster's keys (never the operator's own): git's gpg finds no other signer.
      const home = join(configDir, "gnupg");
      mkdirSync(home, { mode: 0o700 });
      env.GNUPGHOME = home;
      const gpgKeys = roster.map((member) => member.gpgPublicKeys ?? []);
      if (gpgKeys.some((keys) => keys.length > 0)) {
        for (const [member, prints] of await importRosterGpgKeys(home, gpgKeys)) {
          const set = gpgFingerprints.get(member) ?? new Set<string>();
          for (const print of prints) set.add(print);
          gpgFingerprints.set(member, set);
        }
      }
    }
    const text = await gitText(
      [...config, "log", `--format=${format}`, "--end-of-options", ...options.range, "--"],
      {
        cwd: options.gitDir,
        env,
        timeoutMs: options.timeoutMs ?? 30 * 60_000,
        maxOutputBytes: 256 * 1024 * 1024,
      },
    );
    const findings: AuthorshipFinding[] = [];
    const authors = new Set<string>();
    let commitsChecked = 0;
    for (const record of text.split("\u001e")) {
      const fields = record.replace(/^\n/, "").split("\u001f");
      if (fields.length < 5) continue;
      const [commit = "", authorName = "", authorEmail = "", committerName = "", committerEmail = ""] =
        fields;
      commitsChecked += 1;
      const author = `${authorName} <${authorEmail}>`;
      const committer = `${committerName} <${committerEmail}>`;
      authors.add(author);
      const base = { commit, author, committer };
      const authorMember = memberByEmail.get(normaliseEmail(authorEmail));
      if (roster.length > 0 && authorMember === undefined) {
        findings.push({
          ...base,
          kind: "author_not_on_roster",
          message: `Commit ${commit.slice(0, 12)} was written by ${author}, who is not on the roster.`,
        });
      }
      if (roster.length > 0 && !memberByEmail.has(normaliseEmail(committerEmail))) {
        findings.push({
          ...base,
          kind: "committer_not_on_roster",
          message: `Commit ${commit.slice(0, 12)} was committed by ${committer}, who is not on the roster.`,
        });
      }
      if (!signing) continue;
      const [status = "N", signer = "", fingerprint = "", primary = ""] = fields.slice(5);
      findings.push(
        ...judgeSignature(
          base,
          status,
          signer,
          [fingerprint, primary],
          gpgFingerprints,
          memberByEmail,
          authorMember,
        ),
      );
    }
    return { commitsChecked, authors: [...authors].sort(), findings };
  } finally {
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  }
}

function judgeSignature(
  base: { commit: string; author: string; committer: string },
  status: string,
  signer: string,
  fingerprints: string[],
  gpgFingerprints: Map<number, Set<string>>,
  memberByEmail: Map<string, number>,
  authorMember: number | undefined,
): AuthorshipFinding[] {
  const short = base.commit.slice(0, 12);
  if (status === "N") {
    return [
      {
        ...base,
        kind: "unsigned_commit",
        message: `Commit ${short} by ${base.author} is not signed, and signed commits are required.`,
      },
    ];
  }
  if (status === "B") {
    return [{ ...base, kind: "bad_signature", message: `Commit ${short} carries a bad signature.` }];
  }
  // SSH: "G" only when the key is in the allowed-signers file, and %GS names its principal.
  let signerMember = status === "G" && signer ? memberByEmail.get(normaliseEmail(signer)) : undefined;
  // GPG: the keyring holds only roster keys, so a good signature ("G", or "U" for a key nobody
  // certified) by a roster fingerprint is a roster member's.
  if (signerMember === undefined && (status === "G" || status === "U")) {
    const wanted = fingerprints.filter((fp) => fp.length > 0).map((fp) => fp.toUpperCase());
    for (const [member, prints] of gpgFingerprints) {
      if (wanted.some((fp) => prints.has(fp))) signerMember = member;
    }
  }
  const shown = fingerprints[0] ?? "";
  if (signerMember === undefined) {
    return [
      {
        ...base,
        kind: "unknown_signer",
        message: `Commit ${short} is signed (status ${status}) by a key that is not on the roster${shown ? ` (${shown})` : ""}.`,
      },
    ];
  }
  if (authorMember !== undefined && signerMember !== authorMember) {
    return [
      {
        ...base,
        kind: "signer_not_author",
        message: `Commit ${short} is signed by ${signer || shown}, a different roster member than its author ${base.author}.`,
      },
    ];
  }
  return [];
}
