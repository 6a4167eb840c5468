import { describe, expect, it } from "vitest";
import { isEnforceableSeat } from "./is-enforceable-seat.ts";

describe("isEnforceableSeat", () => {
  it("accepts a notified seat for India and doubts one Warden cannot confirm", () => {
    expect(isEnforceableSeat("SG", "IN")).toMatchObject({
      verdict: "enforceable",
      basis: "new-york-convention",
    });
    const brazil = isEnforceableSeat("BR", "IN");
    expect(brazil.verdict).toBe("uncertain");
    expect(brazil.reasons.join(" ")).toMatch(/notified/);
  });

  it("refuses awards from a non-party seat where the vendor's country keeps the reciprocity reservation", () => {
    const result = isEnforceableSeat("Taiwan", "India");
    expect(result.verdict).toBe("not-enforceable");
    expect(result.reasons[0]).toMatch(/reciprocity/);
  });

  it("enforces a non-party seat's award where the vendor's country made no reciprocity reservation", () => {
    expect(isEnforceableSeat("TW", "Brazil").verdict).toBe("enforceable");
  });

  it("is uncertain for any seat when the vendor's country is not a Convention party", () => {
    expect(isEnforceableSeat("GB", "TW")).toMatchObject({ verdict: "uncertain", basis: "local-law" });
  });

  it("uses the Mainland-Hong Kong arrangement rather than the Convention", () => {
    const result = isEnforceableSeat("Hong Kong", "China");
    expect(result).toMatchObject({ verdict: "enforceable", basis: "mainland-hong-kong-arrangement" });
    expect(result.reasons[0]).toMatch(/Arrangement/);
  });
});
