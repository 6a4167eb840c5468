/** Languages the fingerprinting tokenizers understand; `prose` is any natural-language document. */
export type SourceLanguage =
  | "java"
  | "javascript"
  | "typescript"
  | "python"
  | "c"
  | "cpp"
  | "csharp"
  | "go"
  | "rust"
  | "kotlin"
  | "swift"
  | "php"
  | "ruby"
  | "shell"
  | "sql"
  | "prose";

const byExtension: Record<string, SourceLanguage> = {
  java: "java",
  js: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  jsx: "javascript",
  ts: "typescript",
  tsx: "typescript",
  mts: "typescript",
  cts: "typescript",
  py: "python",
  pyw: "python",
  c: "c",
  h: "c",
  cc: "cpp",
  cpp: "cpp",
  cxx: "cpp",
  hpp: "cpp",
  hh: "cpp",
  cs: "csharp",
  go: "go",
  rs: "rust",
  kt: "kotlin",
  kts: "kotlin",
  swift: "swift",
  php: "php",
  rb: "ruby",
  sh: "shell",
  bash: "shell",
  sql: "sql",
  txt: "prose",
  md: "prose",
  markdown: "prose",
  rst: "prose",
  adoc: "prose",
  docx: "prose",
  pdf: "prose",
  html: "prose",
};

/**
 * The language of a file from its name, or undefined when the extension is unknown.
 *
 * @example
 * languageFromPath("src/Main.java"); // "java"
 */
export function languageFromPath(path: string): SourceLanguage | undefined {
  const dot = path.lastIndexOf(".");
  if (dot < 0 || dot < path.lastIndexOf("/")) return undefined;
  return byExtension[path.slice(dot + 1).toLowerCase()];
}

/** Whether a file name looks like source code or a document the tracer can read as text. */
export function isTraceablePath(path: string): boolean {
  return languageFromPath(path) !== undefined;
}

/**
 * Guesses code versus prose for text without a name (a paste): code has a high share of
 * brackets, semicolons and operators per line.
 */
export function guessLanguage(text: string): SourceLanguage {
  const sample = text.slice(0, 20_000);
  const symbols = sample.match(/[{}();=<>[\]]/g)?.length ?? 0;
  const letters = sample.match(/\p{L}/gu)?.length ?? 1;
  if (symbols / letters < 0.03) return "prose";
  if (/^\s*(def |import \w+$|from \w+ import|class \w+:)/m.test(sample) && !/[{};]\s*$/m.test(sample)) {
    return "python";
  }
  return "java";
}
