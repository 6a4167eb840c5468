import { BlockList, isIP } from "node:net";

/** An address or a CIDR range (`10.0.0.5`, `10.1.0.0/16`, `fd00::/8`), or null when it is neither. */
export function parseAddressRange(
  entry: string,
): { address: string; prefix: number; family: "ipv4" | "ipv6" } | null {
  const [address = "", prefixText, extra] = entry.split("/");
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return null;
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (
    !Number.isInteger(prefix) ||
    prefix < 0 ||
    prefix > max ||
    (prefixText !== undefined && !/^\d+$/.test(prefixText))
  )
    return null;
  return { address, prefix, family: version === 4 ? "ipv4" : "ipv6" };
}

/** The set of trusted proxies, from `WARDEN_TRUSTED_PROXIES`' entries. */
export function trustedProxySet(entries: readonly string[]): BlockList {
  const set = new BlockList();
  for (const entry of entries) {
    const range = parseAddressRange(entry);
    if (range) set.addSubnet(range.address, range.prefix, range.family);
  }
  return set;
}

function contains(set: BlockList, address: string): boolean {
  const version = isIP(address);
  return version !== 0 && set.check(address, version === 4 ? "ipv4" : "ipv6");
}

/** `::ffff:10.0.0.1` is 10.0.0.1. */
function unmapped(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

/**
 * The client's address: the socket's peer, unless that peer is a trusted reverse proxy, in which
 * case the right-most address of `X-Forwarded-For` that is not itself a trusted proxy (the
 * left-hand entries are the client's to write, so they are not believed). Without trusted
 * proxies the header is ignored.
 *
 * @example
 * clientAddress("10.0.0.5", "203.0.113.9, 10.0.0.7", trustedProxySet(["10.0.0.0/24"])) // "203.0.113.9"
 */
export function clientAddress(peer: string, forwardedFor: string | undefined, trusted: BlockList): string {
  let client = unmapped(peer);
  if (!forwardedFor || !contains(trusted, client)) return client;
  const hops = forwardedFor.split(",").map((hop) => unmapped(hop.trim()));
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] ?? "";
    if (isIP(hop) === 0) break;
    client = hop;
    if (!contains(trusted, hop)) break;
  }
  return client;
}

/**
 * The key an address is counted under when throttling: one IPv6 host owns a whole /64, and every
 * loopback address (127.0.0.0/8, ::1) is one machine, so rotating through them gains nothing.
 */
export function addressGroup(address: string): string {
  const plain = unmapped(address);
  if (plain === "::1" || plain.startsWith("127.")) return "loopback";
  if (isIP(plain) !== 6) return plain;
  const [head = "", tail = ""] = plain.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = plain.includes("::")
    ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
