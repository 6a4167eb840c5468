/**
 * A disguiser for whole TypeScript/JavaScript programs, over a small tokenizer of its own:
 * what someone hiding a leaked code base would do by hand or with a refactoring tool.
 * Every variant renames identifiers and files; the others add one or more of: reordering
 * top-level members, inserting dead statements, rewriting compound assignments and
 * `if (…) return` into other forms, splitting large files and merging small ones.
 */

import { seededRandom } from "../portfolio/generate-portfolio.ts";

export interface ProgramText {
  path: string;
  text: string;
}

export type Disguise = "reorder" | "dead" | "dead-heavy" | "rewrite" | "split" | "merge";

/** The ten disguises each program gets in the benchmark. */
export const DISGUISES: readonly (readonly Disguise[])[] = [
  [],
  ["reorder"],
  ["dead"],
  ["rewrite"],
  ["split"],
  ["merge"],
  ["reorder", "dead"],
  ["reorder", "rewrite", "split"],
  ["dead-heavy", "merge"],
  ["reorder", "dead", "rewrite", "split", "merge"],
];

const KEYWORDS = new Set(
  `break case catch class const continue debugger default delete do else export extends finally for function
  if import in instanceof new return super switch this throw try typeof var void while with yield let static
  async await of true false null undefined interface type enum implements private protected public readonly
  abstract declare namespace as keyof number string boolean any unknown never from get set is satisfies
  Promise Map Set Array Object String Number Boolean Math JSON Date Error RegExp Buffer console process
  Record Readonly ReadonlyMap ReadonlySet Partial Uint8Array Uint32Array Symbol length push map filter`.split(
    /\s+/,
  ),
);

/** Code and string-literal parts, comments dropped (a disguise always drops them). */
function splitLiterals(text: string): { code: boolean; text: string }[] {
  const parts: { code: boolean; text: string }[] = [];
  const literal =
    /\/\/[^\n]*|\/\*[\s\S]*?\*\/|`(?:\\[\s\S]|[^`\\])*`|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"/g;
  let last = 0;
  for (const m of text.matchAll(literal)) {
    parts.push({ code: true, text: text.slice(last, m.index) });
    if (!m[0].startsWith("/")) parts.push({ code: false, text: m[0] });
    last = m.index + m[0].length;
  }
  parts.push({ code: true, text: text.slice(last) });
  return parts;
}

function renameIdentifiers(text: string, names: Map<string, string>, next: () => number): string {
  return splitLiterals(text)
    .map((part) =>
      part.code
        ? part.text.replace(/\b[A-Za-z_$][\w$]*\b/g, (word) => {
            if (KEYWORDS.has(word)) return word;
            if (!names.has(word))
              names.set(word, `${"abcdefghklmnpqrstvwxz"[Math.floor(next() * 21)]}${names.size}`);
            return names.get(word)!;
          })
        : part.text.replace(/^(["'])\.{1,2}\/[^"']*\1$/, (path) => path),
    )
    .join("");
}

/** Top-level chunks: a line at brace depth 0 that starts a declaration begins a new chunk. */
function topLevelChunks(text: string): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let depth = 0;
  for (const line of text.split("\n")) {
    if (
      depth === 0 &&
      /^(export |function |const |let |class |interface |type |async |import )/.test(line) &&
      current.length
    ) {
      chunks.push(current.join("\n"));
      current = [];
    }
    current.push(line);
    for (const ch of line) depth += ch === "{" ? 1 : ch === "}" ? -1 : 0;
    if (depth < 0) depth = 0;
  }
  if (current.length) chunks.push(current.join("\n"));
  return chunks;
}

function shuffle<T>(items: T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function insertDead(text: string, share: number, next: () => number): string {
  let n = 0;
  return text
    .split("\n")
    .flatMap((line) => {
      if (!/;\s*$/.test(line) || !/^\s+/.test(line) || next() >= share) return [line];
      const indent = /^\s*/.exec(line)![0];
      const dead = [
        `${indent}const unused${n} = ${n} * 2;`,
        `${indent}if (Date.now() < ${n}) console.log("trace ${n}");`,
        `${indent}void [${n}, ${n + 1}].length;`,
      ][n % 3]!;
      n++;
      return [line, dead];
    })
    .join("\n");
}

function rewrite(text: string): string {
  return text
    .replace(/\b([A-Za-z_$][\w$.]*) \+= ([^;\n]+);/g, "$1 = $1 + ($2);")
    .replace(/\b([A-Za-z_$][\w$.]*)\+\+;/g, "$1 = $1 + 1;")
    .replace(/^(\s*)if \(([^\n]+)\) return ([^;\n]+);$/gm, "$1if (!($2)) {\n$1} else {\n$1  return $3;\n$1}");
}

/** One disguised copy of a program: new file names, and the files' text disguised. */
export function disguiseProgram(
  files: readonly ProgramText[],
  disguises: readonly Disguise[],
  seed: number,
): ProgramText[] {
  const next = seededRandom(seed * 7919 + 17);
  const names = new Map<string, string>();
  let texts = files.map((f) => {
    let text = renameIdentifiers(f.text, names, next);
    if (disguises.includes("rewrite")) text = rewrite(text);
    if (disguises.includes("reorder")) {
      const chunks = topLevelChunks(text);
      const imports = chunks.filter((c) => c.startsWith("import "));
      text = [
        ...imports,
        ...shuffle(
          chunks.filter((c) => !c.startsWith("import ")),
          next,
        ),
      ].join("\n");
    }
    if (disguises.includes("dead")) text = insertDead(text, 0.15, next);
    if (disguises.includes("dead-heavy")) text = insertDead(text, 0.4, next);
    return text;
  });
  if (disguises.includes("split")) {
    texts = texts.flatMap((text) => {
      const chunks = topLevelChunks(text);
      if (chunks.length < 4 || text.length < 3000) return [text];
      const half = Math.floor(chunks.length / 2);
      return [chunks.slice(0, half).join("\n"), chunks.slice(half).join("\n")];
    });
  }
  if (disguises.includes("merge")) {
    const merged: string[] = [];
    const sorted = shuffle(texts, next);
    for (let i = 0; i < sorted.length; i += 2)
      merged.push([sorted[i], sorted[i + 1]].filter(Boolean).join("\n\n"));
    texts = merged;
  }
  return shuffle(texts, next).map((text, i) => ({
    path: `mod${i}/${"pqrstuvw"[i % 8]}${seed}_${i}.ts`,
    text,
  }));
}
