import { describe, expect, it } from "vitest";
import { createDb } from "~/lib/db.server";
import { makeUser } from "../support/factories";
import { captureLogs } from "../support/logs";

// The slow-query log (SLOW_QUERY_MS) on the test database: a client that logs every statement
// (threshold 0) and one that logs none (a threshold no statement reaches).

const logs = captureLogs("warn");

/** The slow-query lines logged while `work` runs on a client with that threshold. */
async function slowQueriesDuring(
  slowQueryMs: number,
  work: (db: ReturnType<typeof createDb>) => Promise<unknown>,
) {
  const db = createDb({ slowQueryMs });
  logs.length = 0;
  try {
    await work(db);
  } finally {
    await db.$disconnect();
  }
  return logs.filter((entry) => entry.msg === "slow query") as { sql: string; ms: number }[];
}

describe("slow-query log", () => {
  it("with a threshold of 0 logs each statement's SQL and duration, never its values", async () => {
    const person = await makeUser({ email: "slow.query.person@example.test" });
    const logged = await slowQueriesDuring(0, async (db) => {
      await db.user.findUniqueOrThrow({ where: { email: person.email } });
      await db.$transaction(async (tx) => {
        await tx.user.update({ where: { id: person.id }, data: { jobTitle: "Night auditor" } });
      });
    });
    const read = logged.find((entry) => /^SELECT\b/.test(entry.sql) && entry.sql.includes("User"));
    expect(read, JSON.stringify(logged)).toMatchObject({ level: "warn", ms: expect.any(Number) });
    // Placeholders, not values: `?` on SQLite, `$1` on PostgreSQL.
    expect(read?.sql).toMatch(/\?|\$1\b/);
    // The write ran inside a transaction: its statements are timed too.
    expect(logged.some((entry) => /^UPDATE\b/.test(entry.sql))).toBe(true);
    const text = JSON.stringify(logged);
    expect(text).not.toContain(person.email);
    expect(text).not.toContain(person.id);
    expect(text).not.toContain("Night auditor");
  });

  it("with a high threshold logs nothing", async () => {
    const logged = await slowQueriesDuring(60_000, async (db) => {
      await db.user.findMany({ take: 5 });
      await db.department.count();
    });
    expect(logged).toEqual([]);
  });
});
