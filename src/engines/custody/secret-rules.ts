/**
 * A secret rule. The scanner first finds any rule's keyword (one combined, case-insensitive pass over
 * the text); only there does it try the rule's `pattern`, anchored at the keyword (the regex is sticky
 * and must begin by matching the keyword). So the cost is one pass per file plus one anchored attempt
 * per keyword hit, whatever the number of rules.
 */
export interface SecretRule {
  id: string;
  description: string;
  /** Lower-case literals; a hit on any of them is where `pattern` is tried. */
  keywords: string[];
  /** Sticky (`y`) regex starting at the keyword. Group 1, when present, is the secret itself. */
  pattern: RegExp;
  /** Minimum Shannon entropy (bits per character) of the secret, for generic rules. */
  minEntropy?: number;
  /** Extra check on the secret with the whole text at hand (e.g. a PEM body must follow its header). */
  confirm?: (secret: string, text: string, end: number) => boolean;
  /** A heuristic rule: a provider-specific rule matching the same secret replaces its finding. */
  generic?: boolean;
  /** The secret is the body that follows the match (a PEM header names a type, not a key). */
  secretFollows?: boolean;
}

const PLACEHOLDER =
  /example|sample|dummy|placeholder|changeme|your[_-]?|x{6,}|\*{4,}|<[^>]*>|\$\{|\{\{|process\.env/i;

/** Shannon entropy in bits per character. */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** A PEM or OpenSSH private key header only counts when a key body follows it (raw or JSON-escaped). */
function pemBodyFollows(_secret: string, text: string, end: number): boolean {
  const window = text.slice(end, end + 400).replace(/\\[rn]|\s|"|'|\+/g, "");
  return /^(?:[A-Za-z]+-[A-Za-z]+:[^\n]*)?[A-Za-z0-9+/=]{64,}/.test(window) || /^Proc-Type:/.test(window);
}

function notPlaceholder(secret: string): boolean {
  return !PLACEHOLDER.test(secret);
}

/**
 * A provider-format token that is a placeholder, not a key: documentation and templates fill the
 * random part with one repeated character (`ghp_xxxx…`, `AIzaSyXXXX…`) or spell it out (`…dummy`,
 * `…EXAMPLE`). Every rule's secret passes this before it is reported.
 */
export function isPlaceholderSecret(secret: string): boolean {
  return (
    /(.)\1{7,}/.test(secret) ||
    /example|dummy|placeholder|changeme|redacted|notreal|fake[_-]?key|test[_-]?key|your[_-]?(?:key|token|secret)/i.test(
      secret,
    )
  );
}

/** A JSON Web Token counts when its header decodes to JSON naming a signing algorithm. */
function jwtHeaderDecodes(secret: string): boolean {
  const header = secret.slice(0, secret.indexOf("."));
  try {
    const json = JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as { alg?: unknown };
    return typeof json.alg === "string" && json.alg.toLowerCase() !== "none";
  } catch {
    return false;
  }
}

function looksRandom(secret: string): boolean {
  if (!notPlaceholder(secret)) return false;
  // A word or an identifier is not a secret: require digits and letters mixed in.
  return /[0-9]/.test(secret) && /[A-Za-z]/.test(secret) && !/^[a-z]+(?:[._-][a-z]+)*$/i.test(secret);
}

/** Names under which code and configuration keep secrets: where the generic rules look. */
const SECRET_NAMES = [
  "password",
  "passwd",
  "secret",
  "token",
  "api_key",
  "apikey",
  "api-key",
  "access_key",
  "private_key",
];

export const DEFAULT_SECRET_RULES: readonly SecretRule[] = [
  {
    id: "aws-access-key-id",
    description: "AWS access key id",
    keywords: ["akia", "asia", "abia", "acca"],
    pattern: /\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?![A-Za-z0-9])/y,
    confirm: notPlaceholder,
  },
  {
    id: "aws-secret-access-key",
    description: "AWS secret access key",
    keywords: ["secret_access_key", "secretaccesskey", "secret-access-key", "aws_secret"],
    pattern:
      /(?:secret[_-]?access[_-]?key|aws_secret)[A-Za-z_]{0,12}["']?\s{0,5}(?::|=>|=)\s{0,5}["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/iy,
    confirm: looksRandom,
  },
  {
    id: "private-key",
    description: "Private key (PEM, OpenSSH, PGP)",
    keywords: ["-----begin"],
    pattern: /-----BEGIN ?((?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?)-----/y,
    confirm: pemBodyFollows,
    secretFollows: true,
  },
  {
    id: "github-token",
    description: "GitHub token",
    keywords: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
    pattern: /\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])/y,
  },
  {
    id: "gitlab-token",
    description: "GitLab token",
    keywords: ["glpat-", "gldt-", "glptt-", "glrt-", "gloas-"],
    pattern: /\b((?:glpat|gldt|glptt|glrt|gloas)-[A-Za-z0-9_-]{20,64})(?![A-Za-z0-9_-])/y,
  },
  {
    id: "slack-token",
    description: "Slack token",
    keywords: ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxo-", "xoxe-", "xapp-"],
    pattern: /\b((?:xox[abposre]|xapp)-(?:[0-9A-Za-z]+-){1,3}[0-9A-Za-z]{8,})(?![A-Za-z0-9-])/y,
  },
  {
    id: "slack-webhook",
    description: "Slack incoming webhook URL",
    keywords: ["hooks.slack.com"],
    pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/([A-Za-z0-9+/_-]{20,120})/y,
  },
  {
    id: "stripe-key",
    description: "Stripe secret or restricted key",
    keywords: ["sk_live_", "rk_live_", "sk_test_", "rk_test_"],
    pattern: /\b((?:sk|rk)_(?:live|test)_[0-9A-Za-z]{20,247})(?![A-Za-z0-9])/y,
  },
  {
    id: "npm-token",
    description: "npm access token",
    keywords: ["npm_"],
    pattern: /\b(npm_[A-Za-z0-9]{36})(?![A-Za-z0-9])/y,
  },
  {
    id: "sendgrid-key",
    description: "SendGrid API key",
    keywords: ["sg."],
    pattern: /\b(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/y,
  },
  {
    id: "openai-key",
    description: "OpenAI API key",
    keywords: ["sk-proj-", "sk-svcacct-", "sk-admin-", "sk-"],
    pattern:
      /\b(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{16,200}T3BlbkFJ[A-Za-z0-9_-]{16,200})(?![A-Za-z0-9_-])/y,
  },
  {
    id: "anthropic-key",
    description: "Anthropic API key",
    keywords: ["sk-ant-"],
    pattern: /\b(sk-ant-(?:api|admin|sid)\d{2}-[A-Za-z0-9_-]{80,120})(?![A-Za-z0-9_-])/y,
  },
  {
    id: "shopify-token",
    description: "Shopify token",
    keywords: ["shpat_", "shpss_", "shpca_", "shppa_"],
    pattern: /\b(shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32})(?![A-Za-z0-9])/y,
  },
  {
    id: "linear-key",
    description: "Linear API key",
    keywords: ["lin_api_"],
    pattern: /\b(lin_api_[A-Za-z0-9]{40})(?![A-Za-z0-9])/y,
  },
  {
    id: "1password-token",
    description: "1Password service account token",
    keywords: ["ops_ey"],
    pattern: /\b(ops_eyJ[A-Za-z0-9+/=_-]{100,})/y,
  },
  {
    id: "google-api-key",
    description: "Google API key",
    keywords: ["aiza"],
    pattern: /\b(AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])/y,
  },
  {
    id: "credentials-in-url",
    description: "Password in a URL (basic auth or database connection string)",
    keywords: ["://"],
    pattern: /:\/\/([^\s:@/'"`<>(){}[\]\\,;]{1,64}):([^\s:@/'"`<>(){}[\]\\,;]{3,128})@[A-Za-z0-9_.-]+/y,
    confirm: (secret, text, end) =>
      notPlaceholder(secret) &&
      !/^\$|^%|^\{|^pass(word)?$|^\*+$/i.test(secret) &&
      !/@(?:[\w-]+\.)*example\.(?:com|org|net)|@localhost/i.test(text.slice(Math.max(0, end - 80), end)),
  },
  {
    id: "jwt",
    description: "JSON Web Token (signed)",
    keywords: ["eyj"],
    pattern: /\b(eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,})(?![A-Za-z0-9_.-])/y,
    confirm: jwtHeaderDecodes,
  },
  {
    id: "generic-secret-assignment",
    description: "High-entropy value assigned to a secret-looking name",
    keywords: SECRET_NAMES,
    pattern:
      /(?:password|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key)[A-Za-z0-9_-]{0,20}["']?\s{0,5}(?::=|=>|:|=)\s{0,5}["'`]([A-Za-z0-9+/=_.~!@#$%^&*-]{16,128})["'`]/iy,
    minEntropy: 3.5,
    confirm: looksRandom,
    generic: true,
  },
  {
    // .properties, .env, YAML and INI files assign without quotes: the value runs to the end of the line.
    id: "generic-secret-unquoted",
    description: "High-entropy value assigned to a secret-looking name (configuration file)",
    keywords: SECRET_NAMES,
    pattern:
      /(?:password|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key)[A-Za-z0-9_.-]{0,20}[ \t]{0,5}(?::|=)[ \t]{0,5}([A-Za-z0-9+/=_.~!@#$%^&*-]{16,128})[ \t]*(?:\r?\n|$)/iy,
    minEntropy: 3.5,
    confirm: looksRandom,
    generic: true,
  },
];
