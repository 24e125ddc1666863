-- Enums and Json columns (docs/decisions/019-enums-and-json-columns.md). On SQLite an enum
-- stays TEXT (no change here) and a Json column is declared JSONB holding the same JSON text,
-- so the tables below are copied as they are. Json columns get no DEFAULT: Prisma writes
-- `DEFAULT []` for SQLite, which stores '' (not JSON); every write names them instead.

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "ipAddress" TEXT NOT NULL DEFAULT '',
    "userAgent" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_AuditEvent" ("action", "actorId", "after", "before", "createdAt", "id", "ipAddress", "subjectId", "subjectType", "userAgent") SELECT "action", "actorId", "after", "before", "createdAt", "id", "ipAddress", "subjectId", "subjectType", "userAgent" FROM "AuditEvent";
DROP TABLE "AuditEvent";
ALTER TABLE "new_AuditEvent" RENAME TO "AuditEvent";
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt");
CREATE INDEX "AuditEvent_actorId_createdAt_idx" ON "AuditEvent"("actorId", "createdAt");
CREATE INDEX "AuditEvent_subjectType_createdAt_idx" ON "AuditEvent"("subjectType", "createdAt");
CREATE INDEX "AuditEvent_action_idx" ON "AuditEvent"("action");
CREATE TABLE "new_CourseVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "courseId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "changes" JSONB NOT NULL,
    "publishedById" TEXT,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lessonCount" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "CourseVersion_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CourseVersion_publishedById_fkey" FOREIGN KEY ("publishedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_CourseVersion" ("changes", "courseId", "id", "lessonCount", "number", "publishedAt", "publishedById", "snapshot") SELECT "changes", "courseId", "id", "lessonCount", "number", "publishedAt", "publishedById", "snapshot" FROM "CourseVersion";
DROP TABLE "CourseVersion";
ALTER TABLE "new_CourseVersion" RENAME TO "CourseVersion";
CREATE UNIQUE INDEX "CourseVersion_courseId_number_key" ON "CourseVersion"("courseId", "number");
CREATE TABLE "new_Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "link" TEXT NOT NULL DEFAULT '',
    "readAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Notification" ("createdAt", "id", "link", "params", "readAt", "type", "userId") SELECT "createdAt", "id", "link", "params", "readAt", "type", "userId" FROM "Notification";
DROP TABLE "Notification";
ALTER TABLE "new_Notification" RENAME TO "Notification";
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt");
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");
CREATE TABLE "new_Question" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "courseId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "explanation" TEXT NOT NULL DEFAULT '',
    "partialCredit" BOOLEAN NOT NULL DEFAULT false,
    "options" JSONB NOT NULL,
    "acceptedAnswers" JSONB NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Question_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Question" ("acceptedAnswers", "courseId", "createdAt", "explanation", "id", "options", "partialCredit", "position", "prompt", "revision", "type", "updatedAt") SELECT "acceptedAnswers", "courseId", "createdAt", "explanation", "id", "options", "partialCredit", "position", "prompt", "revision", "type", "updatedAt" FROM "Question";
DROP TABLE "Question";
ALTER TABLE "new_Question" RENAME TO "Question";
CREATE INDEX "Question_courseId_position_idx" ON "Question"("courseId", "position");
CREATE TABLE "new_QuizAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "enrolmentId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "questions" JSONB NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deadlineAt" DATETIME,
    "submittedAt" DATETIME,
    "answers" JSONB,
    "results" JSONB,
    "score" REAL,
    "passed" BOOLEAN,
    CONSTRAINT "QuizAttempt_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_QuizAttempt" ("answers", "deadlineAt", "enrolmentId", "id", "number", "passed", "questions", "results", "score", "startedAt", "submittedAt") SELECT "answers", "deadlineAt", "enrolmentId", "id", "number", "passed", "questions", "results", "score", "startedAt", "submittedAt" FROM "QuizAttempt";
DROP TABLE "QuizAttempt";
ALTER TABLE "new_QuizAttempt" RENAME TO "QuizAttempt";
CREATE UNIQUE INDEX "QuizAttempt_enrolmentId_number_key" ON "QuizAttempt"("enrolmentId", "number");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
