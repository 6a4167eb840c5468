import type { SourceLanguage } from "./language.ts";

/** One normalised token with its place in the original text (UTF-16 offsets, end exclusive). */
export interface Token {
  /** The normalised form that fingerprints are built from: `$id`, `$num`, `$str`, a keyword or an operator. */
  text: string;
  start: number;
  end: number;
  /** For string literals only: the literal's content with whitespace collapsed. */
  literal?: string;
}

/** A comment the tokenizer skipped: its span (markers included) and its text without the markers. */
export interface SourceComment {
  start: number;
  end: number;
  /** Where `body` starts in the text. */
  bodyStart: number;
  body: string;
}

interface LexerProfile {
  lineComments: string[];
  blockComments: [string, string][];
  quotes: string[];
  /** Python-style `"""` and `'''` strings. */
  tripleQuotes: boolean;
  /** Braces delimit blocks (C family) and are dropped from the token stream. */
  dropBraces: boolean;
  /** Semicolons are optional in the language (inserted automatically) and are dropped. */
  dropSemicolons?: boolean;
  keywords: ReadonlySet<string>;
}

const words = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter(Boolean));

const javaKeywords =
  words(`abstract assert boolean break byte case catch char class const continue default do double
  else enum extends final finally float for goto if implements import instanceof int interface long native new
  package private protected public return short static strictfp super switch synchronized this throw throws
  transient try void volatile while var record yield true false null`);
const jsKeywords = words(`break case catch class const continue debugger default delete do else export extends
  finally for function if import in instanceof new return super switch this throw try typeof var void while with
  yield let static async await of true false null undefined interface type enum implements private protected
  public readonly abstract declare namespace as keyof number string boolean any unknown never`);
const cKeywords =
  words(`auto break case char const continue default do double else enum extern float for goto if
  inline int long register restrict return short signed sizeof static struct switch typedef union unsigned void
  volatile while bool true false NULL nullptr class namespace template typename public private protected virtual
  override new delete this throw try catch using operator friend const_cast static_cast dynamic_cast
  reinterpret_cast constexpr noexcept explicit mutable std cout cin endl include define ifdef ifndef endif`);
const csKeywords =
  words(`abstract as base bool break byte case catch char checked class const continue decimal
  default delegate do double else enum event explicit extern false finally fixed float for foreach goto if implicit
  in int interface internal is lock long namespace new null object operator out override params private protected
  public readonly ref return sbyte sealed short sizeof stackalloc static string struct switch this throw true try
  typeof uint ulong unchecked unsafe ushort using virtual void volatile while var async await get set`);
const goKeywords =
  words(`break case chan const continue default defer else fallthrough for func go goto if import
  interface map package range return select struct switch type var true false nil int int64 int32 string bool
  float64 byte rune error make len append`);
const rustKeywords =
  words(`as async await break const continue crate dyn else enum extern false fn for if impl in
  let loop match mod move mut pub ref return self Self static struct super trait true type unsafe use where while
  i32 i64 u8 u32 u64 usize f64 bool str String Vec Option Some None Ok Err`);
const kotlinKeywords =
  words(`as break class continue do else false for fun if in interface is null object package
  return super this throw true try typealias val var when while by catch constructor init finally override
  private protected public internal open data sealed companion lateinit Int String Boolean Double`);
const swiftKeywords =
  words(`class deinit enum extension func import init let protocol struct subscript typealias
  var break case continue default do else fallthrough for guard if in repeat return switch where while as false
  is nil self Self super throw throws true try catch Int String Bool Double`);
const phpKeywords = words(`abstract and array as break callable case catch class clone const continue declare
  default do echo else elseif empty enddeclare endfor endforeach endif endswitch endwhile extends final finally fn
  for foreach function global goto if implements include instanceof insteadof interface isset list match namespace
  new or print private protected public readonly require return static switch throw trait try unset use var while
  yield true false null`);
const pythonKeywords = words(`False None True and as assert async await break class continue def del elif else
  except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield
  self print range len`);
