import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { PrismaClient } from "../../prisma/generated/client/client";
import { readJsonColumn } from "~/lib/json-column.server";
import { createSqliteAdapter } from "~/lib/sqlite-adapter.server";
import { auditDetailsSchema } from "~/modules/audit";
import type { CourseSnapshot, VersionChanges } from "~/modules/courses";
import {
  readAcceptedAnswers,
  readCourseSnapshot,
  readQuestionOptions,
  readVersionChanges,
} from "~/modules/courses/index.server";
import {
  readDrawnQuestions,
  readQuestionResults,
  readSubmittedAnswers,
} from "~/modules/learning/index.server";
import { noticeParamsSchema } from "~/modules/notifications";

// Rows written as text before the enum/Json migration read back, after it, through the
// client and the columns' schemas (decision 019).

const MIGRATION = "20261201123029_enums_and_json";
const migrationsDir = path.resolve("prisma/migrations");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uptake-enum-json-"));
const file = path.join(dir, "old.db");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const migrations = fs
  .readdirSync(migrationsDir)
  .filter((name) => fs.existsSync(path.join(migrationsDir, name, "migration.sql")))
  .sort();
const apply = (db: Database.Database, names: string[]) => {
  for (const name of names)
    db.exec(fs.readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8"));
};

const snapshot: CourseSnapshot = {
  course: {
    title: "Complaints",
    summary: "",
    category: "PROCESS",
    estimatedMinutes: 30,
    tags: ["complaints"],
    coverColor: "teal",
    coverIcon: "📞",
  },
  quiz: {
    passMark: 70,
    attemptsAllowed: null,
    timeLimitMinutes: 10,
    drawCount: 0,
    shuffleOptions: true,
  },
  lessons: [{ id: "l1", title: "One", body: "Text", videoUrl: "", attachmentUrl: "" }],
  questions: [
    {
      id: "q1",
      type: "SINGLE",
      prompt: "First?",
      explanation: "",
      partialCredit: false,
      options: [
        { id: "a", text: "Yes", correct: true },
        { id: "b", text: "No", correct: false },
      ],
      acceptedAnswers: [],
    },
  ],
};
const changes: VersionChanges = {
  lessonsAdded: 1,
  lessonsRemoved: 0,
  lessonsEdited: 0,
  questionsAdded: 1,
  questionsRemoved: 0,
  questionsEdited: 0,
  detailsChanged: true,
};
const drawn = [{ id: "q1", optionIds: ["b", "a"], key: "k1", optionKeys: ["kb", "ka"] }];

/** The rows as the code before the migration wrote them: JSON as text, enums as strings. */
function writeOldRows(db: Database.Database) {
  const now = new Date().toISOString();
  const insert = (sql: string, ...values: unknown[]) => db.prepare(sql).run(...values);
  insert(
    `INSERT INTO "User" ("id","email","name","role","updatedAt") VALUES ('u1','t@x.test','T','TRAINER',?)`,
    now,
  );
  insert(
    `INSERT INTO "Course" ("id","title","category","ownerId","status","latestVersion","updatedAt")
     VALUES ('c1','Complaints','PROCESS','u1','PUBLISHED',1,?)`,
    now,
  );
  insert(
    `INSERT INTO "Question" ("id","courseId","position","type","prompt","options","acceptedAnswers","updatedAt")
     VALUES ('q1','c1',1,'SHORT','Name it',?,?,?)`,
    JSON.stringify([]),
    JSON.stringify(["Acknowledge", "ack"]),
    now,
  );
  insert(
    `INSERT INTO "Question" ("id","courseId","position","type","prompt","updatedAt")
     VALUES ('q2','c1',2,'SINGLE','Defaults',?)`,
    now,
  );
  insert(
    `INSERT INTO "CourseVersion" ("id","courseId","number","snapshot","changes","lessonCount")
     VALUES ('v1','c1',1,?,?,1)`,
    JSON.stringify(snapshot),
    JSON.stringify(changes),
  );
  insert(
    `INSERT INTO "Enrolment" ("id","userId","courseId","versionId","status") VALUES ('e1','u1','c1','v1','IN_PROGRESS')`,
  );
  insert(
    `INSERT INTO "QuizAttempt" ("id","enrolmentId","number","questions","answers","results","score","passed")
     VALUES ('a1','e1',1,?,?,?,100,1)`,
    JSON.stringify(drawn),
    JSON.stringify({ q1: { optionIds: ["a"] } }),
    JSON.stringify([{ id: "q1", score: 1 }]),
  );
  insert(
    `INSERT INTO "Notification" ("id","userId","type","params") VALUES ('n1','u1','REMINDER',?)`,
    JSON.stringify({ course: "Complaints", days: 3 }),
  );
  insert(
    `INSERT INTO "AuditEvent" ("id","actorId","action","subjectType","subjectId","before","after")
     VALUES ('ev1','u1','course.publish','Course','c1',?,NULL)`,
    JSON.stringify({ status: "DRAFT", version: 0 }),
  );
}

describe("the enum and Json migration", () => {
  it("keeps the rows written before it, which read back through the columns' schemas", async () => {
    expect(migrations).toContain(MIGRATION);
    const before = migrations.filter((name) => name < MIGRATION);
    const old = new Database(file);
    apply(old, before);
    writeOldRows(old);
    apply(old, migrations.slice(before.length));
    old.close();

    const db = new PrismaClient({ adapter: createSqliteAdapter(`file:${file}`) });
    try {
      expect((await db.user.findUniqueOrThrow({ where: { id: "u1" } })).role).toBe("TRAINER");
      const course = await db.course.findUniqueOrThrow({ where: { id: "c1" } });
      expect([course.category, course.status]).toEqual(["PROCESS", "PUBLISHED"]);

      const [short, defaults] = await db.question.findMany({ orderBy: { position: "asc" } });
      expect(short!.type).toBe("SHORT");
      expect(readQuestionOptions(short!.options)).toEqual([]);
      expect(readAcceptedAnswers(short!.acceptedAnswers)).toEqual(["Acknowledge", "ack"]);
      // Written with the old column default.
      expect(readQuestionOptions(defaults!.options)).toEqual([]);

      const version = await db.courseVersion.findUniqueOrThrow({ where: { id: "v1" } });
      const read = readCourseSnapshot(version.snapshot);
      expect(read).toEqual(snapshot);
      // Same keys in the same order: publishing compares snapshots by their JSON text.
      expect(JSON.stringify(read)).toBe(JSON.stringify(snapshot));
      expect(readVersionChanges(version.changes)).toEqual(changes);

      const enrolment = await db.enrolment.findUniqueOrThrow({ where: { id: "e1" } });
      expect(enrolment.status).toBe("IN_PROGRESS");
      const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { id: "a1" } });
      expect(readDrawnQuestions(attempt.questions)).toEqual(drawn);
      expect(readSubmittedAnswers(attempt.answers)).toEqual({ q1: { optionIds: ["a"] } });
      expect(readQuestionResults(attempt.results)).toEqual([{ id: "q1", score: 1 }]);

      const notice = await db.notification.findUniqueOrThrow({ where: { id: "n1" } });
      expect(notice.type).toBe("REMINDER");
      expect(readJsonColumn("Notification.params", noticeParamsSchema, notice.params)).toEqual({
        course: "Complaints",
        days: 3,
      });

      const event = await db.auditEvent.findUniqueOrThrow({ where: { id: "ev1" } });
      expect(readJsonColumn("AuditEvent.before", auditDetailsSchema, event.before)).toEqual({
        status: "DRAFT",
        version: 0,
      });
      expect(event.after).toBeNull();
    } finally {
      await db.$disconnect();
    }
  });

  it("refuses a stored value that fails its schema, naming the column", () => {
    expect(() => readCourseSnapshot({ ...snapshot, lessons: "none" })).toThrow(
      /CourseVersion\.snapshot does not match its schema \(lessons:/,
    );
    expect(() => readQuestionOptions("[]")).toThrow(/Question\.options/);
  });
});
