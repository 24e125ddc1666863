// The built browser files (build/client), served from a list taken at start-up: a request for
// anything else (every page) goes on to Remix without touching the disk, and a file that has a
// precompressed copy (scripts/compress-assets.mjs) is sent as that copy when the browser
// accepts it, so the server never compresses the same bytes twice (decision 026).
import path from "node:path";
import { filesUnder } from "./compress-assets.mjs";

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;
const ONE_HOUR_SECONDS = 60 * 60;
const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
];

/** @param {string} clientDir  @returns {import("express").RequestHandler} */
export function staticFiles(clientDir) {
  const files = new Set(filesUnder(clientDir).map((file) => `/${file.split(path.sep).join("/")}`));
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const file = safeDecode(req.path);
    if (file === undefined || !files.has(file) || ENCODINGS.some((e) => file.endsWith(e.suffix))) {
      return next();
    }
    const available = ENCODINGS.filter((e) => files.has(file + e.suffix));
    // Our order, not the header's: browsers list gzip before br at the same weight.
    const acceptable = new Set(available.length > 0 ? req.acceptsEncodings() : []);
    const chosen = available.find((e) => acceptable.has(e.name));
    // Vite's hashed file names change with their content: those never need asking again.
    const immutable = file.startsWith("/assets/");
    res.setHeader(
      "Cache-Control",
      immutable
        ? `public, max-age=${ONE_YEAR_SECONDS}, immutable`
        : `public, max-age=${ONE_HOUR_SECONDS}`,
    );
    if (available.length > 0) res.setHeader("Vary", "Accept-Encoding");
    if (chosen) res.setHeader("Content-Encoding", chosen.name);
    res.type(path.extname(file));
    res.sendFile(
      file.slice(1) + (chosen?.suffix ?? ""),
      {
        root: clientDir,
        cacheControl: false,
        dotfiles: "deny",
      },
      (error) => {
        // A browser that went away mid-file is not an error; a missing file after start-up is.
        if (error && !res.headersSent) next(error);
      },
    );
  };
}

function safeDecode(pathname) {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}
