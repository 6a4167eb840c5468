import { describe, expect, it } from "vitest";
import { analyzeContract } from "./analyze-contract.ts";
import { checkContract } from "./check-contract.ts";
import { defaultContractPolicy } from "./contract-policy.ts";
import { segmentClauses } from "./segment-clauses.ts";

/** The end of an agreement: a notices clause with addresses, then the signature page. */
const SIGNATURE_PAGE = [
  "14. Notices. Notices under this Agreement shall be in writing and sent to the addresses below.",
  "Acme Insurance Inc.",
  "100 Main Street, Suite 400\nHartford, CT 06103\nAttn: General Counsel\nEmail: legal@acme-insurance.example",
  "Bluewave Software LLC\n55 Harbor Road, Jersey City, NJ 07302\nTel: +1 201 555 0100",
  "IN WITNESS WHEREOF, the parties have executed this Agreement as of the Effective Date.",
  "ACME INSURANCE INC.",
  "By: ____________________\nName:\nTitle:\nDate:",
  "For and on behalf of Bluewave Software LLC",
  "By: ____________________\nName: Jane Roe\nTitle: Chief Executive Officer\nDate: March 1, 2026",
].join("\n\n");

const AGREEMENT = [
  "1. Services. The Vendor shall perform the services described in each statement of work.",
  "2. Governing Law. This Agreement is governed by the laws of the State of New York.",
  SIGNATURE_PAGE,
].join("\n\n");

describe("signature blocks, addresses, notice details and party names", () => {
  it("are segmented as particulars, not as clause text", () => {
    const segments = segmentClauses(AGREEMENT);
    const kindOf = (start: string) => segments.find((s) => s.text.startsWith(start))?.kind;
    expect(kindOf("1. Services")).toBe("body");
    expect(kindOf("14. Notices")).toBe("body");
    for (const start of [
      "Acme Insurance Inc.",
      "100 Main Street",
      "Hartford, CT 06103",
      "Attn: General Counsel",
      "Bluewave Software LLC",
      "55 Harbor Road",
      "Tel: +1",
      "IN WITNESS WHEREOF",
      "ACME INSURANCE INC.",
      "By: ____",
      "Name:",
      "For and on behalf of",
      "Title: Chief Executive Officer",
    ])
      expect({ start, kind: kindOf(start) }).toEqual({ start, kind: "particulars" });
  });

  it("are never detected as a clause: “Acme Insurance Inc.” is no insurance clause", () => {
    const { clauses } = analyzeContract(AGREEMENT);
    const page = AGREEMENT.indexOf("Acme Insurance Inc.");
    expect(clauses.filter((c) => c.end > page).map((c) => [c.type, c.text])).toEqual([]);
    expect(clauses.map((c) => c.type)).toContain("governing-law");
    const ct9 = checkContract(analyzeContract(AGREEMENT), defaultContractPolicy).find(
      (c) => c.control === "CT-9",
    );
    expect(ct9).toMatchObject({ status: "fail", clauseRefs: [] });
  });

  it("does not read a party's name in a notices clause as evidence of a clause type", () => {
    const { clauses } = analyzeContract(
      "14. Notices. All notices to the Vendor shall be sent to Acme Insurance Inc., 100 Main Street, Hartford, CT 06103, Attn: General Counsel.",
    );
    expect(clauses.map((c) => c.type)).toEqual([]);
  });

  it("leaves a real clause that names an insurer, or lists insurance limits without a verb, alone", () => {
    const { clauses } = analyzeContract(
      [
        "10. Insurance. The Vendor shall maintain professional liability insurance with Acme Insurance Inc. of not less than USD 2,000,000.",
        "Cyber liability insurance: USD 3,000,000 per claim.",
      ].join("\n\n"),
    );
    expect(clauses.filter((c) => c.type === "insurance").length).toBeGreaterThan(0);
    expect(segmentClauses("Cyber liability insurance: USD 3,000,000 per claim.")[0]?.kind).toBe("body");
  });
});
