import { describe, expect, it } from "vitest";
import { adviseJurisdiction } from "./advise-jurisdiction.ts";
import { assessJudgmentEnforcement } from "./assess-judgment-enforcement.ts";
import { formatAdvice } from "./format-advice.ts";

describe("adviseJurisdiction", () => {
  it("advises arbitration at an enforceable seat for an Indian vendor with a US home", () => {
    const advice = adviseJurisdiction("India");
    expect(advice.home.alpha2).toBe("US");
    expect(advice.judgmentEnforcement.route).toBe("action-on-judgment");
    expect(advice.recommendedForum.kind).toBe("arbitration");
    expect(["SG", "GB"]).toContain(advice.recommendedForum.seat?.alpha2);
    expect(advice.recommendedForum.rules?.join(" ")).toMatch(/SIAC|LCIA|ICC/);
    expect(advice.seatEnforceability?.verdict).toBe("enforceable");
    expect(advice.risks.some((r) => r.topic === "enforcement" && r.text.includes("44A"))).toBe(true);
    expect(advice.contractShouldSay.some((c) => c.includes("arbitration under"))).toBe(true);
    expect(advice.contractShouldSay.some((c) => c.includes("interim relief"))).toBe(true);
  });

  it("finds home courts enough for the same Indian vendor when home is the UK (a reciprocating territory)", () => {
    const advice = adviseJurisdiction("IN", "GB");
    expect(advice.judgmentEnforcement.route).toBe("registration");
    expect(advice.recommendedForum.kind).toBe("home-courts");
    expect(advice.alternatives.some((a) => a.kind === "arbitration")).toBe(true);
  });

  it("lets a UK vendor of a US company use US courts, with arbitration as an alternative", () => {
    const advice = adviseJurisdiction("United Kingdom", "US");
    expect(advice.recommendedForum.kind).toBe("home-courts");
    expect(advice.alternatives.map((a) => a.kind)).toContain("arbitration");
    expect(
      advice.contractShouldSay.some((c) =>
        c.startsWith("Exclusive jurisdiction of the courts of the United States"),
      ),
    ).toBe(true);
  });

  it("relies on the Hague Choice of Court Convention between Mexico and the UK, and asks for an exclusive clause", () => {
    const judgments = assessJudgmentEnforcement("MX", "GB");
    expect(judgments.basis).toBe("hague-2005");
    expect(judgments.needsExclusiveChoiceOfCourt).toBe(true);
    const advice = adviseJurisdiction("MEX", "GBR");
    expect(advice.recommendedForum.kind).toBe("home-courts");
    expect(advice.contractShouldSay.some((c) => c.includes("exclusive and mutual"))).toBe(true);
    expect(advice.risks.some((r) => r.text.includes("infringement"))).toBe(true);
    // The US signed but never ratified Hague 2005, so the same vendor with a US home goes to arbitration.
    expect(assessJudgmentEnforcement("MX", "US").basis).not.toBe("hague-2005");
    expect(adviseJurisdiction("MX", "US").recommendedForum.kind).toBe("arbitration");
  });

  it("relies on Hague 2019 between Ukraine and an EU home, warning that it leaves IP judgments out", () => {
    const advice = adviseJurisdiction("Ukraine", "Germany");
    expect(advice.judgmentEnforcement.basis).toBe("hague-2019");
    expect(advice.recommendedForum.kind).toBe("home-courts");
    expect(advice.risks.some((r) => r.text.includes("does not cover intellectual-property judgments"))).toBe(
      true,
    );
  });

  it("chooses a neutral seat near the home: New York for a US company, London for a UK one, Paris for a German one", () => {
    expect(adviseJurisdiction("Argentina", "US").recommendedForum.seat?.city).toBe("New York");
    expect(adviseJurisdiction("Argentina", "GB").recommendedForum.seat?.city).toBe("London");
    expect(adviseJurisdiction("Argentina", "DE").recommendedForum.seat?.city).toBe("Paris");
    expect(adviseJurisdiction("China", "US").recommendedForum.seat?.city).toBe("Hong Kong");
  });

  it("does not seat the arbitration in the vendor's own country", () => {
    const advice = adviseJurisdiction("Singapore", "DE");
    const seats = [advice.recommendedForum, ...advice.alternatives]
      .map((f) => f.seat?.alpha2)
      .filter(Boolean);
    expect(seats).not.toContain("SG");
    expect(seats.length).toBeGreaterThan(0);
  });

  it("uses Brussels Ia between EU member states", () => {
    const judgments = assessJudgmentEnforcement("Poland", "Germany");
    expect(judgments.basis).toBe("brussels-ia");
    expect(adviseJurisdiction("PL", "DE").recommendedForum.kind).toBe("home-courts");
  });

  it("warns that awards may not be enforceable where the vendor's country is not a New York Convention party", () => {
    const advice = adviseJurisdiction("Taiwan", "GB");
    const arbitrationRisk = advice.risks.find((r) => r.topic === "arbitration");
    expect(arbitrationRisk?.severity).toBe("high");
    expect(arbitrationRisk?.text).toMatch(/not a party to the New York Convention.*may not be enforceable/);
  });

  it("flags sanctions and non-WTO status for Belarus", () => {
    const advice = adviseJurisdiction("BY");
    expect(advice.risks.some((r) => r.topic === "sanctions" && r.severity === "high")).toBe(true);
    expect(advice.risks.some((r) => r.text.includes("not a WTO member"))).toBe(true);
    expect(advice.recommendedForum.kind).toBe("arbitration");
  });

  it("gives every fact a source with organisation, url and date", () => {
    const advice = adviseJurisdiction("Vietnam");
    expect(advice.facts.length).toBeGreaterThan(5);
    for (const fact of advice.facts) {
      expect(fact.source.organisation.length).toBeGreaterThan(0);
      expect(fact.source.url).toMatch(/^https?:\/\//);
      expect(fact.asOf).toMatch(/^\d{4}/);
    }
    expect(advice.facts.some((f) => f.topic === "judgment-enforcement")).toBe(true);
  });

  it("treats a vendor in the home country as a domestic contract", () => {
    const advice = adviseJurisdiction("US", "USA");
    expect(advice.recommendedForum.kind).toBe("home-courts");
    expect(advice.judgmentEnforcement.basis).toBe("same-country");
  });

  it("rejects an unknown vendor country with suggestions", () => {
    expect(() => adviseJurisdiction("Phillipines")).toThrow(/Philippines \(PH\)/);
  });

  it("renders the advice as text with the forum, the risks and the sources", () => {
    const text = formatAdvice(adviseJurisdiction("IN"));
    expect(text).toMatch(/Recommended forum: arbitration seated in/);
    expect(text).toContain("Source: UNCITRAL");
    expect(text).toContain("Risks:");
  });

  it("returns JSON-serialisable advice", () => {
    const advice = adviseJurisdiction("BR", "NL");
    expect(JSON.parse(JSON.stringify(advice))).toEqual(advice);
  });
});
