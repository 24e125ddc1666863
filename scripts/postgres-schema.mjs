// The PostgreSQL schema is generated from the one source schema (prisma/schema.prisma, SQLite):
// the provider and the client's output change, nothing else (docs/decisions/021-postgresql.md).
// `node scripts/postgres-schema.mjs` rewrites prisma/postgresql/schema.prisma.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SOURCE_SCHEMA = path.join(root, "prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join(root, "prisma", "postgresql", "schema.prisma");
export const SQLITE_MIGRATIONS = path.join(root, "prisma", "migrations");
export const POSTGRES_MIGRATIONS = path.join(root, "prisma", "postgresql", "migrations");

const HEADER =
  "// GENERATED from prisma/schema.prisma by scripts/postgres-schema.mjs: do not edit.\n" +
  "// Change the source schema, then run `npm run db:migration -- <name>`.\n\n";

/** The PostgreSQL schema text for a source schema text. */
export function postgresSchemaOf(source) {
  const replaceOnce = (text, pattern, replacement, what) => {
    if (!pattern.test(text)) throw new Error(`source schema: cannot find ${what}`);
    return text.replace(pattern, replacement);
  };
  let schema = replaceOnce(
    source,
    /(datasource db \{[^}]*provider\s*=\s*)"sqlite"/,
    '$1"postgresql"',
    'the datasource\'s provider = "sqlite"',
  );
  // The output is relative to the schema file, one folder further down.
  schema = replaceOnce(
    schema,
    /(generator client \{[^}]*output\s*=\s*)"generated\/client"/,
    '$1"../generated/pg-client"',
    'the generator\'s output = "generated/client"',
  );
  return HEADER + schema;
}

/** Writes the PostgreSQL schema; true when it changed. */
export function writePostgresSchema() {
  const text = postgresSchemaOf(fs.readFileSync(SOURCE_SCHEMA, "utf8"));
  const before = fs.existsSync(POSTGRES_SCHEMA) ? fs.readFileSync(POSTGRES_SCHEMA, "utf8") : "";
  if (before === text) return false;
  fs.mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  fs.writeFileSync(POSTGRES_SCHEMA, text);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(writePostgresSchema() ? "Wrote prisma/postgresql/schema.prisma" : "Up to date.");
}
