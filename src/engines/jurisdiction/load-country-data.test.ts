import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isWardenError } from "../../domain/errors.ts";
import { loadCountryData, parseCountryData } from "./load-country-data.ts";

const bundledText = readFileSync(new URL("./countries.yaml", import.meta.url), "utf8");

describe("the jurisdiction data file", () => {
  it("loads through the schema with at least 40 outsourcing countries, each fact with a resolvable source", () => {
    const data = loadCountryData();
    const outsourcing = data.countries.filter((c) => c.outsourcing);
    expect(outsourcing.length).toBeGreaterThanOrEqual(40);
    for (const country of data.countries) {
      const facts = [
        country.wto,
        country.berne,
        country.newYork,
        country.hagueChoiceOfCourt,
        country.hagueJudgments,
        country.ipLaw,
        ...Object.values(country.judgments),
      ];
      for (const fact of facts) {
        if (!fact) continue;
        const source = data.sources[fact.source];
        expect(source, `${country.alpha2} cites ${fact.source}`).toBeDefined();
        expect(source?.url).toMatch(/^https?:\/\//);
        expect(fact.asOf).toMatch(/^\d{4}/);
      }
    }
  });

  it("states judgment enforcement for a US home for every outsourcing country outside the US", () => {
    const data = loadCountryData();
    const missing = data.countries.filter((c) => c.outsourcing && c.alpha2 !== "US" && !c.judgments.US);
    expect(missing.map((c) => c.alpha2)).toEqual([]);
  });

  it("covers the countries most used for outsourcing", () => {
    const data = loadCountryData();
    const codes = new Set(data.countries.map((c) => c.alpha2));
    for (const code of [
      "IN",
      "PH",
      "VN",
      "UA",
      "PL",
      "RO",
      "BY",
      "RU",
      "CN",
      "MX",
      "BR",
      "AR",
      "CO",
      "CR",
      "CL",
    ]) {
      expect(codes.has(code), code).toBe(true);
    }
    for (const code of [
      "EG",
      "MA",
      "ZA",
      "KE",
      "NG",
      "PK",
      "BD",
      "LK",
      "MY",
      "ID",
      "TH",
      "SG",
      "IE",
      "CZ",
      "HU",
    ]) {
      expect(codes.has(code), code).toBe(true);
    }
    for (const code of [
      "BG",
      "RS",
      "LT",
      "EE",
      "PT",
      "ES",
      "IL",
      "TR",
      "AM",
      "GE",
      "CA",
      "UY",
      "PE",
      "AE",
      "TW",
    ]) {
      expect(codes.has(code), code).toBe(true);
    }
    for (const code of ["JP", "KR", "NP", "US", "GB", "DE", "FR", "NL", "AU"])
      expect(codes.has(code), code).toBe(true);
  });

  it("reports every problem of a broken file with its place and loads nothing", () => {
    const broken = bundledText
      .replace("source: wto-members", "source: wto-nowhere")
      .replace("alpha3: PAK", "alpha3: IND")
      .replace("  - alpha2: BD\n", "  - alpha2: bd\n");
    let caught: unknown;
    try {
      parseCountryData(broken);
    } catch (error) {
      caught = error;
    }
    expect(isWardenError(caught) && caught.code).toBe("invalid_input");
    const problems = (caught as { details: { problems: { path: string; message: string }[] } }).details
      .problems;
    // The schema fails first (the lower-case code), so cross-references are checked only on a valid shape.
    expect(problems.some((p) => /^countries\[\d+\]\.alpha2$/.test(p.path))).toBe(true);

    const crossBroken = bundledText
      .replace("source: wto-members", "source: wto-nowhere")
      .replace("alpha3: PAK", "alpha3: IND");
    try {
      parseCountryData(crossBroken);
      expect.unreachable();
    } catch (error) {
      const list = (error as { details: { problems: { path: string; message: string }[] } }).details.problems;
      expect(list).toContainEqual({
        path: "countries[0].wto.source",
        message: 'unknown source "wto-nowhere"',
      });
      expect(list.some((p) => p.path === "countries[1].alpha3" && p.message.includes("IND"))).toBe(true);
    }
  });

  it("refuses a data file that is not YAML", () => {
    expect(() => parseCountryData("countries: [\n  - {")).toThrow(/not valid YAML/);
  });
});
