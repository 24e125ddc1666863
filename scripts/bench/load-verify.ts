// After `npm run bench:load` (load.mjs): is every write the server acknowledged in the
// database? A lost acknowledged write is an error.
//
//   DATABASE_URL=… npx tsx scripts/bench/load-verify.ts RESULT.json
//
// RESULT is load-clients.mjs's; prints { checked, missing, examples } by kind as JSON.
import fs from "node:fs";
import { disconnectDb, getDb } from "~/lib/db.server";

type Ack =
  | { kind: "lesson"; email: string; course: string; lessonId: string }
  | { kind: "attempt"; attemptId: string }
  | { kind: "vote"; email: string; ideaId: string }
  | { kind: "comment"; ideaId: string; body: string }
  | { kind: "idea"; ideaId: string; title: string };

const { acknowledged } = JSON.parse(fs.readFileSync(process.argv[2]!, "utf8")) as {
  acknowledged: Ack[];
};
const of = <K extends Ack["kind"]>(kind: K) =>
  acknowledged.filter((ack): ack is Extract<Ack, { kind: K }> => ack.kind === kind);
const db = getDb();

const users = await db.user.findMany({
  where: { email: { startsWith: "load-" } },
  select: { id: true, email: true },
});
const userId = new Map(users.map((u) => [u.email, u.id]));

// What the database holds, as keys in the same form as the acknowledgements'.
const stored = {
  lesson: new Set(
    (
      await db.lessonProgress.findMany({
        where: { lessonId: { in: of("lesson").map((a) => a.lessonId) } },
        select: { lessonId: true, enrolment: { select: { userId: true, courseId: true } } },
      })
    ).map((p) => `${p.enrolment.userId}:${p.enrolment.courseId}:${p.lessonId}`),
  ),
  attempt: new Set(
    (
      await db.quizAttempt.findMany({
        where: { id: { in: of("attempt").map((a) => a.attemptId) }, submittedAt: { not: null } },
        select: { id: true },
      })
    ).map((a) => a.id),
  ),
  vote: new Set(
    (
      await db.ideaVote.findMany({
        where: { userId: { in: [...userId.values()] } },
        select: { ideaId: true, userId: true },
      })
    ).map((v) => `${v.userId}:${v.ideaId}`),
  ),
  comment: new Set(
    (
      await db.ideaComment.findMany({
        where: { body: { in: of("comment").map((c) => c.body) }, deletedAt: null },
        select: { ideaId: true, body: true },
      })
    ).map((c) => `${c.ideaId}:${c.body}`),
  ),
  idea: new Set(
    (
      await db.idea.findMany({
        where: { id: { in: of("idea").map((i) => i.ideaId) } },
        select: { id: true, title: true },
      })
    ).map((i) => `${i.id}:${i.title}`),
  ),
};
await disconnectDb();

function keyOf(ack: Ack): string {
  switch (ack.kind) {
    case "lesson":
      return `${userId.get(ack.email)}:${ack.course.split("/").at(-1)}:${ack.lessonId}`;
    case "attempt":
      return ack.attemptId;
    case "vote":
      return `${userId.get(ack.email)}:${ack.ideaId}`;
    case "comment":
      return `${ack.ideaId}:${ack.body}`;
    case "idea":
      return `${ack.ideaId}:${ack.title}`;
  }
}

const report: Record<string, { checked: number; missing: number; examples: string[] }> = {};
for (const ack of acknowledged) {
  const entry = (report[ack.kind] ??= { checked: 0, missing: 0, examples: [] });
  entry.checked++;
  if (stored[ack.kind].has(keyOf(ack))) continue;
  entry.missing++;
  if (entry.examples.length < 5) entry.examples.push(JSON.stringify(ack));
}
console.log(JSON.stringify(report));
