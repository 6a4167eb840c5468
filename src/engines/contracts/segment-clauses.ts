/**
 * A stretch of the contract: a numbered clause, a paragraph, a heading, part of
 * a long paragraph, or particulars (party names, addresses, notice details,
 * signature blocks), which are never clauses.
 */
export interface Segment {
  /** Offsets into the extracted text; `text === source.slice(start, end)`. */
  start: number;
  end: number;
  text: string;
  kind: "heading" | "body" | "particulars";
  /** Section number as written ("12.3", "(b)", "Article 5"), when there is one. */
  number?: string;
  /** The segment's own heading ("Governing Law"), inline or as a heading line. */
  heading?: string;
  /** Headings of the enclosing sections, outermost first. */
  context: string[];
  /** Particulars laid out as a heading line ("ACME CORP.", "Name:"). */
  headingLine?: boolean;
}

const NUMBER_MARKER =
  /^[ \t]*((?:article|section|clause|schedule|annex|exhibit|appendix)\s+(?:\d+(?:\.\d+)*|[ivxlc]+|[a-z])\b[.:]?|\d{1,3}(?:\.\d{1,3})*\.?(?=[ \t]+[A-Z(“"'])|\([a-z]{1,2}\)|\([ivx]{1,5}\)|[A-Z]\.(?=[ \t]+[A-Z])|[•●▪◦\-–*](?=[ \t]))/i;

const MAX_SEGMENT_CHARS = 1200;
const CHUNK_CHARS = 700;

interface Line {
  start: number;
  end: number;
  text: string;
}

/**
 * Splits contract text into clauses: numbered sections and paragraphs, with
 * their numbers, headings and enclosing headings, and offsets into the text.
 * Long paragraphs are cut at sentence ends so that one detection does not
 * swallow a page.
 *
 * @example
 * segmentClauses("12. GOVERNING LAW\n\n12.1 This Agreement is governed by the laws of England.")
 * // → [{ kind: "heading", number: "12.", heading: "GOVERNING LAW", … },
 * //    { kind: "body", number: "12.1", context: ["GOVERNING LAW"], … }]
 */
export function segmentClauses(source: string): Segment[] {
  const blocks = splitBlocks(source);
  const segments: Segment[] = [];
  const contextByDepth: string[] = [];
  let signaturePage = false;
  for (const block of blocks) {
    const raw = source.slice(block.start, block.end);
    const marker = NUMBER_MARKER.exec(raw);
    // Particulars neither hold a clause nor head the ones after them.
    const witness = WITNESS.test(raw);
    if (witness) signaturePage = true;
    else if (signaturePage && endsSignaturePage(raw)) signaturePage = false;
    if (witness || isParticulars(raw) || (signaturePage && isShortNonClause(raw))) {
      segments.push({
        start: block.start,
        end: block.end,
        text: raw,
        kind: "particulars",
        context: [],
        ...(isHeadingBlock(raw, raw.trim()) ? { headingLine: true } : {}),
      });
      continue;
    }
    const number = marker?.[1]?.trim().replace(/[.:]$/, "") || undefined;
    const afterNumber = marker ? raw.slice(marker[0].length).trim() : raw.trim();
    const heading = isHeadingBlock(raw, afterNumber);
    // A heading line numbered "12." is a top-level section like "ARTICLE 12", whichever style the document uses.
    const depth = heading && numberDepth(number, afterNumber) === 1 ? 0 : numberDepth(number, afterNumber);
    const parents = contextByDepth.slice(0, depth).filter(Boolean);
    if (heading) {
      const heading = cleanHeading(afterNumber);
      segments.push({
        start: block.start,
        end: block.end,
        text: raw,
        kind: "heading",
        number,
        heading,
        context: parents,
      });
      contextByDepth.length = depth;
      contextByDepth[depth] = heading;
      continue;
    }
    const inline = inlineHeading(afterNumber);
    if (inline && number) {
      contextByDepth.length = depth;
      contextByDepth[depth] = inline;
    }
    const context = number ? parents : contextByDepth.filter(Boolean);
    for (const chunk of chunkBlock(source, block)) {
      segments.push({
        start: chunk.start,
        end: chunk.end,
        text: source.slice(chunk.start, chunk.end),
        kind: "body",
        number,
        heading: inline,
        context,
      });
    }
  }
  return segments;
}

function splitBlocks(source: string): Line[] {
  const lines: Line[] = [];
  let at = 0;
  for (const piece of source.split("\n")) {
    lines.push({ start: at, end: at + piece.length, text: piece });
    at += piece.length + 1;
  }
  const blocks: Line[] = [];
  let current: Line | undefined;
  let previousWasHeading = false;
  for (const line of lines) {
    const trimmed = line.text.trim();
    if (!trimmed) {
      if (current) blocks.push(current);
      current = undefined;
      previousWasHeading = false;
      continue;
    }
    const lead = line.text.length - line.text.trimStart().length;
    const start = line.start + lead;
    const end = line.end - (line.text.length - line.text.trimEnd().length);
    const startsNew = NUMBER_MARKER.test(line.text) || previousWasHeading || looksLikeHeadingLine(trimmed);
    if (current && !startsNew) {
      current.end = end;
    } else {
      if (current) blocks.push(current);
      current = { start, end, text: "" };
    }
    previousWasHeading = looksLikeHeadingLine(trimmed);
  }
  if (current) blocks.push(current);
  return blocks;
}

/** The sentence that opens a signature page. */
const WITNESS =
  /^\s*(?:IN\s+WITNESS\s+WHERE(?:OF|TO)|AS\s+WITNESS|EXECUTED\s+(?:AS\s+A\s+DEED\s+)?(?:BY\s+THE\s+PARTIES|ON\s+THE\s+DATE)|SIGNED\s+BY\s+THE\s+PARTIES)\b/i;
/** Words a clause cannot do without: particulars have none of them. */
const CLAUSE_VERB =
  /\b(?:shall|will|must|may|agrees?|undertakes?|warrants?|represents?|acknowledges?|covenants?|hereby|means|includes?|is|are|be|been|has|have|had|does|do)\b/i;
/** "By: ____", "Name:", "Title: CEO", "Attn: General Counsel", "Email: legal@…". */
const FIELD_LINE =
  /^(?:by|name|title|date|dated|signature|signed|its|print(?:ed)?\s+name|authori[sz]ed\s+(?:signatory|representative|signature)|witness(?:ed)?(?:\s+by)?|designation|position|place|address|registered\s+(?:office|address|number|no)|attn|attention|tel(?:ephone)?|phone|mobile|fax|facsimile|e-?mail|website|company\s+(?:no|number|registration(?:\s+number)?)|cin|gstin|pan|tax\s+id|ein)\b\.?\s*(?::|_{2,}|\.{3,}|$)/i;
/** "For and on behalf of", "If to Client:", "with a copy to:", "CLIENT:". */
const LEAD_LINE =
  /^(?:(?:signed\s+)?for\s+and\s+on\s+behalf\s+of|on\s+behalf\s+of|signed\s+(?:for\s+and\s+on\s+behalf\s+of|by)|executed\s+(?:as\s+a\s+deed\s+)?by|agreed\s+(?:and\s+accepted\s+)?(?:by|to)|accepted\s+by|if\s+to\s+(?:the\s+)?[\w ]{2,40}:|with\s+a\s+copy\s+(?:\([^)]*\)\s+)?to\s*:?$|(?:the\s+)?(?:client|customer|vendor|supplier|company|contractor|consultant|service\s+provider|licensee|licensor|provider|buyer|seller|purchaser)\s*:?$)/i;
/** An organisation's name ending in its legal form ("Acme Insurance Inc.", "Kestrel Code Sp. z o.o."). */
const LEGAL_FORM =
  /(?:^|[\s,])(?:inc|incorporated|llc|l\.l\.c|ltd|limited|corp|corporation|company|co|plc|llp|l\.l\.p|lp|l\.p|gmbh|ag|s\.?a|b\.?v|n\.?v|pvt\.?\s+ltd|private\s+limited|pte\.?\s+ltd|sp\.\s*z\s*o\.\s*o|s\.r\.l|srl|oy|ab|kk)\.?\s*(?:,\s*(?:a|an)\s+[\w\s-]{3,60})?\s*(?:\(["“][^"”]{1,40}["”]\))?\s*[.,:;]?$/i;
/** A street or building line ("100 Main Street", "Suite 400", "P.O. Box 12"). */
const STREET =
  /\b\d+[a-z]?,?\s+(?:[a-z][\w.'’-]*\s+){0,4}(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|way|place|pl|court|ct|square|sq|parkway|pkwy|highway|hwy|terrace|crescent|close|marg|nagar)\b|\b(?:suite|ste|floor|fl|unit|building|bldg|tower|p\.?\s*o\.?\s+box|post\s+box)\b\.?\s*#?\s*\d+/i;
/** A postal code: US ZIP with its state, UK postcode, Indian PIN after a city. */
const POSTCODE =
  /\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b|\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b|\b[A-Z][a-z]+\s*[-–]?\s*\d{3}\s?\d{3}\b/;

/** A line of particulars: a signature field, a party's name, an address or contact detail, a rule to sign on. */
function isParticularsLine(line: string): boolean {
  const text = line.trim();
  if (!text) return true;
  if (/^[_\s.\-–—/|]{3,}$/.test(text)) return true;
  if (text.length > 200) return false;
  const field = FIELD_LINE.exec(text);
  if (field) return !CLAUSE_VERB.test(text.slice(field[0].length));
  if (CLAUSE_VERB.test(text)) return false;
  if (LEAD_LINE.test(text)) return true;
  if (/_{4,}/.test(text) && text.length < 120) return true;
  return isOrganisationName(text) || STREET.test(text) || POSTCODE.test(text);
}

/** "Acme Insurance Inc.", "BLUEWAVE SOFTWARE LLC, a New Jersey limited liability company": a name, not a sentence. */
function isOrganisationName(text: string): boolean {
  if (!LEGAL_FORM.test(text) || !/^[\p{Lu}\d"“]/u.test(text)) return false;
  const name = text.split(/,\s*(?:a|an)\s+/)[0] ?? text;
  const words = name.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  const minor = new Set(["of", "and", "&", "the", "de", "du", "des", "la", "le", "für", "z", "o.o."]);
  return words.every(
    (w) => /^[\p{Lu}\d("“]/u.test(w) || minor.has(w.toLowerCase()) || /^(?:sp\.|o\.o\.)/i.test(w),
  );
}

/** Party names, addresses, notice details and signature blocks: every line is one of them. */
function isParticulars(raw: string): boolean {
  const lines = raw.split("\n").filter((l) => l.trim());
  return lines.length > 0 && lines.every(isParticularsLine);
}

/** On a signature page, names of signatories and their titles carry no verb and are short. */
function isShortNonClause(raw: string): boolean {
  return raw.length <= 300 && !CLAUSE_VERB.test(raw);
}

/** A schedule, a numbered clause or prose ends the signature page. */
function endsSignaturePage(raw: string): boolean {
  return (
    /^\s*(?:schedule|exhibit|annex(?:ure)?|appendix|attachment|addendum)\b/i.test(raw) ||
    /^\s*\d{1,3}(?:\.\d{1,3})*\.?\s+[A-Z]/.test(raw) ||
    (raw.length > 300 && CLAUSE_VERB.test(raw))
  );
}

function looksLikeHeadingLine(line: string): boolean {
  if (line.length > 90 || line.length < 3) return false;
  const body = line.replace(NUMBER_MARKER, "").trim();
  if (!body || (/[.;,]$/.test(body) && !/^[A-Z0-9 &'’\-,/()]+\.$/.test(body))) return false;
  // A sentence in capitals ("VENDOR SHALL NOT BE LIABLE…") is a clause, not a heading.
  if (body.split(/\s+/).length > 12 || /\b(?:shall|will|must|may|is|are|agrees?)\b/i.test(body)) return false;
  const letters = body.replace(/[^A-Za-z]/g, "");
  if (letters.length < 3) return false;
  const upper = body.replace(/[^A-Z]/g, "").length;
  if (upper / letters.length > 0.8) return true;
  const words = body.split(/\s+/).filter((w) => /^[A-Za-z]/.test(w));
  const minor = new Set(["of", "and", "or", "the", "to", "for", "in", "on", "a", "an", "by", "with"]);
  return words.length > 0 && words.length <= 8 && words.every((w) => /^[A-Z]/.test(w) || minor.has(w));
}

function isHeadingBlock(raw: string, afterNumber: string): boolean {
  return !raw.includes("\n") && looksLikeHeadingLine(raw.trim()) && afterNumber.length > 0;
}

function cleanHeading(s: string): string {
  return s.replace(/^[\s\-–—:.]+|[\s\-–—:.]+$/g, "").replace(/\s+/g, " ");
}

/** "Governing Law. This Agreement…" → "Governing Law". */
function inlineHeading(afterNumber: string): string | undefined {
  const m = /^([A-Z][A-Za-z'’&/\- ,()]{2,70}?)(?:\.|:|\s[-–—])\s+\S/.exec(afterNumber);
  if (!m?.[1]) return undefined;
  const candidate = m[1].trim();
  const words = candidate.split(/\s+/);
  if (words.length > 9) return undefined;
  const capitalised = words.filter((w) => /^[A-Z]/.test(w)).length;
  return capitalised >= Math.ceil(words.length * 0.6) ? cleanHeading(candidate) : undefined;
}

function numberDepth(number: string | undefined, afterNumber: string): number {
  if (!number) return looksLikeHeadingLine(afterNumber) ? 0 : 1;
  if (/^(article|schedule|annex|exhibit|appendix)/i.test(number)) return 0;
  if (/^(section|clause)/i.test(number)) return 1 + (number.match(/\./g)?.length ?? 0);
  if (/^\d/.test(number)) return 1 + (number.replace(/\.$/, "").match(/\./g)?.length ?? 0);
  if (/^\(/.test(number)) return 3;
  return 2;
}

function chunkBlock(source: string, block: Line): Line[] {
  if (block.end - block.start <= MAX_SEGMENT_CHARS) return [block];
  const chunks: Line[] = [];
  const text = source.slice(block.start, block.end);
  const boundary = /(?<!\b(?:e\.g|i\.e|etc|Inc|Ltd|Co|No|Sec|U\.S|Mr|Ms|Dr|vs|St))[.;:](?=\s+[A-Z(“"])/g;
  let chunkStart = 0;
  for (const m of text.matchAll(boundary)) {
    const cut = (m.index ?? 0) + 1;
    // Cut once the chunk is long enough, unless only a short tail would remain.
    if (cut - chunkStart >= CHUNK_CHARS && text.length - cut > CHUNK_CHARS / 3) {
      chunks.push(trimmed(source, block.start + chunkStart, block.start + cut));
      chunkStart = cut;
    }
  }
  if (chunkStart < text.length) chunks.push(trimmed(source, block.start + chunkStart, block.end));
  return chunks.flatMap((c) => hardSplit(source, c)).filter((c) => c.end > c.start);
}

/** Text with no sentence ends (tables, hostile input) is cut at spaces, or anywhere, to stay bounded. */
function hardSplit(source: string, chunk: Line): Line[] {
  if (chunk.end - chunk.start <= 2 * MAX_SEGMENT_CHARS) return [chunk];
  const out: Line[] = [];
  let at = chunk.start;
  while (chunk.end - at > MAX_SEGMENT_CHARS) {
    const space = source.lastIndexOf(" ", at + MAX_SEGMENT_CHARS);
    const cut = space > at + CHUNK_CHARS / 2 ? space : at + MAX_SEGMENT_CHARS;
    out.push(trimmed(source, at, cut));
    at = cut;
  }
  out.push(trimmed(source, at, chunk.end));
  return out;
}

function trimmed(source: string, start: number, end: number): Line {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(source[s] ?? "")) s++;
  while (e > s && /\s/.test(source[e - 1] ?? "")) e--;
  return { start: s, end: e, text: "" };
}
