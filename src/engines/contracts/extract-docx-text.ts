import JSZip from "jszip";
import { WardenError } from "../../domain/errors.ts";
import type { ExtractedText } from "./extracted-text.ts";
import type { ExtractionLimits } from "./limits.ts";
import { readZipDirectory } from "./read-zip-directory.ts";

const bombMessage = (limit: number) =>
  `The DOCX archive inflates to more than ${limit} bytes (a ZIP bomb or an oversized document). It was not read.`;

/**
 * Reads the paragraphs of a DOCX (word/document.xml), one per line, with a blank
 * line between paragraphs. Automatic list numbers are rebuilt so that section
 * numbers survive. Archive size and entry count are checked twice: as declared
 * in the ZIP directory before anything is inflated, and as actually inflated.
 */
export async function extractDocxText(bytes: Uint8Array, limits: ExtractionLimits): Promise<ExtractedText> {
  const entries = readZipDirectory(bytes, limits.maxZipEntries);
  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > limits.maxUncompressedBytes)
    throw new WardenError("too_large", bombMessage(limits.maxUncompressedBytes));
  if (!entries.some((e) => e.name === "word/document.xml")) {
    throw new WardenError(
      "invalid_input",
      "The file is a ZIP archive but not a Word document (no word/document.xml). Upload a DOCX, PDF or text file.",
    );
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
  } catch (error) {
    throw new WardenError(
      "invalid_input",
      `The DOCX file is damaged (${error instanceof Error ? error.message : String(error)}). Save it again from the word processor.`,
    );
  }
  const budget = { left: limits.maxUncompressedBytes };
  const documentXml = await inflateEntry(zip, "word/document.xml", budget, limits);
  const numberingXml = zip.file("word/numbering.xml")
    ? await inflateEntry(zip, "word/numbering.xml", budget, limits)
    : "";
  const text = documentXmlToText(documentXml, parseNumberingFormats(numberingXml));
  if (text.length > limits.maxTextChars) {
    throw new WardenError(
      "too_large",
      `The document has more than ${limits.maxTextChars} characters of text.`,
    );
  }
  return { text, format: "docx" };
}

async function inflateEntry(
  zip: JSZip,
  name: string,
  budget: { left: number },
  limits: ExtractionLimits,
): Promise<string> {
  const file = zip.file(name);
  if (!file) return "";
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    const stream = file.nodeStream("nodebuffer");
    const timer = setTimeout(() => {
      fail(
        new WardenError(
          "timeout",
          `Reading the DOCX took longer than ${limits.timeBudgetMs} ms; it was stopped.`,
        ),
      );
    }, limits.timeBudgetMs);
    let done = false;
    function fail(error: Error) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      reject(error);
    }
    stream.on("data", (chunk: Buffer) => {
      budget.left -= chunk.length;
      if (budget.left < 0)
        return fail(new WardenError("too_large", bombMessage(limits.maxUncompressedBytes)));
      chunks.push(chunk);
    });
    stream.on("error", (error: Error) =>
      fail(new WardenError("invalid_input", `The DOCX file is damaged (${error.message}).`)),
    );
    stream.on("end", () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve();
    });
  });
  return Buffer.concat(chunks).toString("utf8");
}

type NumberFormat =
  | "decimal"
  | "bullet"
  | "lowerLetter"
  | "upperLetter"
  | "lowerRoman"
  | "upperRoman"
  | "none";
/** numId → level → format. */
type NumberingFormats = Map<string, Map<number, NumberFormat>>;

function parseNumberingFormats(xml: string): NumberingFormats {
  const abstract = new Map<string, Map<number, NumberFormat>>();
  for (const m of xml.matchAll(
    /<w:abstractNum\b[^>]*w:abstractNumId="(\d+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g,
  )) {
    const levels = new Map<number, NumberFormat>();
    for (const lvl of (m[2] ?? "").matchAll(/<w:lvl\b[^>]*w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g)) {
      const fmt = /<w:numFmt\b[^>]*w:val="(\w+)"/.exec(lvl[2] ?? "")?.[1] ?? "decimal";
      levels.set(Number(lvl[1]), fmt as NumberFormat);
    }
    abstract.set(m[1] ?? "", levels);
  }
  const formats: NumberingFormats = new Map();
  for (const m of xml.matchAll(/<w:num\b[^>]*w:numId="(\d+)"[^>]*>([\s\S]*?)<\/w:num>/g)) {
    const abstractId = /<w:abstractNumId\b[^>]*w:val="(\d+)"/.exec(m[2] ?? "")?.[1] ?? "";
    formats.set(m[1] ?? "", abstract.get(abstractId) ?? new Map());
  }
  return formats;
}

