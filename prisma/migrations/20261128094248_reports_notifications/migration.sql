-- AlterTable
ALTER TABLE "Enrolment" ADD COLUMN "departmentId" TEXT;

-- CreateTable
CREATE TABLE "ProgressStat" (
    "departmentId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "assigned" INTEGER NOT NULL DEFAULT 0,
    "notStarted" INTEGER NOT NULL DEFAULT 0,
    "inProgress" INTEGER NOT NULL DEFAULT 0,
    "completed" INTEGER NOT NULL DEFAULT 0,
    "completedOnTime" INTEGER NOT NULL DEFAULT 0,
    "scoreSum" REAL NOT NULL DEFAULT 0,
    "scoreCount" INTEGER NOT NULL DEFAULT 0,
    "completionsInMonth" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("departmentId", "courseId", "month")
);

-- CreateTable
CREATE TABLE "ReminderLog" (
    "enrolmentId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "sentById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("enrolmentId", "event", "period"),
    CONSTRAINT "ReminderLog_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "params" TEXT NOT NULL DEFAULT '{}',
    "link" TEXT NOT NULL DEFAULT '',
    "readAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboxEmail" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT,
    "toAddress" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);

-- CreateTable
CREATE TABLE "EmailOptOut" (
    "userId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,

    PRIMARY KEY ("userId", "eventType"),
    CONSTRAINT "EmailOptOut_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CourseVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "courseId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "snapshot" TEXT NOT NULL,
    "changes" TEXT NOT NULL,
    "publishedById" TEXT,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lessonCount" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "CourseVersion_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CourseVersion_publishedById_fkey" FOREIGN KEY ("publishedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_CourseVersion" ("changes", "courseId", "id", "number", "publishedAt", "publishedById", "snapshot") SELECT "changes", "courseId", "id", "number", "publishedAt", "publishedById", "snapshot" FROM "CourseVersion";
DROP TABLE "CourseVersion";
ALTER TABLE "new_CourseVersion" RENAME TO "CourseVersion";
CREATE UNIQUE INDEX "CourseVersion_courseId_number_key" ON "CourseVersion"("courseId", "number");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ProgressStat_courseId_idx" ON "ProgressStat"("courseId");

-- CreateIndex
CREATE INDEX "ProgressStat_month_idx" ON "ProgressStat"("month");

-- CreateIndex
CREATE INDEX "ReminderLog_createdAt_idx" ON "ReminderLog"("createdAt");

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- CreateIndex
CREATE INDEX "OutboxEmail_status_createdAt_idx" ON "OutboxEmail"("status", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxEmail_createdAt_idx" ON "OutboxEmail"("createdAt");

-- CreateIndex
CREATE INDEX "Enrolment_departmentId_courseId_idx" ON "Enrolment"("departmentId", "courseId");

-- CreateIndex
CREATE INDEX "Enrolment_status_dueAt_idx" ON "Enrolment"("status", "dueAt");

-- CreateIndex
CREATE INDEX "Enrolment_assignedAt_idx" ON "Enrolment"("assignedAt");

-- Backfill the copied columns for existing rows (the report counters are rebuilt by `npm run jobs`).
UPDATE "CourseVersion" SET "lessonCount" = json_array_length("snapshot", '$.lessons');
UPDATE "Enrolment" SET "departmentId" = (SELECT "departmentId" FROM "User" WHERE "User"."id" = "Enrolment"."userId");
