// `npm run db:migration -- <name>` writes the next migration of both providers from the change
// to prisma/schema.prisma. `prisma migrate dev` does not work offline (decision 002), so:
// SQLite: diff the committed migrations against the schema; PostgreSQL: regenerate its schema
// (scripts/postgres-schema.mjs) and diff the previous one against it (decision 021). The diff
// of two schema files needs no PostgreSQL server. `test/integration/migrations.test.ts` checks
// that each folder, replayed, equals its schema.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { root, prismaCli, run } from "./lib.mjs";
import {
  POSTGRES_MIGRATIONS,
  POSTGRES_SCHEMA,
  SOURCE_SCHEMA,
  SQLITE_MIGRATIONS,
  postgresSchemaOf,
} from "./postgres-schema.mjs";

const name = (process.argv[2] ?? "").trim();
if (!/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name>   (lowercase letters, digits, _)");
  process.exit(1);
}

const tmp = (suffix) => path.join(os.tmpdir(), `uptake-migration-${process.pid}-${suffix}`);
const scratchDb = tmp("scratch.db");

/** `prisma migrate diff … --script` into a file; true when there is a change. */
function diff(from, to, outFile) {
  const result = spawnSync(
    process.execPath,
    [prismaCli, "migrate", "diff", ...from, ...to, "--script", "--exit-code", "-o", outFile],
    // The SQLite config: the diff runs in the schema engine, offline (in-memory shadow).
    { cwd: root, stdio: "inherit", env: { ...process.env, DATABASE_URL: `file:${scratchDb}` } },
  );
  if (result.status !== 0 && result.status !== 2) {
    console.error(`prisma migrate diff failed (exit ${result.status})`);
    process.exit(1);
  }
  return result.status === 2;
}

const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);

function save(sqlFile, migrationsDir) {
  const folder = path.join(migrationsDir, `${stamp}_${name}`);
  fs.mkdirSync(folder, { recursive: true });
  fs.copyFileSync(sqlFile, path.join(folder, "migration.sql"));
  fs.rmSync(sqlFile);
  console.log(`Wrote ${path.relative(root, folder)}/migration.sql`);
}

const sqliteSql = tmp("sqlite.sql");
const sqliteChanged = diff(
  ["--from-migrations", SQLITE_MIGRATIONS],
  ["--to-schema-datamodel", SOURCE_SCHEMA],
  sqliteSql,
);

const previousPostgres = tmp("previous.prisma");
fs.copyFileSync(POSTGRES_SCHEMA, previousPostgres);
const nextPostgres = tmp("next.prisma");
fs.writeFileSync(nextPostgres, postgresSchemaOf(fs.readFileSync(SOURCE_SCHEMA, "utf8")));
const postgresSql = tmp("postgresql.sql");
const postgresChanged = diff(
  ["--from-schema-datamodel", previousPostgres],
  ["--to-schema-datamodel", nextPostgres],
  postgresSql,
);

if (!sqliteChanged && !postgresChanged) {
  console.log("The schema matches the migrations: nothing to write.");
} else {
  if (sqliteChanged) save(sqliteSql, SQLITE_MIGRATIONS);
  if (postgresChanged) save(postgresSql, POSTGRES_MIGRATIONS);
  fs.copyFileSync(nextPostgres, POSTGRES_SCHEMA);
  // Both clients from the schemas as they now are.
  run(process.execPath, [path.join(root, "scripts", "prisma-generate.mjs")]);
}
for (const file of [
  sqliteSql,
  postgresSql,
  previousPostgres,
  nextPostgres,
  scratchDb,
  `${scratchDb}-wal`,
  `${scratchDb}-shm`,
])
  fs.rmSync(file, { force: true });
