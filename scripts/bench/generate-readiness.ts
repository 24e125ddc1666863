// The benchmark organisation's change programme (issue 15, bench:readiness): one initiative
// reaching every department (150), its three phases, three required courses, and three
// pulses answered by 70 % of the active staff (about 14,000 answers each), added to the file
// generate.ts made, straight through better-sqlite3. A further stage, marked by a table
// outside the app's schema, so that bench:reports and bench:rewards keep their files.
import crypto from "node:crypto";
import Database from "better-sqlite3";
import { ADKAR_ELEMENTS, defaultPhases } from "~/modules/initiatives";
import { isoDate, prng } from "./generate";
import { storedStageTime } from "./generate-incentives";

export const READINESS_SIZES = { pulses: 3, responseRate: 0.7, requiredCourses: 3 } as const;

const DAY = 86_400_000;
const MARKER_TABLE = "_BenchReadiness";
export const BENCH_INITIATIVE_ID = "bench-initiative";

/** When the file's programme was generated (ms since the epoch), or 0 when it has none. */
export const storedReadinessTime = (file: string) => storedStageTime(file, MARKER_TABLE);

/** A person's own first barrier: the first element answered 3 or below. */
const barrierOfAnswers = (answers: number[]) =>
  ADKAR_ELEMENTS.find((_, index) => answers[index]! <= 3) ?? "";

/** Adds the programme to the organisation in `file` (which must have none); its time in ms. */
export function addReadinessProgramme(file: string, now: number, seed = 20261202): number {
  const started = performance.now();
  const random = prng(seed);
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = OFF");
    db.pragma("foreign_keys = OFF");
    const departments = db.prepare(`SELECT "id", "parentId" FROM "Department"`).all() as {
      id: string;
      parentId: string | null;
    }[];
    const people = db
      .prepare(
        `SELECT "departmentId" FROM "User" WHERE "active" = 1 AND "departmentId" IS NOT NULL`,
      )
      .all() as { departmentId: string }[];
    const courses = db
      .prepare(`SELECT "id" FROM "Course" WHERE "status" = 'PUBLISHED' ORDER BY "id" LIMIT ?`)
      .all(READINESS_SIZES.requiredCourses) as { id: string }[];

    // Started seven months ago: the first two phases are over, the third is running.
    const start = new Date(now - 210 * DAY);
    start.setUTCHours(0, 0, 0, 0);
    const phases = defaultPhases(start).map((phase, index) => ({
      ...phase,
      id: `bench-phase-${index + 1}`,
    }));
    const stamp = isoDate(start.getTime());
    db.transaction(() => {
      db.prepare(
        `INSERT INTO "Initiative" ("id","name","goal","status","startDate","surveyWeight",
          "minRespondents","revision","createdAt","updatedAt")
         VALUES (?,?,?,'ACTIVE',?,50,5,0,?,?)`,
      ).run(
        BENCH_INITIATIVE_ID,
        "Customer satisfaction programme",
        "Raise customer satisfaction by re-engineering customer-facing processes.",
        stamp,
        stamp,
        stamp,
      );
      const phase = db.prepare(
        `INSERT INTO "InitiativePhase" ("id","initiativeId","position","name","startsOn","endsOn")
         VALUES (?,?,?,?,?,?)`,
      );
      phases.forEach((p, index) =>
        phase.run(
          p.id,
          BENCH_INITIATIVE_ID,
          index,
          p.name,
          isoDate(p.startsOn.getTime()),
          isoDate(p.endsOn.getTime()),
        ),
      );
      const target = db.prepare(
        `INSERT INTO "InitiativeDepartment" ("initiativeId","departmentId","includeSubDepartments")
         VALUES (?,?,1)`,
      );
      for (const department of departments.filter((d) => d.parentId === null))
        target.run(BENCH_INITIATIVE_ID, department.id);
      const course = db.prepare(
        `INSERT INTO "InitiativeCourse" ("initiativeId","courseId","dueDate","addedAt") VALUES (?,?,?,?)`,
      );
      for (const c of courses)
        course.run(BENCH_INITIATIVE_ID, c.id, isoDate(phases[1]!.endsOn.getTime()), stamp);
    })();

    // One pulse per phase: two closed, the third open. Each department leans towards a
    // barrier of its own, and answers rise a little from pulse to pulse.
    const lean = new Map(departments.map((d) => [d.id, random.int(0, 4)]));
    const statements = JSON.stringify(
      Object.fromEntries(ADKAR_ELEMENTS.map((element) => [element, `Statement: ${element}`])),
    );
    const pulse = db.prepare(
      `INSERT INTO "Pulse" ("id","initiativeId","phaseId","title","status","opensOn","closesOn",
        "openedAt","closedAt","statements","createdAt") VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
    );
    const response = db.prepare(
      `INSERT INTO "PulseResponse" ("id","pulseId","respondentKey","departmentId","awareness",
        "desire","knowledge","ability","reinforcement","comment","barrier")
       VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
    );
    for (let p = 0; p < READINESS_SIZES.pulses; p++) {
      const phase = phases[p]!;
      const opens = phase.startsOn.getTime() + 30 * DAY;
      const closes = opens + 14 * DAY;
      const open = p === READINESS_SIZES.pulses - 1;
      const id = `bench-pulse-${p + 1}`;
      db.transaction(() => {
        pulse.run(
          id,
          BENCH_INITIATIVE_ID,
          phase.id,
          `Pulse ${p + 1}`,
          open ? "OPEN" : "CLOSED",
          isoDate(opens),
          isoDate(open ? now + 10 * DAY : closes),
          isoDate(opens),
          open ? null : isoDate(closes),
          statements,
          isoDate(opens - DAY),
        );
        for (const person of people) {
          if (random.next() >= READINESS_SIZES.responseRate) continue;
          const weak = lean.get(person.departmentId) ?? 0;
          const answers = ADKAR_ELEMENTS.map((_, index) => {
            const base = index === weak ? 2 : 3.6;
            return Math.max(1, Math.min(5, Math.round(base + p * 0.3 + (random.next() - 0.5) * 2)));
          });
          response.run(
            crypto.randomUUID(),
            id,
            crypto.randomBytes(24).toString("base64url"),
            person.departmentId,
            ...answers,
            random.next() < 0.05 ? "More time to practise in the new CRM, please." : "",
            barrierOfAnswers(answers),
          );
        }
      })();
    }
    db.exec(`CREATE TABLE "${MARKER_TABLE}" ("generatedAt" INTEGER NOT NULL)`);
    db.prepare(`INSERT INTO "${MARKER_TABLE}" VALUES (?)`).run(now);
    db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.close();
  }
  return performance.now() - started;
}
