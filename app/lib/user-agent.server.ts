import Bowser from "bowser";
import type { DeviceSummary } from "./user-agent";

/** Parsed on the server so the pages never ship the parser (or the raw string). */
export function describeUserAgent(userAgent: string | null | undefined): DeviceSummary {
  const value = (userAgent ?? "").trim();
  if (!value) return { browser: null, os: null };
  const result = Bowser.parse(value.slice(0, 500));
  return { browser: result.browser.name || null, os: result.os.name || null };
}
