import { describe, expect, it } from "vitest";
import { countryCode, countryName, countryOptions } from "./countries.ts";

describe("countryCode", () => {
  it("reads names, alpha-2 and alpha-3 codes, in any case and with or without accents", () => {
    expect(countryCode("Ukraine")).toBe("UA");
    expect(countryCode("germany")).toBe("DE");
    expect(countryCode("DEU")).toBe("DE");
    expect(countryCode("vn")).toBe("VN");
    expect(countryCode("Viet Nam")).toBe("VN");
    expect(countryCode("Türkiye")).toBe("TR");
    expect(countryCode("cote d'ivoire")).toBe("CI");
    expect(countryCode("  Czech   Republic ")).toBe("CZ");
  });

  it("never guesses from a prefix: a name is not cut to a code", () => {
    expect(countryCode("GE")).toBe("GE");
    expect(countryCode("Georgia")).toBe("GE");
    expect(countryCode("Ukrain")).toBeUndefined();
    expect(countryCode("UKR")).toBe("UA");
    expect(countryCode("Germ")).toBeUndefined();
  });

  it("reads the United Kingdom's common code UK as GB", () => {
    expect(countryCode("UK")).toBe("GB");
    expect(countryCode("GB")).toBe("GB");
  });

  it("refuses what is not a country", () => {
    for (const text of ["", "Atlantis", "XX", "EU", "A".repeat(300)])
      expect(countryCode(text)).toBeUndefined();
  });

  it("lists every ISO 3166-1 country once, with its name", () => {
    const options = countryOptions();
    expect(options.length).toBeGreaterThanOrEqual(249);
    expect(new Set(options.map((o) => o.alpha2)).size).toBe(options.length);
    expect(countryName("UA")).toBe("Ukraine");
    expect(countryName("ZZ")).toBe("ZZ");
  });
});
