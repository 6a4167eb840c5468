const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

/** "GB" → "United Kingdom (GB)"; a code the browser does not know stays as it is. */
export function formatCountry(code: string): string {
  try {
    const name = regionNames.of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}
