// Participation on the ideas board per department (readiness evidence, decision 038): ideas
// submitted and votes cast by people of each department in a window, in one grouped query.
import { Prisma, getDb } from "~/lib/db.server";

export interface IdeaParticipation {
  ideas: number;
  votes: number;
}

/** Ideas submitted and votes cast in [from, to), by the actor's current department. */
export async function ideaParticipationByDepartment(
  from: Date,
  to: Date,
): Promise<Map<string, IdeaParticipation>> {
  const rows = await getDb().$queryRaw<
    { departmentId: string; kind: string; actions: number | bigint }[]
  >(Prisma.sql`
    SELECT u."departmentId" AS "departmentId", 'idea' AS "kind", COUNT(*) AS "actions"
      FROM "Idea" i JOIN "User" u ON u."id" = i."authorId"
     WHERE i."createdAt" >= ${from} AND i."createdAt" < ${to} AND u."departmentId" IS NOT NULL
     GROUP BY u."departmentId"
    UNION ALL
    SELECT u."departmentId" AS "departmentId", 'vote' AS "kind", COUNT(*) AS "actions"
      FROM "IdeaVote" v JOIN "User" u ON u."id" = v."userId"
     WHERE v."createdAt" >= ${from} AND v."createdAt" < ${to} AND u."departmentId" IS NOT NULL
     GROUP BY u."departmentId"`);
  const byDepartment = new Map<string, IdeaParticipation>();
  for (const row of rows) {
    const entry = byDepartment.get(row.departmentId) ?? { ideas: 0, votes: 0 };
    if (row.kind === "idea") entry.ideas += Number(row.actions);
    else entry.votes += Number(row.actions);
    byDepartment.set(row.departmentId, entry);
  }
  return byDepartment;
}
