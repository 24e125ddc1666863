// After `remix vite:build`: writes a Brotli (.br, best quality) and a gzip (.gz) copy beside
// every compressible file of build/client, so the server sends them as they are instead of
// compressing the same bytes on every request (scripts/static-files.mjs, decision 026).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const COMPRESSIBLE = new Set([".js", ".mjs", ".css", ".svg", ".json", ".txt", ".html", ".map"]);
const MIN_BYTES = 1024;

/** Every file under `dir`, as paths relative to it. */
export function filesUnder(dir) {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name)));
}

export function compressAssets(clientDir) {
  let written = 0;
  for (const file of filesUnder(clientDir)) {
    if (!COMPRESSIBLE.has(path.extname(file))) continue;
    const absolute = path.join(clientDir, file);
    const source = fs.readFileSync(absolute);
    if (source.length < MIN_BYTES) continue;
    const brotli = zlib.brotliCompressSync(source, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length,
      },
    });
    fs.writeFileSync(`${absolute}.br`, brotli);
    fs.writeFileSync(`${absolute}.gz`, zlib.gzipSync(source, { level: 9 }));
    written++;
  }
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const count = compressAssets(path.join(root, "build", "client"));
  console.log(`compressed ${count} files of build/client (.br and .gz)`);
}