const rubyKeywords =
  words(`alias and begin break case class def defined do else elsif end ensure false for if in
  module next nil not or redo rescue retry return self super then true undef unless until when while yield puts
  require attr_accessor`);
const shellKeywords =
  words(`if then else elif fi case esac for select while until do done in function time echo
  export local return exit set unset read shift`);
const sqlKeywords =
  words(`select from where and or not insert into values update set delete create table alter
  drop index join left right inner outer on group by order having limit offset as distinct union all null is in
  like between case when then else end primary key foreign references default`);

const cFamily = {
  lineComments: ["//"],
  blockComments: [["/*", "*/"]] as [string, string][],
  tripleQuotes: false,
  dropBraces: true,
};
const hashFamily = { lineComments: ["#"], blockComments: [] as [string, string][], dropBraces: false };

const profiles: Record<Exclude<SourceLanguage, "prose">, LexerProfile> = {
  java: { ...cFamily, quotes: ['"', "'"], keywords: javaKeywords },
  javascript: { ...cFamily, dropSemicolons: true, quotes: ['"', "'", "`"], keywords: jsKeywords },
  typescript: { ...cFamily, dropSemicolons: true, quotes: ['"', "'", "`"], keywords: jsKeywords },
  c: { ...cFamily, quotes: ['"', "'"], keywords: cKeywords },
  cpp: { ...cFamily, quotes: ['"', "'"], keywords: cKeywords },
  csharp: { ...cFamily, quotes: ['"', "'"], keywords: csKeywords },
  go: { ...cFamily, dropSemicolons: true, quotes: ['"', "'", "`"], keywords: goKeywords },
  rust: { ...cFamily, quotes: ['"'], keywords: rustKeywords },
  kotlin: { ...cFamily, dropSemicolons: true, quotes: ['"', "'"], keywords: kotlinKeywords },
  swift: { ...cFamily, dropSemicolons: true, quotes: ['"'], keywords: swiftKeywords },
  php: {
    lineComments: ["//", "#"],
    blockComments: [["/*", "*/"]],
    tripleQuotes: false,
    dropBraces: true,
    quotes: ['"', "'"],
    keywords: phpKeywords,
  },
  python: {
    ...hashFamily,
    dropSemicolons: true,
    tripleQuotes: true,
    quotes: ['"', "'"],
    keywords: pythonKeywords,
  },
  ruby: {
    ...hashFamily,
    blockComments: [["=begin", "=end"]],
    tripleQuotes: false,
    quotes: ['"', "'"],
    keywords: rubyKeywords,
  },
  shell: { ...hashFamily, tripleQuotes: false, quotes: ['"', "'"], keywords: shellKeywords },
  sql: {
    lineComments: ["--"],
    blockComments: [["/*", "*/"]],
    tripleQuotes: false,
    dropBraces: false,
    quotes: ["'", '"'],
    keywords: sqlKeywords,
  },
};

// Longest first, so that `>>>=` wins over `>>`.
const operators = [
  ">>>=",
  "<<=",
  ">>=",
  ">>>",
  "...",
  "**=",
  "//=",
  "===",
  "!==",
  "<=>",
  "?.",
  "??",
  "::",
  "->",
  "=>",
  "++",
  "--",
  "&&",
  "||",
  "==",
  "!=",
  "<=",
  ">=",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "|=",
  "^=",
  "<<",
  ">>",
  ":=",
  "**",
];

const IGNORED_KEYWORDS: ReadonlySet<string> = new Set([
  "public",
  "private",
  "protected",
  "static",
  "final",
  "this",
]);
const isIdentStart = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c > 127;
const isIdentPart = (c: number) => isIdentStart(c) || (c >= 48 && c <= 57);
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Splits source code into normalised tokens: comments and whitespace dropped, identifiers
 * become `$id`, numbers `$num` and string literals `$str` (their content is kept aside in
 * `literal`), keywords and operators stay as written. Renaming variables or reformatting
 * therefore leaves the token stream unchanged. Linear time; unterminated strings or
 * comments end at the end of the text. Comments are not tokens; pass `comments` to have
 * them collected, in text order.
 */
