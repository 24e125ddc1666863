import path from "node:path";
import fs from "node:fs";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";

// WAL lets readers run beside the writer; foreign keys are off in SQLite unless asked for.
const CONNECTION_PRAGMAS =
  "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";

export function sqliteFilePath(databaseUrl: string): string {
  return path.resolve(databaseUrl.replace(/^file:/, ""));
}

// The shadow database replays each migration as one executeRaw, which better-sqlite3
// refuses for multi-statement SQL; argument-less statements go through executeScript.
function withScriptFallback(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length === 0) {
      await adapter.executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  return adapter;
}

/** Driver adapter for the app and the Prisma CLI: creates the file, sets pragmas on connect. */
export function createSqliteAdapter(databaseUrl: string): PrismaBetterSQLite3 {
  const filePath = sqliteFilePath(databaseUrl);
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  // `timeout` is better-sqlite3's busy timeout: wait for the writer lock instead of failing.
  const factory = new PrismaBetterSQLite3(
    { url: `file:${filePath}`, timeout: 5000 },
    { shadowDatabaseUrl: ":memory:" },
  );
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    await adapter.executeScript(CONNECTION_PRAGMAS);
    return adapter;
  };
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => withScriptFallback(await connectToShadowDb());
  return factory;
}
