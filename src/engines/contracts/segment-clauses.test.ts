import { describe, expect, it } from "vitest";
import { segmentClauses } from "./segment-clauses.ts";

describe("segmentClauses", () => {
  it("keeps section numbers, headings and enclosing headings with exact offsets", () => {
    const text = [
      "ARTICLE 9 - INDEMNIFICATION",
      "9.1 Indemnity. The Vendor shall indemnify the Client.",
      "9.2 The Client shall give prompt notice of any claim.",
      "",
      "12. GOVERNING LAW",
      "",
      "12.1 This Agreement is governed by the laws of England.",
    ].join("\n");
    const segments = segmentClauses(text);
    for (const s of segments) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(segments.map((s) => [s.kind, s.number ?? null, s.heading ?? null])).toEqual([
      ["heading", "ARTICLE 9", "INDEMNIFICATION"],
      ["body", "9.1", "Indemnity"],
      ["body", "9.2", null],
      ["heading", "12", "GOVERNING LAW"],
      ["body", "12.1", null],
    ]);
    // A sibling's inline heading ("Indemnity") is not an enclosing heading.
    expect(segments[2]?.context).toEqual(["INDEMNIFICATION"]);
    expect(segments[4]?.context).toEqual(["GOVERNING LAW"]);
  });

  it("joins wrapped lines into one clause and starts a new one at each number or lettered item", () => {
    const text =
      "3.1 The Supplier shall maintain insurance\nwith a reputable insurer covering\n(a) professional liability; and\n(b) cyber liability.";
    const segments = segmentClauses(text);
    expect(segments.map((s) => s.number)).toEqual(["3.1", "(a)", "(b)"]);
    expect(segments[0]?.text).toBe(
      "3.1 The Supplier shall maintain insurance\nwith a reputable insurer covering",
    );
  });

  it("cuts a very long paragraph at sentence ends into several segments", () => {
    const sentence = "The Vendor shall comply with every policy the Client issues from time to time. ";
    const text = sentence.repeat(40).trim();
    const segments = segmentClauses(text);
    expect(segments.length).toBeGreaterThan(2);
    expect(segments.every((s) => s.text.length <= 1200 && s.text.endsWith("."))).toBe(true);
    expect(segments[0]?.start).toBe(0);
    expect(segments.at(-1)?.end).toBe(text.length);
  });

  it("cuts text without sentence ends into bounded segments that cover it", () => {
    const text = "word ".repeat(5000).trim();
    const segments = segmentClauses(text);
    expect(segments.length).toBeGreaterThan(3);
    expect(segments.every((s) => s.text.length <= 1200)).toBe(true);
    expect(segments.map((s) => s.text).join(" ")).toBe(text);
  });
});
