/** A size in binary units ("512 B", "1.5 KiB", "3.2 MiB"); `unknown` (default "—") when there is none. */
export function formatBytes(bytes: number | null, unknown = "—"): string {
  if (bytes === null) return unknown;
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}
