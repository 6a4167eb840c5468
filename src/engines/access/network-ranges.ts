import { BlockList, isIP } from "node:net";
import { WardenError } from "../../domain/errors.ts";

/** A set of approved networks (CIDR, IPv4 and IPv6) that answers whether an address lies in one. */
export interface NetworkRanges {
  readonly ranges: readonly string[];
  contains(address: string): boolean;
}

/**
 * Parses CIDR ranges (`10.20.0.0/16`, `2001:db8::/32`; a bare address is a single host) into a matcher
 * built on Node's `net.BlockList`, which also matches IPv4-mapped IPv6 addresses (`::ffff:10.20.1.2`)
 * against IPv4 ranges. Throws `invalid_input` naming the bad range.
 *
 * @example
 * const approved = parseNetworkRanges(["10.20.0.0/16", "2001:db8:aa::/48"]);
 * approved.contains("10.20.3.4"); // true
 * approved.contains("203.0.113.9"); // false
 */
export function parseNetworkRanges(ranges: readonly string[]): NetworkRanges {
  const list = new BlockList();
  for (const range of ranges) {
    const [network = "", prefixText, extra] = range.trim().split("/");
    const version = isIP(network);
    const max = version === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (
      version === 0 ||
      extra !== undefined ||
      (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) ||
      !Number.isInteger(prefix) ||
      prefix < 0 ||
      prefix > max
    ) {
      throw new WardenError(
        "invalid_input",
        `Not a network range: ${JSON.stringify(range)}. Write it as CIDR, e.g. 10.20.0.0/16 or 2001:db8::/32.`,
      );
    }
    list.addSubnet(network, prefix, version === 4 ? "ipv4" : "ipv6");
  }
  return {
    ranges: [...ranges],
    contains(address: string): boolean {
      const version = isIP(address);
      if (version === 0) return false;
      return list.check(address, version === 4 ? "ipv4" : "ipv6");
    },
  };
}
