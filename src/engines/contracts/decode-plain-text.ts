import { WardenError } from "../../domain/errors.ts";
import type { ExtractedText } from "./extracted-text.ts";
import type { ExtractionLimits } from "./limits.ts";

/**
 * Decodes a plain-text contract (UTF-8, or UTF-16 with a byte-order mark) and
 * normalises line ends, refusing binary data that only claims to be text.
 */
export function decodePlainText(bytes: Uint8Array, limits: ExtractionLimits): ExtractedText {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff)
    text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
  else {
    const sample = bytes.subarray(0, 8192);
    if (sample.includes(0)) {
      throw new WardenError(
        "unsupported",
        "The file looks binary, not text. Upload the contract as PDF, DOCX or plain UTF-8 text.",
      );
    }
    text = new TextDecoder("utf-8").decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  }
  text = text.replace(/\r\n?/g, "\n");
  if (text.length > limits.maxTextChars) {
    throw new WardenError(
      "too_large",
      `The text has ${text.length} characters, more than the limit of ${limits.maxTextChars}. Split the document.`,
    );
  }
  return { text, format: "text" };
}