export function tokenizeSource(
  text: string,
  language: Exclude<SourceLanguage, "prose">,
  comments?: SourceComment[],
): Token[] {
  const profile = profiles[language];
  const tokens: Token[] = [];
  const n = text.length;
  let i = openingCommentTail(text, profile, comments);
  outer: while (i < n) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c === 0xa0 || c === 0xfeff) {
      i++;
      continue;
    }
    for (const open of profile.lineComments) {
      if (text.startsWith(open, i)) {
        const eol = text.indexOf("\n", i);
        const end = eol < 0 ? n : eol;
        comments?.push({ start: i, end, bodyStart: i + open.length, body: text.slice(i + open.length, end) });
        i = eol < 0 ? n : eol + 1;
        continue outer;
      }
    }
    for (const [open, close] of profile.blockComments) {
      if (text.startsWith(open, i)) {
        const stop = text.indexOf(close, i + open.length);
        const end = stop < 0 ? n : stop + close.length;
        comments?.push({
          start: i,
          end,
          bodyStart: i + open.length,
          body: text.slice(i + open.length, stop < 0 ? n : stop),
        });
        i = end;
        continue outer;
      }
    }
    const ch = text[i]!;
    if (profile.quotes.includes(ch)) {
      const start = i;
      let close = ch;
      if (profile.tripleQuotes && text.startsWith(ch.repeat(3), i)) close = ch.repeat(3);
      let j = i + close.length;
      while (j < n && !text.startsWith(close, j)) {
        if (text.charCodeAt(j) === 92) j++;
        else if (close.length === 1 && ch !== "`" && text.charCodeAt(j) === 10) break;
        j++;
      }
      const end = Math.min(n, j + close.length);
      const literal = text
        .slice(start + close.length, Math.min(j, n))
        .replace(/\s+/g, " ")
        .trim();
      tokens.push({ text: "$str", start, end, literal });
      i = end;
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < n && (isIdentPart(text.charCodeAt(j)) || text.charCodeAt(j) === 46)) j++;
      tokens.push({ text: "$num", start: i, end: j });
      i = j;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(text.charCodeAt(j))) j++;
      const word = text.slice(i, j);
      const keyword = profile.keywords.has(word);
      // Modifiers and `this.` change nothing a reader of leaked code cares about, and are the first things edited.
      if (!(keyword && IGNORED_KEYWORDS.has(word))) {
        tokens.push({ text: keyword ? word : "$id", start: i, end: j });
      }
      i = j;
      continue;
    }
    // Braces are optional around single statements: `if (x) y();` and `if (x) { y(); }` must match.
    if (((c === 123 || c === 125) && profile.dropBraces) || (c === 59 && profile.dropSemicolons)) {
      i++;
      continue;
    }
    const op = operators.find((o) => text.startsWith(o, i));
    const length = op ? op.length : 1;
    tokens.push({ text: op ?? ch, start: i, end: i + length });
    i += length;
  }
  return tokens;
}

/**
 * A pasted fragment often starts inside a block comment: its text up to the first closing
 * marker is then comment prose, not code, and must not be tokenised as code. It is taken
 * as such when the marker closes before any opens, and what precedes it reads as comment
 * lines (each after the first, which is usually cut, starting with `*`) or holds no code
 * punctuation. Returns where code starts.
 */
function openingCommentTail(text: string, profile: LexerProfile, comments?: SourceComment[]): number {
  for (const [open, close] of profile.blockComments) {
    const stop = text.indexOf(close);
    if (stop < 0) continue;
    const opened = text.indexOf(open);
    if (opened >= 0 && opened < stop) continue;
    const head = text.slice(0, stop);
    // The first line is usually cut mid-sentence; the lines after it show the comment's style.
    const lines = head
      .split("\n")
      .slice(1)
      .filter((line) => line.trim() !== "");
    const starred = lines.length > 0 && lines.every((line) => /^\s*\*/.test(line));
    if (!starred && /[;{}=()"'`]/.test(head)) continue;
    comments?.push({ start: 0, end: stop + close.length, bodyStart: 0, body: head });
    return stop + close.length;
  }
  return 0;
}
