// Mantine's stylesheet holds every component's styles (234 KB); a page needs only the ones of
// the components the app renders. This script derives that list from the code — the names
// imported from @mantine/core in app/ and @mantine/charts, followed through Mantine's own
// imports (a MultiSelect renders a Combobox, a Pill, an Input...) — and writes the imports to
// app/mantine-styles.css. test/integration/mantine-styles.test.ts fails when the committed file
// is not what the code needs (decision 026).
//
//   node scripts/mantine-styles.mjs          write app/mantine-styles.css
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { filesUnder } from "./compress-assets.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const mantine = path.join(root, "node_modules/@mantine/core");
const esm = path.join(mantine, "esm");
export const STYLES_FILE = path.join(root, "app/mantine-styles.css");

// Styles every page needs whatever it renders: the reset, the variables, the global classes.
const BASE = ["baseline", "default-css-variables", "global"];

/** The names a source file imports from a package. */
function namedImports(source, from) {
  const pattern = new RegExp(`import\\s*(?:type\\s*)?{([^}]*)}\\s*from\\s*["']${from}["']`, "g");
  return [...source.matchAll(pattern)].flatMap((match) =>
    match[1]
      .split(",")
      .map(
        (name) =>
          name
            .trim()
            .replace(/^type\s+/, "")
            .split(/\s+as\s+/)[0],
      )
      .filter(Boolean),
  );
}

function sourcesUnder(dir, extensions) {
  return filesUnder(dir)
    .filter((file) => extensions.some((ext) => file.endsWith(ext)))
    .map((file) => path.join(dir, file));
}

/** Which file of Mantine's ESM build exports each name (from its index). */
function exportedFrom() {
  const index = fs.readFileSync(path.join(esm, "index.mjs"), "utf8");
  const files = new Map();
  for (const match of index.matchAll(/export\s*{([^}]*)}\s*from\s*'\.\/([^']+)'/g)) {
    for (const name of match[1].split(",")) files.set(name.trim(), path.join(esm, match[2]));
  }
  return files;
}

const CSS_MODULE = ".module.css.mjs";

/**
 * The stylesheets reachable from `files` through relative imports: each Mantine component
 * (and inner part, like InlineInput) imports its class names from a `Name.module.css.mjs`,
 * whose styles ship as styles/Name.css.
 */
function reachableStylesheets(files) {
  const seen = new Set();
  const sheets = new Set();
  const queue = [...files];
  while (queue.length > 0) {
    const file = queue.pop();
    if (seen.has(file) || !fs.existsSync(file)) continue;
    seen.add(file);
    if (file.endsWith(CSS_MODULE)) sheets.add(path.basename(file, CSS_MODULE));
    const source = fs.readFileSync(file, "utf8");
    for (const match of source.matchAll(/(?:import|export)[^'"]*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      queue.push(path.resolve(path.dirname(file), match[1]));
    }
  }
  return sheets;
}

/**
 * Sorted as Mantine's own styles.css has them: a component's styles come after those of the
 * parts it builds on (Button after UnstyledButton), and equal selectors resolve the same way.
 */
function inBundleOrder(sheets) {
  const bundle = fs.readFileSync(path.join(mantine, "styles.css"), "utf8");
  const position = (name) => {
    const css = fs.readFileSync(path.join(mantine, "styles", `${name}.css`), "utf8");
    const at = bundle.indexOf(css.match(/\.m_[0-9a-f]+/)?.[0] ?? css.trim().slice(0, 100));
    if (at < 0) throw new Error(`styles/${name}.css is not in Mantine's styles.css`);
    return at;
  };
  const positions = new Map(sheets.map((name) => [name, position(name)]));
  return [...sheets].sort((a, b) => positions.get(a) - positions.get(b));
}

/** The stylesheet names (in Mantine's styles/ folder) the app needs, in a stable order. */
export function requiredStyles() {
  const names = new Set();
  for (const file of sourcesUnder(path.join(root, "app"), [".ts", ".tsx"])) {
    for (const name of namedImports(fs.readFileSync(file, "utf8"), "@mantine/core"))
      names.add(name);
  }
  const charts = path.join(root, "node_modules/@mantine/charts/esm");
  for (const file of sourcesUnder(charts, [".mjs"])) {
    for (const name of namedImports(fs.readFileSync(file, "utf8"), "@mantine/core"))
      names.add(name);
  }
  const files = exportedFrom();
  const entry = [...names].map((name) => files.get(name)).filter(Boolean);
  const available = new Set(fs.readdirSync(path.join(mantine, "styles")));
  const sheets = [...reachableStylesheets(entry)].filter((name) => {
    if (available.has(`${name}.css`)) return true;
    throw new Error(`Mantine's ${name}${CSS_MODULE} has no styles/${name}.css: update this script`);
  });
  return inBundleOrder([...BASE, ...sheets]);
}

export function stylesFileText() {
  return [
    "/* Written by scripts/mantine-styles.mjs from the components the app renders: do not edit. */",
    ...requiredStyles().map((name) => `@import "@mantine/core/styles/${name}.css";`),
    "",
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  fs.writeFileSync(STYLES_FILE, stylesFileText());
  console.log(`wrote ${path.relative(root, STYLES_FILE)} (${requiredStyles().length} stylesheets)`);
}
