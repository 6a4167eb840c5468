import { describe, expect, it } from "vitest";
import { WardenError } from "../../domain/errors.ts";
import { resolveCountry, suggestCountries } from "./resolve-country.ts";

describe("resolveCountry", () => {
  it("accepts alpha-2, alpha-3, names and aliases in any case", () => {
    expect(resolveCountry("in").name).toBe("India");
    expect(resolveCountry("IND").alpha2).toBe("IN");
    expect(resolveCountry("india").alpha3).toBe("IND");
    expect(resolveCountry("  The Netherlands ").alpha2).toBe("NL");
    expect(resolveCountry("Türkiye").alpha2).toBe("TR");
    expect(resolveCountry("turkiye").alpha2).toBe("TR");
    expect(resolveCountry("U.K.").alpha2).toBe("GB");
    expect(resolveCountry("viet nam").alpha2).toBe("VN");
    expect(resolveCountry("UAE").alpha2).toBe("AE");
  });

  it("rejects an unknown country with not_found and the close matches", () => {
    let caught: unknown;
    try {
      resolveCountry("Indai");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(WardenError);
    const error = caught as WardenError;
    expect(error.code).toBe("not_found");
    expect(error.message).toContain("India (IN)");
    expect(error.details?.suggestions).toContainEqual({ alpha2: "IN", name: "India" });
  });

  it("suggests by prefix and by edit distance, and nothing for gibberish", () => {
    expect(suggestCountries("Philipines").map((s) => s.alpha2)).toContain("PH");
    expect(suggestCountries("Argent").map((s) => s.alpha2)).toContain("AR");
    expect(suggestCountries("Qwzxvbnm")).toEqual([]);
  });

  it("asks for a member state when given the EU", () => {
    expect(() => resolveCountry("EU")).toThrow(/member state/);
  });

  it("rejects empty input as invalid rather than unknown", () => {
    expect(() => resolveCountry("   ")).toThrow(expect.objectContaining({ code: "invalid_input" }));
  });
});
