import { BlockList, isIP } from "node:net";

/** "::ffff:10.0.0.1" (an IPv4 peer on a dual-stack socket) is 10.0.0.1. */
function normaliseAddress(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1]! : trimmed;
}

export interface TrustedProxies {
  has(address: string): boolean;
}

/**
 * TRUST_PROXY: comma-separated addresses or CIDR ranges of the reverse proxies in front of
 * Uptake ("loopback" = 127.0.0.0/8 and ::1). Empty: X-Forwarded-For is never read, since
 * anyone can send it. Returns null for a malformed value (the env check reports it).
 */
export function parseTrustedProxies(value: string): TrustedProxies | null {
  const list = new BlockList();
  for (const raw of value.split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    if (entry === "loopback") {
      list.addSubnet("127.0.0.0", 8, "ipv4");
      list.addAddress("::1", "ipv6");
      continue;
    }
    const [address = "", prefix] = entry.split("/");
    const family = isIP(address);
    if (!family) return null;
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) {
      list.addAddress(address, type);
    } else {
      const bits = Number(prefix);
      if (!/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128)) return null;
      list.addSubnet(address, bits, type);
    }
  }
  return {
    has(address) {
      const family = isIP(address);
      return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
    },
  };
}

/**
 * The client's address: the socket peer, unless the peer is a trusted proxy; then the
 * X-Forwarded-For list is walked from the right (the entry the nearest proxy appended)
 * past trusted proxies to the first address that is not one. Entries left of that are
 * whatever the client claimed and are ignored.
 */
export function clientAddressOf(
  socketAddress: string,
  forwardedFor: string | null,
  trusted: TrustedProxies | null,
): string {
  let current = normaliseAddress(socketAddress);
  if (!trusted || !forwardedFor) return current;
  const hops = forwardedFor.split(",").map(normaliseAddress).reverse();
  for (const hop of hops) {
    if (!trusted.has(current)) break;
    if (!isIP(hop)) break;
    current = hop;
  }
  return current;
}
