import { describe, expect, it } from "vitest";
import { findDurations, findMoney, parseNumberWords } from "./parse-amounts.ts";

describe("findMoney", () => {
  it.each([
    ["USD 500,000", 500_000, "USD"],
    ["US$ 1,000,000", 1_000_000, "USD"],
    ["$500k", 500_000, "USD"],
    ["$1.5 million", 1_500_000, "USD"],
    ["€1.5m", 1_500_000, "EUR"],
    ["EUR 750,000", 750_000, "EUR"],
    ["£750,000", 750_000, "GBP"],
    ["GBP 2 million", 2_000_000, "GBP"],
    ["₹5 crore", 50_000_000, "INR"],
    ["INR 2,00,00,000", 20_000_000, "INR"],
    ["Rs. 10 lakhs", 1_000_000, "INR"],
    ["1,000,000 Canadian dollars", 1_000_000, "CAD"],
    ["five hundred thousand dollars", 500_000, "USD"],
    ["two hundred and fifty thousand pounds sterling", 250_000, "GBP"],
    ["USD one million", 1_000_000, "USD"],
    ["Rupees Two Crore", 20_000_000, "INR"],
    ["Five Hundred Thousand (500,000) Dollars", 500_000, "USD"],
  ])("reads %s", (text, value, currency) => {
    expect(findMoney(`not less than ${text} in aggregate`)).toEqual([
      expect.objectContaining({ value, currency }),
    ]);
  });

  it("counts an amount in words repeated in figures once, and keeps amounts that differ apart", () => {
    expect(findMoney("one million US dollars (US$1,000,000)")).toHaveLength(1);
    expect(findMoney("five hundred thousand dollars ($50,000)").map((m) => m.value)).toEqual([
      500_000, 50_000,
    ]);
  });

  it("finds no amount in a number without a currency, nor in words that end in a currency code's letters", () => {
    expect(findMoney("shall not exceed 500,000")).toEqual([]);
    expect(findMoney("within two years 5 days")).toEqual([]);
  });
});

describe("parseNumberWords", () => {
  it.each([
    ["twelve", 12],
    ["thirty-one", 31],
    ["one hundred and eighty", 180],
    ["two hundred and fifty thousand", 250_000],
    ["One Million Five Hundred Thousand", 1_500_000],
    ["two crore", 20_000_000],
    ["ten lakhs", 1_000_000],
  ])("reads %s", (words, value) => {
    expect(parseNumberWords(words)).toBe(value);
  });

  it("refuses words that are not a number", () => {
    expect(parseNumberWords("the fees")).toBeNull();
  });
});

describe("findDurations", () => {
  it("reads compound numbers in words, not their last word alone", () => {
    expect(findDurations("upon thirty-one days' notice").map((d) => d.value)).toEqual([31]);
    expect(findDurations("one hundred and eighty days").map((d) => d.value)).toEqual([180]);
    expect(findDurations("twelve (12) month period").map((d) => [d.value, d.unit])).toEqual([[12, "months"]]);
  });
});
