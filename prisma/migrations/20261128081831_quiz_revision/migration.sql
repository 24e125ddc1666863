-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Course" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "category" TEXT NOT NULL,
    "estimatedMinutes" INTEGER NOT NULL DEFAULT 30,
    "tags" TEXT NOT NULL DEFAULT '',
    "coverColor" TEXT NOT NULL DEFAULT 'teal',
    "coverIcon" TEXT NOT NULL DEFAULT '📘',
    "ownerId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "passMark" INTEGER NOT NULL DEFAULT 70,
    "attemptsAllowed" INTEGER,
    "timeLimitMinutes" INTEGER,
    "drawCount" INTEGER NOT NULL DEFAULT 0,
    "shuffleOptions" BOOLEAN NOT NULL DEFAULT true,
    "latestVersion" INTEGER NOT NULL DEFAULT 0,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "quizRevision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Course_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Course" ("attemptsAllowed", "category", "coverColor", "coverIcon", "createdAt", "drawCount", "estimatedMinutes", "id", "latestVersion", "ownerId", "passMark", "revision", "shuffleOptions", "status", "summary", "tags", "timeLimitMinutes", "title", "updatedAt") SELECT "attemptsAllowed", "category", "coverColor", "coverIcon", "createdAt", "drawCount", "estimatedMinutes", "id", "latestVersion", "ownerId", "passMark", "revision", "shuffleOptions", "status", "summary", "tags", "timeLimitMinutes", "title", "updatedAt" FROM "Course";
DROP TABLE "Course";
ALTER TABLE "new_Course" RENAME TO "Course";
CREATE INDEX "Course_status_updatedAt_idx" ON "Course"("status", "updatedAt");
CREATE INDEX "Course_category_idx" ON "Course"("category");
CREATE INDEX "Course_ownerId_idx" ON "Course"("ownerId");
CREATE INDEX "Course_title_idx" ON "Course"("title");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
