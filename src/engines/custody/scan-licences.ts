import { posix } from "node:path";

/** SPDX ids (or prefixes ending in `*`) the organisation refuses or wants a look at. */
export interface LicencePolicy {
  deny: string[];
  warn: string[];
}

/** Strong copyleft refused in a proprietary product; weak copyleft flagged for review. */
export const DEFAULT_LICENCE_POLICY: LicencePolicy = {
  deny: ["GPL-*", "AGPL-*", "SSPL-*", "EUPL-*", "OSL-*", "RPL-*", "CC-BY-SA-*", "CC-BY-NC-*"],
  warn: ["LGPL-*", "MPL-*", "EPL-*", "CDDL-*", "CPL-*", "MS-RL", "Unknown"],
};

export type LicenceSource = "spdx-identifier" | "licence-text" | "licence-notice" | "declared" | "dependency";

export interface LicenceDetection {
  /** An SPDX id or expression ("MIT", "GPL-3.0-or-later", "MIT OR Apache-2.0"). */
  licence: string;
  file: string;
  line?: number;
  source: LicenceSource;
  /** The package that declares it (package.json, Cargo.toml, pom.xml). */
  package?: string;
}

export interface LicenceFinding extends LicenceDetection {
  verdict: "deny" | "warn";
  message: string;
}

interface Signature {
  pattern: RegExp;
  licence: (text: string) => string;
}

const versionOf = (text: string, fallback: string) => {
  const match = /version (\d(?:\.\d)?)/i.exec(text);
  const version = match?.[1] ?? fallback;
  return version.includes(".") ? version : `${version}.0`;
};

// Order matters: the more specific GNU licences before the plain GPL.
const TEXT_SIGNATURES: Signature[] = [
  { pattern: /GNU AFFERO GENERAL PUBLIC LICENSE/i, licence: () => "AGPL-3.0" },
  {
    pattern: /GNU (?:LESSER|LIBRARY) GENERAL PUBLIC LICENSE/i,
    licence: (text) => `LGPL-${versionOf(text, "2.1")}`,
  },
  { pattern: /GNU GENERAL PUBLIC LICENSE/i, licence: (text) => `GPL-${versionOf(text, "2")}` },
  { pattern: /Server Side Public License/i, licence: () => "SSPL-1.0" },
  { pattern: /European Union Public Licen[cs]e/i, licence: (text) => `EUPL-${versionOf(text, "1.2")}` },
  { pattern: /Mozilla Public License/i, licence: (text) => `MPL-${versionOf(text, "2.0")}` },
  { pattern: /Eclipse Public License/i, licence: (text) => `EPL-${versionOf(text, "2.0")}` },
  { pattern: /Apache License,?\s+Version 2\.0/i, licence: () => "Apache-2.0" },
  { pattern: /Permission is hereby granted, free of charge/i, licence: () => "MIT" },
  {
    pattern: /Permission to use, copy, modify, and(?:\/or)? distribute this software for any purpose/i,
    licence: () => "ISC",
  },
  {
    pattern: /Redistribution and use in source and binary forms/i,
    licence: (text) => (/Neither the name/i.test(text) ? "BSD-3-Clause" : "BSD-2-Clause"),
  },
  {
    pattern: /This is free and unencumbered software released into the public domain/i,
    licence: () => "Unlicense",
  },
];

// A notice in a source file's header that puts it under a GNU licence.
const NOTICE =
  /under the terms of the GNU (Affero |Lesser |Library )?General Public License[\s\S]{0,200}?version (\d(?:\.\d)?)?/i;

const LICENCE_FILE = /^(?:licen[cs]e|copying|unlicense)(?:[.-].*)?$/i;
const SPDX_LINE = /SPDX-License-Identifier:[ \t]*([^\r\n]*)/g;
const MAX_PARSE_BYTES = 1024 * 1024;

/** The licence a free-text name refers to ("GNU General Public License v3" → "GPL-3.0"), or the name itself. */
export function licenceFromText(text: string): string {
  for (const signature of TEXT_SIGNATURES) {
    if (signature.pattern.test(text)) return signature.licence(text);
  }
  const spdxLike = /\b(A?GPL|LGPL|MPL|EUPL|SSPL)[-\s]?v?(\d(?:\.\d)?)/i.exec(text);
  if (spdxLike) return `${spdxLike[1]?.toUpperCase()}-${versionOf(`version ${spdxLike[2]}`, "1")}`;
  return text.trim();
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line += 1;
  return line;
}

/**
 * Finds licences in one file: SPDX-License-Identifier lines, licence texts (LICENSE, COPYING…),
 * GNU licence notices in headers, and licences declared by package.json (the project's own, or a
 * vendored `node_modules/*` one), Cargo.toml and pom.xml.
 */
