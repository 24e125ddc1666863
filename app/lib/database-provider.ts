/** Which database a DATABASE_URL names: `file:` is SQLite, `postgres(ql)://` is PostgreSQL. */
export type DatabaseProvider = "sqlite" | "postgresql";

export function databaseProviderOf(databaseUrl: string): DatabaseProvider | undefined {
  if (databaseUrl.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return "postgresql";
  return undefined;
}
