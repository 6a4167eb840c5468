import { type CanaryHit, findCanaries } from "./canary.ts";
import { decodeTextWatermark, type WatermarkDecode, type WatermarkOptions } from "./text-watermark.ts";

/** What a marked document (DOCX, PDF) gives back: its text, the text watermark and the metadata tokens. */
export interface DocumentMarks {
  text: string;
  watermark: WatermarkDecode;
  /** Tokens found in the metadata or the text, each naming a copy on its own. */
  canaries: CanaryHit[];
}

/** Decodes the text watermark and looks for canary tokens in both the text and the metadata. */
export function documentMarks(text: string, metadata: string, options: WatermarkOptions = {}): DocumentMarks {
  const canaries = findCanaries(`${metadata}\n${text}`, options);
  return { text, watermark: decodeTextWatermark(text, options), canaries };
}
