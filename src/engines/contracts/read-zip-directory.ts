import { inflateRawSync } from "node:zlib";
import { WardenError } from "../../domain/errors.ts";

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  /** As declared: a hostile archive lies here, so `inflateZipEntries` counts the real bytes. */
  uncompressedSize: number;
  /** 0 stored, 8 deflated. */
  method: number;
  localHeaderOffset: number;
}

/**
 * Reads a ZIP archive's central directory without inflating anything, so that
 * entry counts and declared sizes can be checked before any decompression.
 * ZIP64 archives are refused: no legitimate DOCX contract needs them.
 */
export function readZipDirectory(bytes: Uint8Array, maxEntries: number, kind = "DOCX"): ZipEntryInfo[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const corrupt = (why: string) =>
    new WardenError(
      "invalid_input",
      `The ${kind} file is damaged (${why}). Save it again from the application that made it.`,
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
      `ZIP64 ${kind} archives are not supported. Save the file again as ${kind}.`,
    );
  }
  if (totalEntries > maxEntries) {
    throw new WardenError(
      "too_large",
      `The ${kind} archive has ${totalEntries} entries, more than the limit of ${maxEntries}.`,
    );
  }
  if (directoryOffset + directorySize > bytes.length) throw corrupt("directory outside the file");
  const entries: ZipEntryInfo[] = [];
  let at = directoryOffset;
  for (let n = 0; n < totalEntries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50)
      throw corrupt("bad directory entry");
    const method = view.getUint16(at + 10, true);
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
        `ZIP64 ${kind} archives are not supported. Save the file again as ${kind}.`,
      );
    }
    const localHeaderOffset = view.getUint32(at + 42, true);
    entries.push({ name, compressedSize, uncompressedSize, method, localHeaderOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Inflates every entry of an archive read by `readZipDirectory`, counting the real inflated bytes
 * (not the declared ones) against `maxTotalBytes`: inflation stops at the limit, so an archive
 * whose directory lies about its sizes costs no more than the limit in memory and time. Returns
 * the real total; throws `too_large` past the limit.
 *
 * @example
 * inflateZipEntries(bytes, readZipDirectory(bytes, 500, "XLSX"), 50 * 1024 * 1024, "XLSX");
 */
export function inflateZipEntries(
  bytes: Uint8Array,
  entries: readonly ZipEntryInfo[],
  maxTotalBytes: number,
  kind = "DOCX",
): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tooLarge = () =>
    new WardenError(
      "too_large",
      `The ${kind} archive inflates to more than ${maxTotalBytes} bytes (a ZIP bomb or an oversized file). It was not read.`,
    );
  let total = 0;
  for (const entry of entries) {
    const at = entry.localHeaderOffset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50)
      throw new WardenError(
        "invalid_input",
        `The ${kind} file is damaged (bad local header for ${entry.name}).`,
      );
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const data = bytes.subarray(start, Math.min(bytes.length, start + entry.compressedSize));
    if (entry.method === 0) total += data.length;
    else if (entry.method === 8) {
      try {
        total += inflateRawSync(data, { maxOutputLength: Math.max(1, maxTotalBytes - total + 1) }).length;
      } catch (error) {
        if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge();
        throw new WardenError(
          "invalid_input",
          `The ${kind} file is damaged (${entry.name} does not inflate).`,
        );
      }
    } else
      throw new WardenError(
        "unsupported",
        `The ${kind} file uses an unsupported compression (${entry.method}).`,
      );
    if (total > maxTotalBytes) throw tooLarge();
  }
  return total;
}
