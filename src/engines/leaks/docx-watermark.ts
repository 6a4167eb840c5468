import JSZip from "jszip";
import { WardenError } from "../../domain/errors.ts";
import { canaryToken } from "./canary.ts";
import { type DocumentMarks, documentMarks } from "./document-marks.ts";
import { ZERO_WIDTH_BITS } from "./text-carriers.ts";
import { embedTextWatermark, type WatermarkOptions } from "./text-watermark.ts";

/** Larger archives or parts are refused: a DOCX bigger than this is not a document someone shares. */
const MAX_DOCX_BYTES = 50 * 1024 * 1024;
const MAX_PART_BYTES = 200 * 1024 * 1024;
const PROPERTY_NAME = "DocumentKey";
const CUSTOM_PROPS_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml";
const CUSTOM_PROPS_REL =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties";
/** Text nodes, paragraph ends, tabs and breaks, in document order. */
const TEXT_PARTS = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:t\s*\/>|<\/w:p>|<w:tab\/>|<w:br\/>|<w:cr\/>/g;

const unescapeXml = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
    if (named[e.toLowerCase()]) return named[e.toLowerCase()]!;
    const code =
      e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });
const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

async function openDocx(buffer: Uint8Array): Promise<JSZip> {
  if (buffer.byteLength > MAX_DOCX_BYTES) {
    throw new WardenError(
      "too_large",
      `DOCX is ${buffer.byteLength} bytes; at most ${MAX_DOCX_BYTES} are read.`,
    );
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buffer);
  } catch {
    throw new WardenError(
      "invalid_input",
      "Not a DOCX file (the ZIP container cannot be read). Give a .docx file.",
    );
  }
  if (!zip.file("word/document.xml")) {
    throw new WardenError("invalid_input", "Not a DOCX file: word/document.xml is missing.");
  }
  return zip;
}

