import { describe, expect, it } from "vitest";
import { parseNetworkRanges } from "./network-ranges.ts";

describe("parseNetworkRanges", () => {
  const approved = parseNetworkRanges(["10.20.0.0/16", "192.0.2.7", "2001:db8:aa::/48"]);

  it("matches IPv4 and IPv6 addresses inside the ranges, at their edges", () => {
    for (const inside of [
      "10.20.0.0",
      "10.20.255.255",
      "192.0.2.7",
      "2001:db8:aa::1",
      "2001:db8:aa:ffff:ffff:ffff:ffff:ffff",
    ]) {
      expect(approved.contains(inside), inside).toBe(true);
    }
  });

  it("rejects addresses just outside and anything that is not an address", () => {
    for (const outside of [
      "10.21.0.0",
      "10.19.255.255",
      "192.0.2.8",
      "2001:db8:ab::1",
      "not-an-ip",
      "",
      "10.20.1",
    ]) {
      expect(approved.contains(outside), outside).toBe(false);
    }
  });

  it("matches IPv4-mapped IPv6 addresses against IPv4 ranges", () => {
    expect(approved.contains("::ffff:10.20.3.4")).toBe(true);
    expect(approved.contains("::ffff:10.21.3.4")).toBe(false);
  });

  it("refuses malformed ranges, naming them", () => {
    for (const bad of [
      "10.0.0.0/33",
      "10.0.0/8",
      "2001:db8::/129",
      "10.0.0.0/8/8",
      "10.0.0.0/-1",
      "10.0.0.0/ 8",
      "host.example/24",
    ]) {
      expect(() => parseNetworkRanges([bad]), bad).toThrow(/Not a network range/);
    }
  });
});
