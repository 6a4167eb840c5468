import { describe, expect, it } from "vitest";
import { addBusinessDays, addDays, addMonths, daysBetween, isExpired, toIsoDate } from "./dates.ts";

describe("addBusinessDays", () => {
  it("skips the weekend: 4 business days after a Thursday-noon decision is the next Wednesday noon", () => {
    // Thu 11 June 2026 → Fri 12 (1), Mon 15 (2), Tue 16 (3), Wed 17 (4).
    expect(addBusinessDays(new Date("2026-06-11T12:00:00.000Z"), 4).toISOString()).toBe(
      "2026-06-17T12:00:00.000Z",
    );
  });

  it("goes from Friday to Monday for one business day", () => {
    expect(addBusinessDays(new Date("2026-06-12T09:30:00.000Z"), 1).toISOString()).toBe(
      "2026-06-15T09:30:00.000Z",
    );
  });

  it("counts a decision taken on a Saturday from the Monday", () => {
    expect(addBusinessDays(new Date("2026-06-13T18:00:00.000Z"), 1).toISOString()).toBe(
      "2026-06-15T18:00:00.000Z",
    );
  });

  it("crosses a year end", () => {
    // Thu 31 Dec 2026 → Fri 1 Jan (1), Mon 4 Jan (2).
    expect(addBusinessDays(new Date("2026-12-31T08:00:00.000Z"), 2).toISOString()).toBe(
      "2027-01-04T08:00:00.000Z",
    );
  });

  it("leaves the moment alone for zero days and does not change its argument", () => {
    const from = new Date("2026-06-11T12:00:00.000Z");
    expect(addBusinessDays(from, 0).getTime()).toBe(from.getTime());
    addBusinessDays(from, 3);
    expect(from.toISOString()).toBe("2026-06-11T12:00:00.000Z");
  });
});

describe("isExpired", () => {
  it("is false on the expiry day itself and true from the day after", () => {
    expect(isExpired("2026-06-15", "2026-06-15")).toBe(false);
    expect(isExpired("2026-06-15", "2026-06-16")).toBe(true);
    expect(isExpired("2026-06-15", "2026-06-14")).toBe(false);
  });

  it("never expires what has no expiry date", () => {
    expect(isExpired(null, "2099-01-01")).toBe(false);
    expect(isExpired(undefined, "2099-01-01")).toBe(false);
  });
});

describe("calendar arithmetic", () => {
  it("adds days across month and year ends", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
  });

  it("adds months, keeping the day when the month has it", () => {
    expect(addMonths("2026-06-15", -12)).toBe("2025-06-15");
    expect(addMonths("2025-11-15", 3)).toBe("2026-02-15");
  });

  it("adds months to a month-end without spilling into the next month", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2025-06-30", 8)).toBe("2026-02-28");
    expect(addMonths("2024-02-29", -12)).toBe("2023-02-28");
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
  });

  it("counts days between dates, negative backwards", () => {
    expect(daysBetween("2025-06-15", "2026-06-15")).toBe(365);
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2026-06-15", "2026-06-10")).toBe(-5);
  });

  it("formats a moment as its UTC date", () => {
    expect(toIsoDate(new Date("2026-06-15T23:59:59.999Z"))).toBe("2026-06-15");
  });
});
