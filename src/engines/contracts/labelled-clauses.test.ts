import { describe, expect, it } from "vitest";
import { analyzeContract } from "./analyze-contract.ts";
import { CLAUSE_TYPES } from "./clause-types.ts";
import { labelledClauses } from "./fixtures/labelled-clauses.ts";

// The types CUAD does not label are found by drafting patterns alone; these clauses were written
// for Warden in several styles and are not part of the model's training for those types.
const patternOnly = new Set<string>(CLAUSE_TYPES.filter((t) => t.cuad === null).map((t) => t.type));

describe("clauses written in varied drafting styles", () => {
  it.each(labelledClauses.map((l) => [l.style, l.types.join("+") || "boilerplate", l] as const))(
    "recognises a %s-style %s clause",
    (_style, _label, example) => {
      const found = new Set(analyzeContract(example.text).clauses.map((c) => c.type));
      for (const type of example.types) expect(found, `${type} in: ${example.text}`).toContain(type);
      const wrongPatternTypes = [...found].filter((t) => patternOnly.has(t) && !example.types.includes(t));
      expect(wrongPatternTypes).toEqual([]);
      if (example.types.length === 0) expect([...found]).toEqual([]);
    },
  );
});