async function readPart(zip: JSZip, name: string): Promise<string | undefined> {
  const file = zip.file(name);
  if (!file) return undefined;
  // Refuse zip bombs before inflating: the central directory states the inflated size.
  const size = (file as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
  if (size > MAX_PART_BYTES)
    throw new WardenError("too_large", `DOCX part ${name} inflates to ${size} bytes.`);
  return file.async("string");
}

interface TextNode {
  /** Offset of the node's decoded text in the document text. */
  offset: number;
  text: string;
  /** Where the node's raw content sits in document.xml. */
  xmlStart: number;
  xmlEnd: number;
}

function documentText(xml: string): { text: string; nodes: TextNode[] } {
  const nodes: TextNode[] = [];
  let text = "";
  for (const match of xml.matchAll(TEXT_PARTS)) {
    const tag = match[0];
    if (match[1] !== undefined) {
      const contentStart = match.index + tag.indexOf(">") + 1;
      const decoded = unescapeXml(match[1]);
      nodes.push({
        offset: text.length,
        text: decoded,
        xmlStart: contentStart,
        xmlEnd: contentStart + match[1].length,
      });
      text += decoded;
    } else if (tag === "<w:tab/>") text += "\t";
    else if (tag.startsWith("</w:p") || tag === "<w:br/>" || tag === "<w:cr/>") text += "\n";
  }
  return { text, nodes };
}

/**
 * Writes marked text back into the text nodes it came from. Marks are one-for-one
 * substitutions plus zero-width insertions, which join the node of the preceding character.
 */
function applyMarks(xml: string, original: string, marked: string, nodes: TextNode[]): string {
  const owner = new Int32Array(original.length).fill(-1);
  for (const [n, node] of nodes.entries()) owner.fill(n, node.offset, node.offset + node.text.length);
  const next = nodes.map(() => [] as string[]);
  const isMark = (ch: string | undefined) => ch === ZERO_WIDTH_BITS[0] || ch === ZERO_WIDTH_BITS[1];
  let i = 0;
  let last = -1;
  for (const ch of marked.split("")) {
    // Earlier marks were stripped before re-marking: drop them from the nodes too.
    while (isMark(original[i]) && original[i] !== ch) i++;
    if (isMark(ch) && original[i] !== ch) {
      if (last >= 0) next[last]!.push(ch);
      continue;
    }
    const n = owner[i] ?? -1;
    if (n >= 0) next[n]!.push(ch);
    last = n >= 0 ? n : last;
    i++;
  }
  const parts: string[] = [];
  let from = 0;
  nodes.forEach((node, n) => {
    parts.push(xml.slice(from, node.xmlStart), escapeXml(next[n]!.join("")));
    from = node.xmlEnd;
  });
  parts.push(xml.slice(from));
  return parts.join("");
}

function withCustomProperty(xml: string | undefined, token: string): string {
  const property = (pid: number) =>
    `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${pid}" name="${PROPERTY_NAME}"><vt:lpwstr>${token}</vt:lpwstr></property>`;
  if (!xml) {
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${property(2)}</Properties>`;
  }
  const cleaned = xml
    .replace(new RegExp(`<property[^>]*name="${PROPERTY_NAME}"[^>]*>[\\s\\S]*?</property>`, "g"), "")
    .replace(/<Properties([^>]*?)\s*\/>/, "<Properties$1></Properties>");
  const pids = [...cleaned.matchAll(/pid="(\d+)"/g)].map((m) => Number(m[1]));
  return cleaned.replace("</Properties>", `${property(Math.max(1, ...pids) + 1)}</Properties>`);
}

/**
 * Marks one recipient's copy of a DOCX: the text watermark in the document's runs
 * (formatting untouched), and a canary token in a custom document property and the core
 * identifier.
 *
 * @example
 * const copy = await markDocx(await readFile("plan.docx"), 0x2a00000007);
 */
export async function markDocx(
  buffer: Uint8Array,
  payload: number,
  options: WatermarkOptions = {},
): Promise<Buffer> {
  const zip = await openDocx(buffer);
  const xml = (await readPart(zip, "word/document.xml"))!;
  const { text, nodes } = documentText(xml);
  const marked = embedTextWatermark(text, payload, options);
  zip.file("word/document.xml", applyMarks(xml, text, marked, nodes));

  const token = canaryToken(payload, options);
  const hadCustom = zip.file("docProps/custom.xml") !== null;
  zip.file("docProps/custom.xml", withCustomProperty(await readPart(zip, "docProps/custom.xml"), token));
  if (!hadCustom) {
    const types = await readPart(zip, "[Content_Types].xml");
    if (types && !types.includes("/docProps/custom.xml")) {
      zip.file(
        "[Content_Types].xml",
        types.replace(
          "</Types>",
          `<Override PartName="/docProps/custom.xml" ContentType="${CUSTOM_PROPS_TYPE}"/></Types>`,
        ),
      );
    }
    const rels = await readPart(zip, "_rels/.rels");
    if (rels && !rels.includes(CUSTOM_PROPS_REL)) {
      zip.file(
        "_rels/.rels",
        rels.replace(
          "</Relationships>",
          `<Relationship Id="rIdWardenCustom" Type="${CUSTOM_PROPS_REL}" Target="docProps/custom.xml"/></Relationships>`,
        ),
      );
    }
  }
  const core = await readPart(zip, "docProps/core.xml");
  if (core) {
    const cleaned = core.replace(/<dc:identifier>[^<]*<\/dc:identifier>/, "");
    zip.file(
      "docProps/core.xml",
      cleaned.replace("</cp:coreProperties>", `<dc:identifier>${token}</dc:identifier></cp:coreProperties>`),
    );
  }
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** The plain text of a DOCX (paragraphs on their own lines) and its metadata parts as text. */
export async function readDocx(buffer: Uint8Array): Promise<{ text: string; metadata: string }> {
  const zip = await openDocx(buffer);
  const { text } = documentText((await readPart(zip, "word/document.xml"))!);
  const metadata = [await readPart(zip, "docProps/custom.xml"), await readPart(zip, "docProps/core.xml")]
    .filter(Boolean)
    .join("\n");
  return { text, metadata };
}

/** Reads the marks of a DOCX copy: text watermark and metadata canaries. */
export async function decodeDocx(buffer: Uint8Array, options: WatermarkOptions = {}): Promise<DocumentMarks> {
  const { text, metadata } = await readDocx(buffer);
  return documentMarks(text, metadata, options);
}
