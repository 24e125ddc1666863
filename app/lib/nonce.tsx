import type {} from "@remix-run/node";
import { createContext, useContext } from "react";

// The per-request Content-Security-Policy nonce (scripts/security-headers.mjs makes it).
const NonceContext = createContext<string | undefined>(undefined);

/** Server rendering: entry.server.tsx provides the request's nonce. */
export const NonceProvider = NonceContext.Provider;

/**
 * In the browser the nonce is read back from the page's own scripts (browsers hide the
 * attribute but keep the property), so hydration renders the same value and style tags
 * Mantine adds later carry it too.
 */
export function pageNonce(): string | undefined {
  if (typeof document === "undefined") return undefined;
  return document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce || undefined;
}

export function useNonce(): string | undefined {
  return useContext(NonceContext) ?? pageNonce();
}

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** This response's CSP nonce (scripts/security-headers.mjs, via scripts/app.mjs). */
    cspNonce?: string;
  }
}

// Scroll locks in Mantine's modals (react-remove-scroll) add a <style> tag with the nonce
// that the get-nonce package finds under this webpack-era global name.
if (typeof window !== "undefined") {
  (window as { __webpack_nonce__?: string }).__webpack_nonce__ = pageNonce();
}
