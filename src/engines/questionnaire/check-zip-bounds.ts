import { WardenError } from "../../domain/errors.ts";

export interface ZipBounds {
  maxEntries: number;
  maxUncompressedBytes: number;
}

/**
 * Reads a ZIP's central directory (without inflating anything) and refuses archives with too many
 * entries or too large a declared uncompressed size: an XLSX is a ZIP, and a small one can expand
 * to gigabytes. ZIP64 archives are refused (an XLSX questionnaire never needs one).
 */
export function checkZipBounds(bytes: Uint8Array, bounds: ZipBounds): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  if (eocd < 0)
    throw new WardenError("invalid_input", "The file is not an XLSX workbook (no ZIP directory found).");
  const entries = view.getUint16(eocd + 10, true);
  const directorySize = view.getUint32(eocd + 12, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  if (entries === 0xffff || directoryOffset === 0xffffffff) {
    throw new WardenError(
      "unsupported",
      "ZIP64 workbooks are not accepted; save the file again as a normal XLSX.",
    );
  }
  if (entries > bounds.maxEntries) {
    throw new WardenError(
      "too_large",
      `The workbook holds ${entries} parts; at most ${bounds.maxEntries} are accepted.`,
    );
  }
  if (directoryOffset + directorySize > bytes.byteLength) {
    throw new WardenError(
      "invalid_input",
      "The file is not an XLSX workbook (its ZIP directory is truncated).",
    );
  }
  let at = directoryOffset;
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== 0x02014b50) {
      throw new WardenError(
        "invalid_input",
        "The file is not an XLSX workbook (its ZIP directory is damaged).",
      );
    }
    const uncompressed = view.getUint32(at + 24, true);
    if (uncompressed === 0xffffffff) {
      throw new WardenError(
        "unsupported",
        "ZIP64 workbooks are not accepted; save the file again as a normal XLSX.",
      );
    }
    total += uncompressed;
    if (total > bounds.maxUncompressedBytes) {
      throw new WardenError(
        "too_large",
        `The workbook expands to more than ${bounds.maxUncompressedBytes} bytes; a questionnaire needs far less.`,
      );
    }
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
}

function findEndOfCentralDirectory(view: DataView): number {
  const last = view.byteLength - 22;
  const first = Math.max(0, last - 0xffff);
  for (let i = last; i >= first; i--) {
    if (view.getUint32(i, true) === 0x06054b50) return i;
  }
  return -1;
}
