// Express middleware: security headers on every response (pages, data, CSV, JSON, files, errors).
import crypto from "node:crypto";
import helmet from "helmet";

/** What the browser may do on our pages; everything unlisted is refused (Permissions-Policy). */
const PERMISSIONS_POLICY = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "bluetooth=()",
  "hid=()",
  "midi=()",
  "magnetometer=()",
  "gyroscope=()",
  "accelerometer=()",
  "display-capture=()",
  "browsing-topics=()",
  "fullscreen=(self)",
].join(", ");

const nonceSource = (_req, res) => `'nonce-${res.locals.cspNonce}'`;

/**
 * The strictest policy the app passes with no console errors: scripts only with the request's
 * nonce (Remix's inline scripts, Mantine's colour-scheme script); <style> elements only with it
 * too (Mantine's CSS variables); inline style *attributes* allowed, because Mantine's style
 * props and charts set CSS variables through them (no script can run from a style attribute).
 * Images also from https (lesson Markdown may show https images; the sanitiser drops others).
 * Under the dev server (`viteDev`) <style> elements need no nonce: Vite's client and Remix's
 * critical CSS add them without one (browsers ignore 'unsafe-inline' beside a nonce).
 */
export function cspDirectives({ https, viteDev = false }) {
  return {
    "default-src": ["'self'"],
    "script-src": ["'self'", nonceSource],
    "script-src-attr": ["'none'"],
    "style-src": viteDev ? ["'self'", "'unsafe-inline'"] : ["'self'", nonceSource],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:", "https:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "object-src": ["'none'"],
    "frame-src": ["'none'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    // Over plain HTTP (a LAN install) upgrading would break every asset.
    "upgrade-insecure-requests": https ? [] : null,
  };
}

/** True when the browser reached us over HTTPS (directly, or APP_ORIGIN says so behind a proxy). */
export function servedOverHttps(req, appOrigin = process.env.APP_ORIGIN) {
  return req.secure || Boolean(appOrigin && appOrigin.startsWith("https:"));
}

/** Middleware list: a fresh nonce per request (res.locals.cspNonce), then the headers. */
export function securityHeaders({ appOrigin = process.env.APP_ORIGIN, viteDev = false } = {}) {
  const policies = {
    http: cspDirectives({ https: false, viteDev }),
    https: cspDirectives({ https: true, viteDev }),
  };
  const helmets = Object.fromEntries(
    Object.entries(policies).map(([scheme, directives]) => [
      scheme,
      helmet({
        contentSecurityPolicy: { useDefaults: false, directives },
        // HSTS is set below, only when the page really came over HTTPS.
        strictTransportSecurity: false,
        referrerPolicy: { policy: "same-origin" },
        xFrameOptions: { action: "deny" },
        crossOriginOpenerPolicy: { policy: "same-origin" },
        crossOriginResourcePolicy: { policy: "same-origin" },
      }),
    ]),
  );
  return [
    (req, res, next) => {
      res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
      const https = servedOverHttps(req, appOrigin);
      res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
      if (https) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
      helmets[https ? "https" : "http"](req, res, next);
    },
  ];
}
