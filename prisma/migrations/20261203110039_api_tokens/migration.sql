-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "apiTokenId" TEXT;

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "secretStart" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "expiresAt" DATETIME,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    "createKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Enrolment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'NOT_STARTED',
    "departmentId" TEXT,
    "openKey" TEXT,
    "selfEnrolled" BOOLEAN NOT NULL DEFAULT false,
    "assignedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" DATETIME,
    "startedAt" DATETIME,
    "completedAt" DATETIME,
    "expiresAt" DATETIME,
    "withdrawnAt" DATETIME,
    "recurrenceMonths" INTEGER,
    "bestScore" REAL,
    "previousEnrolmentId" TEXT,
    "renewedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Enrolment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "CourseVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Enrolment" ("assignedAt", "bestScore", "completedAt", "courseId", "departmentId", "dueAt", "expiresAt", "id", "openKey", "previousEnrolmentId", "recurrenceMonths", "renewedAt", "selfEnrolled", "startedAt", "status", "userId", "versionId", "withdrawnAt") SELECT "assignedAt", "bestScore", "completedAt", "courseId", "departmentId", "dueAt", "expiresAt", "id", "openKey", "previousEnrolmentId", "recurrenceMonths", "renewedAt", "selfEnrolled", "startedAt", "status", "userId", "versionId", "withdrawnAt" FROM "Enrolment";
DROP TABLE "Enrolment";
ALTER TABLE "new_Enrolment" RENAME TO "Enrolment";
CREATE UNIQUE INDEX "Enrolment_openKey_key" ON "Enrolment"("openKey");
CREATE INDEX "Enrolment_userId_status_idx" ON "Enrolment"("userId", "status");
CREATE INDEX "Enrolment_courseId_status_idx" ON "Enrolment"("courseId", "status");
CREATE INDEX "Enrolment_departmentId_courseId_idx" ON "Enrolment"("departmentId", "courseId");
CREATE INDEX "Enrolment_departmentId_status_dueAt_idx" ON "Enrolment"("departmentId", "status", "dueAt");
CREATE INDEX "Enrolment_status_dueAt_idx" ON "Enrolment"("status", "dueAt");
CREATE INDEX "Enrolment_dueAt_idx" ON "Enrolment"("dueAt");
CREATE INDEX "Enrolment_expiresAt_idx" ON "Enrolment"("expiresAt");
CREATE INDEX "Enrolment_assignedAt_idx" ON "Enrolment"("assignedAt");
CREATE INDEX "Enrolment_updatedAt_idx" ON "Enrolment"("updatedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_secretHash_key" ON "ApiToken"("secretHash");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_createKey_key" ON "ApiToken"("createKey");

-- CreateIndex
CREATE INDEX "ApiToken_createdAt_idx" ON "ApiToken"("createdAt");

-- CreateIndex
CREATE INDEX "ApiToken_createdById_idx" ON "ApiToken"("createdById");