function documentXmlToText(xml: string, formats: NumberingFormats): string {
  const body = /<w:body\b[^>]*>([\s\S]*)<\/w:body>/.exec(xml)?.[1] ?? xml;
  const counters = new Map<string, number[]>();
  const paragraphs: string[] = [];
  for (const p of body.matchAll(/<w:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:p>)/g)) {
    const inner = p[1] ?? "";
    let text = "";
    for (const run of inner.matchAll(/<w:t\b[^>]*?(?:\/>|>([^<]*)<\/w:t>)|<w:(tab|br|cr)\b[^>]*\/>/g)) {
      if (run[2] === "tab") text += "\t";
      else if (run[2] === "br" || run[2] === "cr") text += "\n";
      else text += decodeXmlEntities(run[1] ?? "");
    }
    const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(inner)?.[1];
    if (numPr && text.trim()) {
      const numId = /<w:numId\b[^>]*w:val="(\d+)"/.exec(numPr)?.[1] ?? "0";
      const level = Number(/<w:ilvl\b[^>]*w:val="(\d+)"/.exec(numPr)?.[1] ?? "0");
      if (numId !== "0") text = `${listLabel(numId, level, formats, counters)} ${text}`;
    }
    if (text.trim()) paragraphs.push(text.replace(/[ \t]+$/g, ""));
  }
  return paragraphs.join("\n\n");
}

function listLabel(
  numId: string,
  level: number,
  formats: NumberingFormats,
  counters: Map<string, number[]>,
): string {
  const levels = counters.get(numId) ?? [];
  levels[level] = (levels[level] ?? 0) + 1;
  levels.length = level + 1;
  for (let i = 0; i < level; i++) levels[i] = levels[i] ?? 1;
  counters.set(numId, levels);
  const format = formats.get(numId)?.get(level) ?? "decimal";
  const n = levels[level] ?? 1;
  switch (format) {
    case "bullet":
      return "•";
    case "none":
      return "";
    case "lowerLetter":
      return `(${String.fromCharCode(96 + (((n - 1) % 26) + 1))})`;
    case "upperLetter":
      return `${String.fromCharCode(64 + (((n - 1) % 26) + 1))}.`;
    case "lowerRoman":
      return `(${toRoman(n).toLowerCase()})`;
    case "upperRoman":
      return `${toRoman(n)}.`;
    default: {
      // Decimal levels under decimal parents read as 3.2.1 in contracts.
      const path: number[] = [];
      for (let i = 0; i <= level; i++) {
        const f = formats.get(numId)?.get(i) ?? "decimal";
        if (f === "decimal") path.push(levels[i] ?? 1);
      }
      return path.length > 1 ? path.join(".") : `${n}.`;
    }
  }
}

function toRoman(n: number): string {
  const table: Array<[number, string]> = [
    [10, "X"],
    [9, "IX"],
    [5, "V"],
    [4, "IV"],
    [1, "I"],
  ];
  let out = "";
  let left = Math.min(n, 39);
  for (const [value, glyph] of table) {
    while (left >= value) {
      out += glyph;
      left -= value;
    }
  }
  return out;
}

function decodeXmlEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const lower = e.toLowerCase();
    if (lower === "amp") return "&";
    if (lower === "lt") return "<";
    if (lower === "gt") return ">";
    if (lower === "quot") return '"';
    if (lower === "apos") return "'";
    const code = lower.startsWith("#x")
      ? Number.parseInt(lower.slice(2), 16)
      : Number.parseInt(lower.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });
}
