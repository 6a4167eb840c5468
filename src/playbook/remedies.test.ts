import { describe, expect, it } from "vitest";
import { shippedCatalog } from "./load-catalog.ts";
import { remedyFor } from "./remedies.ts";

describe("remedyFor", () => {
  it("sends a contract control to the contracts and a custody control to custody", () => {
    const byId = new Map(shippedCatalog().map((c) => [c.id, c]));
    expect(remedyFor(byId.get("CT-1")!).area).toBe("contracts");
    expect(remedyFor(byId.get("OG-2")!).area).toBe("custody");
    expect(remedyFor(byId.get("DD-2")!).area).toBe("questionnaires");
    expect(remedyFor(byId.get("DD-1")!).area).toBe("assets");
    expect(remedyFor(byId.get("CT-12")!)).toMatchObject({ area: "controls" });
  });

  it("names a specific fix for every rule of the shipped catalog", () => {
    for (const control of shippedCatalog().filter((c) => c.check.kind === "rule")) {
      expect(remedyFor(control).action, control.id).not.toBe(control.evidence);
    }
  });
});