export function detectLicences(path: string, content: Buffer): LicenceDetection[] {
  if (content.length > MAX_PARSE_BYTES) return [];
  const text = content.toString("utf8");
  const found: LicenceDetection[] = [];
  const base = posix.basename(path);

  if (text.includes("SPDX-License-Identifier")) {
    SPDX_LINE.lastIndex = 0;
    for (let match = SPDX_LINE.exec(text); match !== null; match = SPDX_LINE.exec(text)) {
      const expression = (match[1] ?? "").replace(/\s*(?:\*\/|-->|#}|"|'|;|,).*$/, "").trim();
      if (/^[A-Za-z0-9.+\-() ]+$/.test(expression) && expression.length <= 200) {
        found.push({
          licence: expression,
          file: path,
          line: lineAt(text, match.index),
          source: "spdx-identifier",
        });
      }
    }
  }
  if (LICENCE_FILE.test(base)) {
    const licence = licenceFromText(text.slice(0, 20_000));
    found.push({ licence: licence.length > 60 ? "Unknown" : licence, file: path, source: "licence-text" });
  } else if (/General Public License/i.test(text)) {
    const notice = NOTICE.exec(text);
    if (notice) {
      const family = notice[1]?.trim().toLowerCase();
      const id = family === "affero" ? "AGPL" : family === "lesser" || family === "library" ? "LGPL" : "GPL";
      const version = notice[2]
        ? versionOf(`version ${notice[2]}`, "2")
        : family === "affero"
          ? "3.0"
          : "2.0";
      found.push({
        licence: `${id}-${version}`,
        file: path,
        line: lineAt(text, notice.index),
        source: "licence-notice",
      });
    }
  }
  if (base === "package.json") found.push(...fromPackageJson(path, text));
  else if (base === "Cargo.toml") found.push(...fromCargo(path, text));
  else if (base === "pom.xml") found.push(...fromPom(path, text));
  return found;
}

function isDependency(path: string): boolean {
  return path.split("/").includes("node_modules");
}

function fromPackageJson(path: string, text: string): LicenceDetection[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof parsed !== "object" || parsed === null) return [];
  const record = parsed as Record<string, unknown>;
  const name = typeof record.name === "string" ? record.name : undefined;
  const licences: string[] = [];
  const take = (value: unknown) => {
    if (typeof value === "string") licences.push(value);
    else if (
      typeof value === "object" &&
      value !== null &&
      typeof (value as { type?: unknown }).type === "string"
    ) {
      licences.push((value as { type: string }).type);
    }
  };
  take(record.license);
  if (Array.isArray(record.licenses)) record.licenses.forEach(take);
  const source: LicenceSource = isDependency(path) ? "dependency" : "declared";
  return licences
    .filter((licence) => licence.length <= 200)
    .map((licence) => ({ licence, file: path, source, ...(name ? { package: name } : {}) }));
}

function fromCargo(path: string, text: string): LicenceDetection[] {
  const licence = /^\s*license\s*=\s*"([^"\n]{1,200})"/m.exec(text)?.[1];
  const name = /^\s*name\s*=\s*"([^"\n]{1,200})"/m.exec(text)?.[1];
  if (!licence) return [];
  return [{ licence, file: path, source: "declared", ...(name ? { package: name } : {}) }];
}

function fromPom(path: string, text: string): LicenceDetection[] {
  const block = /<licenses>([\s\S]{0,20000}?)<\/licenses>/.exec(text)?.[1];
  if (!block) return [];
  const artifact = /<artifactId>([^<]{1,200})<\/artifactId>/.exec(text)?.[1];
  const names = [...block.matchAll(/<name>([^<]{1,200})<\/name>/g)].map((match) => match[1] ?? "");
  return names.map((name) => ({
    licence: licenceFromText(name),
    file: path,
    source: "declared" as const,
    ...(artifact ? { package: artifact } : {}),
  }));
}

type Severity = 0 | 1 | 2; // allow, warn, deny

function matches(id: string, pattern: string): boolean {
  const a = id.toLowerCase();
  const b = pattern.toLowerCase();
  return b.endsWith("*")
    ? a.startsWith(b.slice(0, -1))
    : a === b || a === `${b}-only` || a === `${b}-or-later`;
}

function severityOf(id: string, policy: LicencePolicy): Severity {
  const bare = id.replace(/\+$/, "");
  if (policy.deny.some((pattern) => matches(bare, pattern))) return 2;
  if (policy.warn.some((pattern) => matches(bare, pattern))) return 1;
  return 0;
}

/**
 * Judges an SPDX expression: `OR` takes the most permissive choice, `AND` the strictest requirement,
 * `WITH` an exception judges the base licence.
 */
export function judgeExpression(expression: string, policy: LicencePolicy): Severity {
  const tokens = expression.match(/\(|\)|[A-Za-z0-9.+:-]+/g) ?? [];
  let position = 0;
  const peek = () => tokens[position]?.toUpperCase();
  const parseOr = (depth: number): Severity => {
    let severity = parseAnd(depth);
    while (peek() === "OR") {
      position += 1;
      severity = Math.min(severity, parseAnd(depth)) as Severity;
    }
    return severity;
  };
  const parseAnd = (depth: number): Severity => {
    let severity = parseAtom(depth);
    while (peek() === "AND") {
      position += 1;
      severity = Math.max(severity, parseAtom(depth)) as Severity;
    }
    return severity;
  };
  const parseAtom = (depth: number): Severity => {
    const token = tokens[position++];
    if (token === undefined) return 0;
    if (token === "(" && depth < 20) {
      const inner = parseOr(depth + 1);
      if (peek() === ")") position += 1;
      return inner;
    }
    if (peek() === "WITH") position += 2;
    return severityOf(token, policy);
  };
  return tokens.length === 0 ? severityOf("Unknown", policy) : parseOr(0);
}

/** Keeps the detections the policy refuses or flags, each with a message. */
export function judgeLicences(
  detections: readonly LicenceDetection[],
  policy: LicencePolicy,
): LicenceFinding[] {
  const findings: LicenceFinding[] = [];
  for (const detection of detections) {
    const severity = judgeExpression(detection.licence, policy);
    if (severity === 0) continue;
    const where = detection.package ? `package ${detection.package} (${detection.file})` : detection.file;
    findings.push({
      ...detection,
      verdict: severity === 2 ? "deny" : "warn",
      message: `${detection.licence} in ${where} is ${severity === 2 ? "refused" : "flagged for review"} by the licence policy.`,
    });
  }
  return findings;
}
