import { describe, expect, it } from "vitest";
import { evidenceMeta } from "./evidence-fields.tsx";

describe("evidenceMeta", () => {
  it("trims the title and reads the typed control ids", () => {
    expect(
      evidenceMeta({ title: "  NDA scan ", controls: "dd-3,  tm-3 ,", effectiveOn: "", expiresOn: "" }, "e1"),
    ).toEqual({ title: "NDA scan", engagementId: "e1", controls: ["DD-3", "TM-3"] });
  });

  it("keeps only the dates that were filled in", () => {
    const meta = evidenceMeta(
      { title: "Policy", controls: "", effectiveOn: "2025-01-01", expiresOn: "" },
      "e2",
    );
    expect(meta).toEqual({ title: "Policy", engagementId: "e2", controls: [], effectiveOn: "2025-01-01" });
    expect("expiresOn" in meta).toBe(false);
  });
});
