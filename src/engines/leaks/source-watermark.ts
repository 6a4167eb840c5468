import { WardenError } from "../../domain/errors.ts";
import { canaryToken } from "./canary.ts";
import { languageFromPath, type SourceLanguage } from "./language.ts";
import { bitFor, equationFor, MAX_PAYLOAD, type Observation } from "./payload-code.ts";
import {
  decodeChannels,
  embedTextWatermark,
  type WatermarkDecode,
  type WatermarkOptions,
} from "./text-watermark.ts";
import { type SourceComment, tokenizeSource } from "./tokenize-source.ts";
import { commentWords } from "./winnow.ts";

export interface SourceFile {
  path: string;
  content: string;
}

const DEFAULT_KEY = "warden-leak-watch";
const CANARY_LABEL = "build cache key:";
const EARLIER_CANARY = /^.*build cache key: AKIA[A-Z2-7]{16}.*\r?\n/gm;

const commentStyle: Partial<Record<SourceLanguage, (text: string) => string>> = {
  java: (t) => `// ${t}`,
  javascript: (t) => `// ${t}`,
  typescript: (t) => `// ${t}`,
  c: (t) => `/* ${t} */`,
  cpp: (t) => `// ${t}`,
  csharp: (t) => `// ${t}`,
  go: (t) => `// ${t}`,
  rust: (t) => `// ${t}`,
  kotlin: (t) => `// ${t}`,
  swift: (t) => `// ${t}`,
  php: (t) => `// ${t}`,
  python: (t) => `# ${t}`,
  ruby: (t) => `# ${t}`,
  shell: (t) => `# ${t}`,
  sql: (t) => `-- ${t}`,
};

/** Lines that must stay first: shebangs, encoding cookies, PHP open tags, Go build constraints. */
const HEADER_LINE =
  /^(#!|# -\*-|# vim:|#\s*(coding|encoding)[:=]|<\?php|\/\/go:build|\/\/ \+build|"use strict"|'use strict')/;

/** Languages where a trailing space can change meaning outside strings (heredocs). */
const NO_TRAILING_SPACE: ReadonlySet<SourceLanguage> = new Set(["shell"]);

interface LineCarrier {
  /** Offset just past the line's last non-whitespace character. */
  at: number;
  context: string;
  bit: 0 | 1 | undefined;
}

/**
 * Lines outside multi-line strings, with what they carry: one trailing space is a 1, none a
 * 0, anything else no bit. The context is the line's own text and the previous line's, so
 * the carrier is found again in an excerpt or after the file is moved.
 */
function lineCarriers(text: string, language: Exclude<SourceLanguage, "prose">): LineCarrier[] {
  const inString = new Set<number>();
  for (const token of tokenizeSource(text, language)) {
    if (token.text !== "$str") continue;
    for (let i = text.indexOf("\n", token.start); i >= 0 && i < token.end; i = text.indexOf("\n", i + 1)) {
      inString.add(i);
    }
  }
  const carriers: LineCarrier[] = [];
  let previous = "";
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const raw = text.slice(start, text[end - 1] === "\r" ? end - 1 : end);
    const content = raw.trimEnd();
    if (content.trim() && !inString.has(end) && !content.endsWith("\\")) {
      const tail = raw.slice(content.length);
      const context = `l|${previous}|${content.trim()}`;
      carriers.push({
        at: start + content.length,
        context,
        bit: tail === "" ? 0 : tail === " " ? 1 : undefined,
      });
      previous = content.trim();
    }
    start = end + 1;
  }
  return carriers;
}

/**
 * A comment line that is plain prose: it starts with a letter, holds only words, digits and
 * ordinary punctuation (no colon, so no directive such as `eslint-disable`, `type: ignore`,
 * `SPDX-License-Identifier:` or a URL), has at least three words, and ends with a letter,
 * optionally followed by one full stop.
 */
