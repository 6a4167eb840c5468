import { describe, expect, it } from "vitest";
import { analyzeContract } from "./analyze-contract.ts";
import { analyzeDocument } from "./analyze-document.ts";
import { CLAUSE_TYPE_IDS, type ClauseType } from "./clause-types.ts";
import { renderDocx, renderPdf, renderText } from "./fixtures/render-contract.ts";
import {
  indianServicesAgreement,
  mutualNda,
  type SampleContract,
  shortStatementOfWork,
  ukServicesAgreement,
  usMasterServicesAgreement,
} from "./fixtures/sample-contracts.ts";

type Format = "text" | "docx" | "pdf";

async function render(
  contract: SampleContract,
  format: Format,
): Promise<{ bytes: Uint8Array; filename: string }> {
  if (format === "pdf") return { bytes: await renderPdf(contract), filename: `${contract.name}.pdf` };
  if (format === "docx") return { bytes: await renderDocx(contract), filename: `${contract.name}.docx` };
  return { bytes: new TextEncoder().encode(renderText(contract)), filename: `${contract.name}.txt` };
}

const cases: Array<[SampleContract, Format]> = [
  [usMasterServicesAgreement, "pdf"],
  [ukServicesAgreement, "docx"],
  [shortStatementOfWork, "text"],
  [mutualNda, "docx"],
  [indianServicesAgreement, "pdf"],
  [usMasterServicesAgreement, "docx"],
  [indianServicesAgreement, "text"],
];

describe("analyzeDocument on contracts in different drafting styles", () => {
  it.each(cases.map(([c, f]) => [c.name, f, c] as const))(
    "finds exactly the clause types present in %s (%s)",
    async (_name, format, contract) => {
      const { bytes, filename } = await render(contract, format);
      const result = await analyzeDocument(bytes, { filename });
      const found = new Set(result.clauses.map((c) => c.type));
      const missing = contract.present.filter((t) => !found.has(t));
      const spurious = CLAUSE_TYPE_IDS.filter(
        (t: ClauseType) => found.has(t) && !contract.present.includes(t),
      );
      expect({ missing, spurious }).toEqual({ missing: [], spurious: [] });
    },
  );

  it("gives clause offsets that point at the clause text in the extracted text", async () => {
    const text = renderText(usMasterServicesAgreement);
    const { clauses } = analyzeContract(text);
    expect(clauses.length).toBeGreaterThan(15);
    for (const c of clauses) expect(text.slice(c.start, c.end)).toBe(c.text);
    const law = clauses.find((c) => c.type === "governing-law");
    expect(law?.text).toMatch(/^12\.3 Governing Law\./);
    expect(law?.section).toBe("12.3");
    expect(law?.control).toBe("CT-8");
  });
});

describe("key terms", () => {
  it("reads the US MSA's law, venue, cap formula, insurance, audit, non-compete, IP and flow-down terms", () => {
    const { terms } = analyzeContract(renderText(usMasterServicesAgreement));
    expect(terms.governingLaw).toMatchObject({ name: "Delaware", country: "US" });
    expect(terms.venue).toMatchObject({ name: "New York", country: "US", exclusive: true });
    expect(terms.arbitration.chosen).toBe(false);
    expect(terms.liabilityCap).toMatchObject({ amount: null, monthsOfFees: 12 });
    expect(terms.liabilityCap?.formula).toMatch(/fees paid or payable/);
    const insurance = Object.fromEntries(terms.insurance.map((i) => [i.type, i.minimum?.value]));
    expect(insurance).toEqual({
      "commercial-general-liability": 2_000_000,
      "professional-liability": 5_000_000,
      "cyber-liability": 3_000_000,
    });
    expect(terms.audit).toMatchObject({ noticeDays: 15, perYear: 1 });
    expect(terms.nonCompete).toMatchObject({ durationMonths: 12, duringTerm: true });
    expect(terms.ipAssignment).toMatchObject({
      coversDuringEngagement: true,
      workForHire: true,
      preExistingIp: "licensed",
    });
    expect(terms.flowDown).toMatchObject({
      employees: true,
      subcontractors: true,
      confidentiality: true,
      ip: true,
    });
  });

  it("reads the UK agreement's English law, LCIA arbitration seated in London and a sterling cap", () => {
    const { terms } = analyzeContract(renderText(ukServicesAgreement));
    expect(terms.governingLaw).toMatchObject({ name: "England and Wales", country: "GB" });
    expect(terms.arbitration).toMatchObject({
      chosen: true,
      rules: "LCIA",
      seat: { name: "London", country: "GB" },
    });
    expect(terms.liabilityCap?.amount).toMatchObject({ value: 750_000, currency: "GBP" });
    // "Staff" is defined to include sub-contractors, so clause 3.2 reaches them.
    expect(terms.flowDown).toMatchObject({ employees: true, subcontractors: true });
  });

  it("reads the Indian agreement's Indian law, Bengaluru courts and a cap of three months' fees", () => {
    const { terms } = analyzeContract(renderText(indianServicesAgreement));
    expect(terms.governingLaw).toMatchObject({ country: "IN" });
    expect(terms.venue).toMatchObject({ name: "Bengaluru", country: "IN", exclusive: true });
    expect(terms.liabilityCap).toMatchObject({ monthsOfFees: 3 });
    expect(terms.flowDown.clauses).toEqual([]);
    expect(terms.audit).toBeNull();
  });

  it("reads a non-compete stated in years and insurance stated in rupees", () => {
    const text = [
      "14. Non-Compete. The Consultant shall not, for a period of two (2) years after termination of this Agreement, provide services to any competitor of the Company.",
      "15. Insurance. The Vendor shall maintain professional indemnity insurance of not less than INR 5 crore and a cyber liability policy of INR 2,00,00,000.",
    ].join("\n\n");
    const { terms } = analyzeContract(text);
    expect(terms.nonCompete?.durationMonths).toBe(24);
    const insurance = Object.fromEntries(terms.insurance.map((i) => [i.type, i.minimum]));
    expect(insurance["professional-liability"]).toMatchObject({ value: 50_000_000, currency: "INR" });
    expect(insurance["cyber-liability"]).toMatchObject({ value: 20_000_000, currency: "INR" });
  });
});
