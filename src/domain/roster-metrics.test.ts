import { describe, expect, it } from "vitest";
import {
  annualTurnover,
  certificationCoverage,
  hasValidNda,
  isActive,
  ndaCoverage,
  type RosterPerson,
} from "./roster-metrics.ts";

function person(id: string, changes: Partial<RosterPerson> = {}): RosterPerson {
  return {
    id,
    startDate: "2024-01-01",
    endDate: null,
    ndaSignedOn: "2024-01-01",
    ndaExpiresOn: null,
    certifications: [],
    ...changes,
  };
}

const stayers = (n: number, startDate = "2024-01-01") =>
  Array.from({ length: n }, (_, i) => person(`s-${i}`, { startDate }));

describe("annualTurnover", () => {
  it("divides the leavers of the last 12 months by the headcount averaged over 13 monthly samples", () => {
    // Window (2025-06-15, 2026-06-15]; samples on the 15th of each month, both ends included.
    // 10 people all year: 10 × 13 = 130. Leavers and the samples they were on the roster:
    //   left 2025-09-20: 06-15, 07-15, 08-15, 09-15           = 4
    //   left 2025-12-15: 06-15 … 12-15 (the last day counts)  = 7
    //   left 2026-03-01: 06-15 … 2026-02-15                   = 9
    // Average headcount = (130 + 4 + 7 + 9) / 13 = 150 / 13 ≈ 11.54; rate = 3 / (150 / 13) = 39 / 150 = 0.26.
    const people = [
      ...stayers(10),
      person("l-1", { endDate: "2025-09-20" }),
      person("l-2", { endDate: "2025-12-15" }),
      person("l-3", { endDate: "2026-03-01" }),
    ];
    const t = annualTurnover(people, "2026-06-15");
    expect(t.leavers).toBe(3);
    expect(t.averageHeadcount).toBeCloseTo(150 / 13, 12);
    expect(t.rate).toBeCloseTo(0.26, 12);
  });

  it("counts joiners from their start, and not those who left before the window", () => {
    // Window (2025-06-15, 2026-06-15].
    //   4 stayers: 4 × 13 = 52
    //   joined 2026-01-01: 2026-01-15 … 06-15 = 6
    //   left on 2025-06-15, the window's first day: on the first sample only = 1, not a leaver
    //   left 2025-06-14: no sample, not a leaver
    //   left today, 2026-06-15: all 13 samples, a leaver
    // Average = (52 + 6 + 1 + 13) / 13 = 72 / 13; rate = 1 / (72 / 13) = 13 / 72 ≈ 0.1806.
    const people = [
      ...stayers(4),
      person("joiner", { startDate: "2026-01-01" }),
      person("edge", { endDate: "2025-06-15" }),
      person("gone", { endDate: "2025-06-14" }),
      person("today", { endDate: "2026-06-15" }),
    ];
    const t = annualTurnover(people, "2026-06-15");
    expect(t.leavers).toBe(1);
    expect(t.averageHeadcount).toBeCloseTo(72 / 13, 12);
    expect(t.rate).toBeCloseTo(13 / 72, 12);
  });

  it("samples the last day of short months when the window ends on a month-end", () => {
    // Today 2026-03-31: samples 2025-03-31, 04-30, 05-31, 06-30, 07-31, 08-31, 09-30, 10-31, 11-30,
    // 12-31, 2026-01-31, 02-28, 03-31.
    //   2 stayers: 26
    //   left 2025-04-30: on 03-31 and 04-30 = 2
    //   left 2026-02-28: on every sample but the last = 12
    // Average = 40 / 13; rate = 2 / (40 / 13) = 26 / 40 = 0.65.
    const people = [
      ...stayers(2),
      person("a", { endDate: "2025-04-30" }),
      person("b", { endDate: "2026-02-28" }),
    ];
    const t = annualTurnover(people, "2026-03-31");
    expect(t.averageHeadcount).toBeCloseTo(40 / 13, 12);
    expect(t.rate).toBeCloseTo(0.65, 12);
  });

  it("counts a leaver of the first day of the window that starts on a leap day's anniversary", () => {
    // Today 2024-02-29: the window starts after 2023-02-28, so a leaver of 2023-03-01 is inside it.
    const t = annualTurnover(
      [...stayers(3, "2020-01-01"), person("x", { startDate: "2020-01-01", endDate: "2023-03-01" })],
      "2024-02-29",
    );
    expect(t.leavers).toBe(1);
  });

  it("has no rate for an empty roster", () => {
    expect(annualTurnover([], "2026-06-15")).toEqual({ leavers: 0, averageHeadcount: 0, rate: null });
  });
});

describe("ndaCoverage", () => {
  it("counts only people with a signed, unexpired NDA", () => {
    // 5 people: valid, expiring today (still valid), expired yesterday, never signed, signed tomorrow.
    // Covered 2 of 5 = 0.4.
    const c = ndaCoverage(
      [
        person("valid", { ndaExpiresOn: "2027-01-01" }),
        person("last-day", { ndaExpiresOn: "2026-06-15" }),
        person("expired", { ndaExpiresOn: "2026-06-14" }),
        person("missing", { ndaSignedOn: null }),
        person("future", { ndaSignedOn: "2026-06-16" }),
      ],
      "2026-06-15",
    );
    expect(c).toEqual({ covered: 2, total: 5, ratio: 0.4, missing: ["expired", "missing", "future"] });
  });

  it("has no ratio when nobody is in scope", () => {
    expect(ndaCoverage([], "2026-06-15")).toEqual({ covered: 0, total: 0, ratio: null, missing: [] });
  });
});

describe("certificationCoverage", () => {
  it("counts people holding at least one unexpired certification", () => {
    // none, only expired, one expired and one current, one without expiry → 2 of 4 = 0.5.
    const c = certificationCoverage(
      [
        person("none"),
        person("lapsed", { certifications: [{ name: "CISSP", expiresOn: "2026-06-14" }] }),
        person("renewed", {
          certifications: [
            { name: "CISSP", expiresOn: "2025-01-01" },
            { name: "GIAC GPEN", expiresOn: "2026-06-15" },
          ],
        }),
        person("lifetime", { certifications: [{ name: "OSCP", expiresOn: null }] }),
      ],
      "2026-06-15",
    );
    expect(c).toEqual({ covered: 2, total: 4, ratio: 0.5, missing: ["none", "lapsed"] });
  });
});

describe("hasValidNda and isActive", () => {
  it("treat the first and last days as included", () => {
    expect(
      hasValidNda(person("p", { ndaSignedOn: "2026-06-15", ndaExpiresOn: "2026-06-15" }), "2026-06-15"),
    ).toBe(true);
    expect(isActive({ startDate: "2026-06-15", endDate: "2026-06-15" }, "2026-06-15")).toBe(true);
    expect(isActive({ startDate: "2026-06-16", endDate: null }, "2026-06-15")).toBe(false);
    expect(isActive({ startDate: "2026-01-01", endDate: "2026-06-14" }, "2026-06-15")).toBe(false);
  });
});