const PROSE_LINE = /^[A-Za-z][A-Za-z0-9 ,'()-]*[A-Za-z]\.?$/;
/** Words that mark a tool directive even without a colon. */
const DIRECTIVE =
  /\b(eslint|tslint|jshint|prettier|biome|istanbul|c8|noqa|nolint|pylint|rubocop|nosonar|pragma|ts-|flow)\b/i;

interface CommentCarrier {
  /** Offset just past the line's last letter: where a full stop is, or would go. */
  at: number;
  /** Whether a full stop follows the last letter (a 1) or not (a 0). */
  bit: 0 | 1;
  context: string;
}

/**
 * Comment lines that carry a bit in whether they end with a full stop. Formatters leave a
 * comment's words alone, so this channel survives a reformat that strips trailing spaces and
 * re-indents; the context is the line's words, so it survives moving the code too.
 */
function commentCarriers(text: string, language: Exclude<SourceLanguage, "prose">): CommentCarrier[] {
  const comments: SourceComment[] = [];
  tokenizeSource(text, language, comments);
  const carriers: CommentCarrier[] = [];
  for (const comment of comments) {
    let lineStart = comment.bodyStart;
    for (const line of comment.body.split("\n")) {
      const from = lineStart;
      lineStart += line.length + 1;
      // Drop decoration: leading `*` of a block comment's lines, a Javadoc's closing `*`, `#` runs.
      const lead = /^[\s*#/!-]*/.exec(line)![0].length;
      const prose = line.slice(lead).replace(/[\s*]*$/, "");
      if (prose.split(" ").length < 3 || !PROSE_LINE.test(prose) || DIRECTIVE.test(prose)) continue;
      const stop = prose.endsWith(".");
      carriers.push({
        at: from + lead + prose.length - (stop ? 1 : 0),
        bit: stop ? 1 : 0,
        context: `c|${commentWords(prose)}`,
      });
    }
  }
  return carriers;
}

function checkPayload(payload: number): void {
  if (!Number.isSafeInteger(payload) || payload < 0 || payload > MAX_PAYLOAD) {
    throw new WardenError(
      "invalid_input",
      `Payload must be an integer from 0 to ${MAX_PAYLOAD}: got ${payload}.`,
    );
  }
}

/**
 * Marks one recipient's copy of a set of source files without changing what the code does:
 * a canary comment holding a fake credential unique to the copy ({@link findCanaries} finds
 * it anywhere), and the payload spread over two channels decoded together: trailing-space
 * choices on lines outside strings, and whether each prose comment line ends with a full
 * stop (which survives a formatter).
 * Documents (Markdown, text) get the text watermark; files of unknown kinds are copied as
 * they are.
 *
 * @example
 * const copy = markSource([{ path: "src/app.ts", content }], 0x2a00000007);
 * // copy[0].content starts with "// build cache key: AKIA…" and decodes to 0x2a00000007
 */
export function markSource(
  files: readonly SourceFile[],
  payload: number,
  options: WatermarkOptions = {},
): SourceFile[] {
  checkPayload(payload);
  const key = options.key ?? DEFAULT_KEY;
  const token = canaryToken(payload, { key });
  return files.map((file) => {
    const language = languageFromPath(file.path);
    if (language === "prose")
      return { path: file.path, content: embedTextWatermark(file.content, payload, options) };
    const comment = language && commentStyle[language];
    if (!language || !comment) return { ...file };
    let content = insertComment(
      stripSourceMarks(file.content, language),
      comment(`${CANARY_LABEL} ${token}`),
    );
    content = markComments(content, language, payload, key);
    if (!NO_TRAILING_SPACE.has(language)) {
      const inserts = lineCarriers(content, language)
        .filter((c) => bitFor(equationFor(c.context, key), payload) === 1)
        .map((c) => c.at);
      content = splice(content, inserts, 0, " ");
    }
    return { path: file.path, content };
  });
}

/** Sets each prose comment line's full stop to the bit the payload asks of it. */
function markComments(
  text: string,
  language: Exclude<SourceLanguage, "prose">,
  payload: number,
  key: string,
): string {
  const parts: string[] = [];
  let from = 0;
  for (const carrier of commentCarriers(text, language)) {
    const want = bitFor(equationFor(carrier.context, key), payload);
    if (want === carrier.bit) continue;
    parts.push(text.slice(from, carrier.at), want ? "." : "");
    from = carrier.at + (carrier.bit ? 1 : 0);
  }
  parts.push(text.slice(from));
  return parts.join("");
}

function stripSourceMarks(text: string, language: Exclude<SourceLanguage, "prose">): string {
  const clean = text.replace(EARLIER_CANARY, "");
  const marked = lineCarriers(clean, language).filter((c) => c.bit === 1);
  return splice(
    clean,
    marked.map((c) => c.at),
    1,
    "",
  );
}

/** Replaces `remove` characters at each (ascending) offset with `insert`, in one pass. */
function splice(text: string, offsets: number[], remove: number, insert: string): string {
  const parts: string[] = [];
  let from = 0;
  for (const at of offsets) {
    parts.push(text.slice(from, at), insert);
    from = at + remove;
  }
  parts.push(text.slice(from));
  return parts.join("");
}

function insertComment(content: string, comment: string): string {
  const newline = content.includes("\r\n") ? "\r\n" : "\n";
  const lines = content.split("\n");
  let at = 0;
  while (at < lines.length && HEADER_LINE.test(lines[at]!)) at++;
  lines.splice(at, 0, comment + (newline === "\r\n" ? "\r" : ""));
  return lines.join("\n");
}

/**
 * Reads the payload back from marked source code (one file or several concatenated), from
 * trailing spaces and comment full stops together. Like {@link decodeTextWatermark}, it answers `none` rather than guess.
 */
export function decodeSourceWatermark(
  text: string,
  language: Exclude<SourceLanguage, "prose">,
  options: WatermarkOptions = {},
): WatermarkDecode {
  const key = options.key ?? DEFAULT_KEY;
  const spaces: Observation[] = lineCarriers(text, language)
    .filter((c) => c.bit !== undefined)
    .map((c) => ({ ...equationFor(c.context, key), bit: c.bit!, group: c.context }));
  // Unmarked or reformatted code has no trailing spaces at all: then that channel says nothing.
  const spacesLive = spaces.some((o) => o.bit === 1);
  const comments: Observation[] = commentCarriers(text, language).map((c) => ({
    ...equationFor(c.context, key),
    bit: c.bit,
    group: c.context,
  }));
  const channels = [
    ...(spacesLive ? [{ channel: "trailing-space" as const, observations: spaces }] : []),
    ...(comments.length ? [{ channel: "comment-stop" as const, observations: comments }] : []),
  ];
  return decodeChannels(channels, { noMarks: "no marks", tooFew: "too few marked lines and comments" });
}
