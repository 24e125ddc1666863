import { describe, expect, it } from "vitest";
import { clientInfo } from "~/lib/request.server";
import { clientAddressOf, parseTrustedProxies } from "~/lib/trusted-proxies.server";
import { request } from "../support/factories";

describe("client address behind proxies (TRUST_PROXY)", () => {
  it("ignores X-Forwarded-For when no proxy is trusted (the default)", () => {
    const forwarded = request("/", { headers: { "X-Forwarded-For": "198.51.100.7" } });
    expect(clientInfo(forwarded, { clientAddress: "203.0.113.9" }).ipAddress).toBe("203.0.113.9");
    expect(clientAddressOf("203.0.113.9", "198.51.100.7", null)).toBe("203.0.113.9");
    expect(clientAddressOf("203.0.113.9", "198.51.100.7", parseTrustedProxies(""))).toBe(
      "203.0.113.9",
    );
  });

  it("honours it from a trusted proxy, walking from the right past trusted hops", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8, 192.168.1.5, fd00::/8");
    expect(clientAddressOf("10.0.0.2", "198.51.100.7", trusted)).toBe("198.51.100.7");
    expect(clientAddressOf("::ffff:10.0.0.2", "198.51.100.7", trusted)).toBe("198.51.100.7");
    // Two trusted proxies in a row; a forged left-most entry is not believed.
    expect(clientAddressOf("10.0.0.2", "6.6.6.6, 198.51.100.7, 192.168.1.5", trusted)).toBe(
      "198.51.100.7",
    );
    expect(clientAddressOf("fd00::1", "2001:db8::5", trusted)).toBe("2001:db8::5");
    // A peer that is not a trusted proxy cannot claim an address.
    expect(clientAddressOf("203.0.113.9", "198.51.100.7", trusted)).toBe("203.0.113.9");
    // Garbage stops the walk at the last address a trusted proxy vouched for.
    expect(clientAddressOf("10.0.0.2", "not-an-ip", trusted)).toBe("10.0.0.2");
    const loopback = parseTrustedProxies("loopback");
    expect(clientAddressOf("127.0.0.1", "198.51.100.7", loopback)).toBe("198.51.100.7");
    expect(clientAddressOf("::1", "198.51.100.7", loopback)).toBe("198.51.100.7");
  });

  it("rejects a malformed TRUST_PROXY value", () => {
    for (const value of ["yes", "10.0.0.0/33", "10.0.0.0/x", "example.com", "::1/129"]) {
      expect(parseTrustedProxies(value)).toBeNull();
    }
  });
});
