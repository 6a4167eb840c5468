import { WardenError } from "../../domain/errors.ts";

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

/**
 * Reads a ZIP archive's central directory without inflating anything, so that
 * entry counts and declared sizes can be checked before any decompression.
 * ZIP64 archives are refused: no legitimate DOCX contract needs them.
 */
export function readZipDirectory(bytes: Uint8Array, maxEntries: number): ZipEntryInfo[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const corrupt = (why: string) =>
    new WardenError(
      "invalid_input",
      `The DOCX file is damaged (${why}). Save it again from the word processor.`,
    );
  const minEocd = 22;
  if (bytes.length < minEocd) throw corrupt("too short to be a ZIP archive");
  let eocd = -1;
  const lowest = Math.max(0, bytes.length - minEocd - 0xffff);
  for (let i = bytes.length - minEocd; i >= lowest; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt("no ZIP end-of-directory record");
  const totalEntries = view.getUint16(eocd + 10, true);
  const directorySize = view.getUint32(eocd + 12, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  if (totalEntries === 0xffff || directoryOffset === 0xffffffff) {
    throw new WardenError(
      "unsupported",
      "ZIP64 DOCX archives are not supported. Save the document again as DOCX.",
    );
  }
  if (totalEntries > maxEntries) {
    throw new WardenError(
      "too_large",
      `The DOCX archive has ${totalEntries} entries, more than the limit of ${maxEntries}.`,
    );
  }
  if (directoryOffset + directorySize > bytes.length) throw corrupt("directory outside the file");
  const entries: ZipEntryInfo[] = [];
  let at = directoryOffset;
  for (let n = 0; n < totalEntries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50)
      throw corrupt("bad directory entry");
    const compressedSize = view.getUint32(at + 20, true);
    const uncompressedSize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) throw corrupt("entry name outside the file");
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff) {
      throw new WardenError(
        "unsupported",
        "ZIP64 DOCX archives are not supported. Save the document again as DOCX.",
      );
    }
    entries.push({ name, compressedSize, uncompressedSize });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
