import { lookup } from "node:dns/promises";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { WardenError } from "../../domain/errors.ts";

const refusedV4 = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["169.254.0.0", 16], // link-local, cloud metadata (169.254.169.254)
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const)
  refusedV4.addSubnet(net, prefix, "ipv4");

const refusedV6 = new BlockList();
for (const [net, prefix] of [
  ["::", 128],
  ["64:ff9b::", 96], // NAT64: reaches IPv4 addresses behind it
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7], // unique local, including the cloud metadata address fd00:ec2::254
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const)
  refusedV6.addSubnet(net, prefix, "ipv6");

const loopbackV4 = new BlockList();
loopbackV4.addSubnet("127.0.0.0", 8, "ipv4");

/**
 * Why an address may not receive webhooks, or null if it may: private, link-local,
 * metadata, multicast and reserved ranges never; loopback only when allowed (tests and
 * a receiver on the same machine, WARDEN_WEBHOOK_ALLOW_LOOPBACK=on).
 *
 * @example
 * refusedAddressReason("169.254.169.254", false); // → "a link-local or private address"
 */
export function refusedAddressReason(address: string, allowLoopback: boolean): string | null {
  const family = isIP(address);
  if (family === 0) return "not an IP address";
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return refusedAddressReason(mapped[1]!, allowLoopback);
    // The same, written in hex as URLs normalise it: ::ffff:ac10:1 is 172.16.0.1.
    const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
    if (hex) {
      const high = Number.parseInt(hex[1]!, 16);
      const low = Number.parseInt(hex[2]!, 16);
      return refusedAddressReason(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`, allowLoopback);
    }
    if (address === "::1" || /^0*:0*:0*:0*:0*:0*:0*:0*1$/.test(address)) {
      return allowLoopback ? null : "a loopback address";
    }
    return refusedV6.check(address, "ipv6") ? "a link-local, private or reserved address" : null;
  }
  if (loopbackV4.check(address, "ipv4")) return allowLoopback ? null : "a loopback address";
  return refusedV4.check(address, "ipv4") ? "a link-local, private or reserved address" : null;
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "");
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    (isIP(host) === 4 && loopbackV4.check(host, "ipv4")) ||
    host === "::1"
  );
}

/**
 * Checks a webhook URL as written: https, or http to a loopback host where loopback is
 * allowed; no credentials in it; a literal address must be allowed. A name is checked
 * again, by the addresses it resolves to, each time something is sent.
 */
export function checkWebhookUrl(raw: string, allowLoopback: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WardenError(
      "invalid_input",
      "The url is not a URL: give one such as https://hooks.example.com/warden.",
      {
        field: "url",
      },
    );
  }
  const refuse = (why: string) => {
    throw new WardenError("invalid_input", `The url is refused: ${why}.`, { field: "url" });
  };
  if (url.protocol !== "https:" && url.protocol !== "http:") refuse("use https://");
  if (url.username || url.password) refuse("put no credentials in it (the signature proves who sends)");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const loopback = isLoopbackHost(host);
  if (loopback && !allowLoopback) refuse("it points at this machine (loopback)");
  if (url.protocol === "http:" && !loopback)
    refuse("use https:// (plain http only reaches a loopback test receiver)");
  if (isIP(host)) {
    const why = refusedAddressReason(host, allowLoopback);
    if (why) refuse(`${host} is ${why}`);
  }
  return url;
}

/**
 * A DNS lookup for the HTTP client that resolves the name, refuses it if any address it
 * resolves to is refused, and connects to an address it checked: the name cannot resolve
 * to a safe address when checked and a private one when connected (DNS rebinding).
 */
export function guardedLookup(allowLoopback: boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { all: true, verbatim: true })
      .then((addresses) => {
        if (addresses.length === 0) throw new Error(`${hostname} resolves to no address`);
        for (const a of addresses) {
          const why = refusedAddressReason(a.address, allowLoopback);
          if (why) throw new RefusedTargetError(`${hostname} resolves to ${a.address}, ${why}`);
        }
        const first = addresses[0]!;
        if (options.all) callback(null, addresses);
        else callback(null, first.address, first.family);
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, "", 0));
  };
}

/** A target refused by its address: not retried, recorded as refused. */
export class RefusedTargetError extends Error {
  override readonly name = "RefusedTargetError";
}
