import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** Unicode TrueType fonts of the usual Linux font packages, most complete first. */
const SYSTEM_FONTS = {
  regular: [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
  ],
  bold: [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
  ],
};

/** Fonts for the scripts the ones above lack (Chinese, Japanese, Korean…), where installed. */
const FALLBACK_FONTS = [
  "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
  "/usr/share/fonts/truetype/arphic/uming.ttf",
  "/usr/share/fonts/truetype/unifont/unifont.ttf",
];

/** Liberation Sans ships inside pdfjs-dist, a dependency: a Unicode font wherever Warden runs. */
function bundledFont(weight: "regular" | "bold"): string | undefined {
  try {
    const root = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
    return join(
      root,
      "standard_fonts",
      weight === "bold" ? "LiberationSans-Bold.ttf" : "LiberationSans-Regular.ttf",
    );
  } catch {
    return undefined;
  }
}

/**
 * The TrueType files to draw text with, in order of preference: `WARDEN_PDF_FONT` (and
 * `WARDEN_PDF_BOLD_FONT`) when set, the system's DejaVu, Liberation or Noto Sans, the
 * Liberation Sans that pdfjs-dist ships, then fonts for scripts those lack. Only files that
 * exist are listed; the bundled font makes the list non-empty.
 *
 * @example
 * const [first] = unicodeFontFiles("regular"); // "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
 */
export function unicodeFontFiles(weight: "regular" | "bold" = "regular"): string[] {
  const chosen = weight === "bold" ? process.env.WARDEN_PDF_BOLD_FONT : process.env.WARDEN_PDF_FONT;
  const candidates = [chosen, ...SYSTEM_FONTS[weight], bundledFont(weight), ...FALLBACK_FONTS];
  return [...new Set(candidates.filter((p): p is string => typeof p === "string" && p.length > 0))].filter(
    (p) => existsSync(p),
  );
}
