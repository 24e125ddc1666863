import type { AppLoadContext } from "@remix-run/node";
import { parse as parseCookieHeader } from "cookie";
import { getEnv } from "./env.server";
import {
  clientAddressOf,
  parseTrustedProxies,
  type TrustedProxies,
} from "./trusted-proxies.server";
// The production handler stamps the socket peer on every request under this header, so code
// that has the request but not the load context (the permission guard) knows the address too.
import { PEER_ADDRESS_HEADER, REQUEST_ID_HEADER } from "../../scripts/peer-address.mjs";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The socket's peer address as the production server saw it (scripts/app.mjs loadContextOf). */
    clientAddress?: string;
  }
}

/**
 * The production handler's number for the HTTP request (the same in every copy Remix makes
 * for its loaders), unique in this process; null where no handler stamped one (tests).
 */
export function requestIdOf(request: Request): string | null {
  return request.headers.get(REQUEST_ID_HEADER);
}

/**
 * One cookie from the request, read with the standard parser: trailing "; ", extra spaces,
 * valueless pairs and badly encoded neighbours are all valid in the wild. A quoted value
 * (RFC 6265 allows DQUOTEs around it) is unquoted.
 */
export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const value = parseCookieHeader(header)[name];
  if (!value) return null;
  return value.replace(/^"(.*)"$/, "$1") || null;
}

let trustedCache: { value: string; parsed: TrustedProxies | null } | undefined;
function configuredProxies(): TrustedProxies | null {
  const value = getEnv().TRUST_PROXY;
  if (trustedCache?.value !== value) trustedCache = { value, parsed: parseTrustedProxies(value) };
  return trustedCache.parsed;
}

export interface ClientInfo {
  ipAddress: string;
  userAgent: string;
}

/** Where a request came from: the client address (see TRUST_PROXY) and its user agent. */
export function clientInfo(request: Request, context?: AppLoadContext): ClientInfo {
  // The server (scripts/remix-handler.mjs) replaces the peer header on every request, in
  // development too (scripts/dev-app.mjs).
  const socketAddress = context?.clientAddress ?? request.headers.get(PEER_ADDRESS_HEADER);
  return {
    // A request that did not come through the server (a test, a script) has no address.
    ipAddress: socketAddress
      ? clientAddressOf(
          socketAddress,
          request.headers.get("X-Forwarded-For"),
          configuredProxies(),
        ).slice(0, 64)
      : "local",
    userAgent: (request.headers.get("User-Agent") ?? "").slice(0, 300),
  };
}
