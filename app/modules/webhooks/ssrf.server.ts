import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net, { type LookupFunction } from "node:net";
import { getEnv } from "~/lib/env.server";

// Outbound requests to administrators' URLs (decision 045). Only http and https; the host's
// every address must be public: not private, loopback, link-local, unique-local, CGNAT,
// unspecified or multicast, nor an IPv4-mapped IPv6 form of one. The check runs at save and at
// each delivery, and the connection goes to the address that was checked (the socket's own
// lookup is ours), so a DNS answer that changes between check and connect (rebinding) cannot
// reach inside. WEBHOOK_ALLOW_PRIVATE=on lifts the address rule (tests, demos on one machine).

export class UnsafeTargetError extends Error {
  constructor(
    readonly reason: "scheme" | "address" | "unresolvable" | "credentials",
    detail: string,
  ) {
    super(detail);
    this.name = "UnsafeTargetError";
  }
}

const v4 = (text: string) => text.split(".").map(Number) as [number, number, number, number];

/** True when an IPv4 address is not on the public internet. */
function isPrivateV4(address: string): boolean {
  const [a, b] = v4(address);
  return (
    a === 0 || // "this network", 0.0.0.0
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // CGNAT 100.64/10
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && v4(address)[2] === 0) || // IETF protocol assignments
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a >= 224 // multicast, reserved, broadcast
  );
}

/** The 8 groups of an IPv6 address, IPv4 tails expanded. */
function groupsOf(address: string): number[] {
  let text = address.toLowerCase().split("%")[0]!;
  const tail = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (tail) {
    const [a, b, c, d] = v4(tail[1]!);
    text =
      text.slice(0, -tail[1]!.length) +
      `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = text.split("::") as [string, string | undefined];
  const left = head ? head.split(":") : [];
  const right = rest ? rest.split(":") : [];
  const fill = rest === undefined ? [] : Array(8 - left.length - right.length).fill("0");
  return [...left, ...fill, ...right].map((g) => parseInt(g || "0", 16));
}

function isPrivateV6(address: string): boolean {
  const g = groupsOf(address);
  const first = g[0]!;
  if (g.every((x) => x === 0)) return true; // ::
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return true; // ::1
  // IPv4-mapped (::ffff:a.b.c.d) and the deprecated IPv4-compatible (::a.b.c.d) forms.
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) {
    const ipv4 = `${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`;
    return isPrivateV4(ipv4);
  }
  if (first === 0x64 && g[1] === 0xff9b) return true; // NAT64 64:ff9b::/96 reaches IPv4 inside
  return (
    (first & 0xfe00) === 0xfc00 || // unique-local fc00::/7
    (first & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (first & 0xffc0) === 0xfec0 || // site-local (deprecated)
    (first & 0xff00) === 0xff00 || // multicast
    (first === 0x2001 && g[1] === 0xdb8) // documentation
  );
}

/** True when the address (IPv4 or IPv6 text) must not be reached. */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return isPrivateV4(address);
  if (family === 6) return isPrivateV6(address);
  return true;
}

const allowPrivateDefault = () => getEnv().WEBHOOK_ALLOW_PRIVATE === "on";

export interface TargetOptions {
  /** Reach private addresses too (default: WEBHOOK_ALLOW_PRIVATE). */
  allowPrivate?: boolean;
  /** Resolves a host name to its addresses (default: the system resolver, every address). */
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>;
}

const systemResolve = (host: string) => dns.promises.lookup(host, { all: true, verbatim: true });

/** The URL's scheme and credentials are acceptable: http(s), no user:password@. */
export function checkUrlShape(url: URL): void {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UnsafeTargetError("scheme", `only http and https URLs (${url.protocol})`);
  }
  if (url.username || url.password) {
    throw new UnsafeTargetError("credentials", "no user name or password in the URL");
  }
}

/** The host of a URL without IPv6 brackets. */
const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, "");

/**
 * Resolves the URL's host and returns the address to connect to, refusing when any address it
 * has is private (one private answer among public ones is how rebinding is tried).
 */
export async function checkTarget(
  url: URL,
  options: TargetOptions = {},
): Promise<{ address: string; family: number }> {
  checkUrlShape(url);
  const allowPrivate = options.allowPrivate ?? allowPrivateDefault();
  const host = hostOf(url);
  const literal = net.isIP(host);
  let addresses: { address: string; family: number }[];
  if (literal) {
    addresses = [{ address: host, family: literal }];
  } else {
    try {
      addresses = await (options.resolve ?? systemResolve)(host);
    } catch {
      throw new UnsafeTargetError("unresolvable", `${host} does not resolve`);
    }
    if (addresses.length === 0)
      throw new UnsafeTargetError("unresolvable", `${host} does not resolve`);
  }
  if (!allowPrivate) {
    const inside = addresses.find((a) => isPrivateAddress(a.address));
    if (inside) {
      throw new UnsafeTargetError("address", `${host} is a private address (${inside.address})`);
    }
  }
  return addresses[0]!;
}

export interface OutboundResponse {
  status: number;
  /** The first bytes of the body, for the delivery log. */
  bodyStart: string;
}

const RESPONSE_BYTES = 512;

/**
 * POSTs `body` to the checked address of `url`: no redirects followed (a 3xx is the answer),
 * at most `timeoutMs` for the whole exchange, the response body read to its first bytes only.
 */
export async function postChecked(
  url: URL,
  body: string,
  headers: Record<string, string>,
  options: TargetOptions & { timeoutMs: number },
): Promise<OutboundResponse> {
  const target = await checkTarget(url, options);
  // The socket connects to the checked address, whatever a second lookup would say now.
  const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if ((lookupOptions as dns.LookupOptions).all) {
      (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, [target]);
    } else {
      callback(null, target.address, target.family);
    }
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise<OutboundResponse>((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": Buffer.byteLength(body).toString() },
        lookup,
        signal: AbortSignal.timeout(options.timeoutMs),
        // No pooled sockets: each delivery checks and connects afresh.
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          if (size < RESPONSE_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            bodyStart: Buffer.concat(chunks).toString("utf8").slice(0, RESPONSE_BYTES),
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}
