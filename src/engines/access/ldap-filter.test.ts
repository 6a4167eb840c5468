import { EqualityFilter, FilterParser } from "ldapts";
import { describe, expect, it } from "vitest";
import { equalityFilter, escapeFilterValue } from "./ldap-filter.ts";

describe("LDAP filter escaping (RFC 4515)", () => {
  it.each(["*)(uid=*", "*", "a)(|(objectClass=*)", "back\\slash", "nul\u0000byte", "(", "ünï"])(
    "keeps %j a single equality assertion on the literal value",
    (value) => {
      const parsed = FilterParser.parseString(equalityFilter("uid", value));
      expect(parsed).toBeInstanceOf(EqualityFilter);
      expect((parsed as EqualityFilter).attribute).toBe("uid");
      expect((parsed as EqualityFilter).value).toBe(value);
    },
  );

  it("escapes the five RFC 4515 specials as hex pairs", () => {
    expect(escapeFilterValue("*()\\\u0000")).toBe("\\2a\\28\\29\\5c\\00");
  });

  it("refuses an attribute name that could smuggle filter syntax", () => {
    expect(() => equalityFilter("uid)(cn", "x")).toThrow(/attribute name/);
  });
});
