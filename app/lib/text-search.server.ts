import { databaseProvider } from "./db.server";

/**
 * A case-insensitive "contains" filter on both databases: SQLite's LIKE ignores the case of
 * ASCII letters already; PostgreSQL needs `mode: "insensitive"` (ILIKE), which the SQLite
 * client's types do not know, hence the cast (decision 021).
 */
export function containsText(text: string): { contains: string } {
  return databaseProvider() === "postgresql"
    ? ({ contains: text, mode: "insensitive" } as { contains: string })
    : { contains: text };
}
