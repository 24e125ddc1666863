-- CreateTable
CREATE TABLE "Process" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "initiativeId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT '',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createKey" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ProcessStep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "processId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "ownerRole" TEXT NOT NULL DEFAULT '',
    "tool" TEXT NOT NULL DEFAULT '',
    "minutes" REAL NOT NULL,
    "errorRate" REAL NOT NULL DEFAULT 0,
    "automated" BOOLEAN NOT NULL DEFAULT false,
    "parallelWithPrevious" BOOLEAN NOT NULL DEFAULT false,
    "courseId" TEXT,
    "sourceStepId" TEXT,
    CONSTRAINT "ProcessStep_processId_fkey" FOREIGN KEY ("processId") REFERENCES "Process" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Risk" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "initiativeId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "likelihood" INTEGER NOT NULL,
    "impact" INTEGER NOT NULL,
    "score" INTEGER NOT NULL,
    "mitigation" TEXT NOT NULL DEFAULT '',
    "ownerId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "nextReviewOn" DATETIME,
    "reviewNoticeFor" DATETIME,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createKey" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RiskScoreChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "riskId" TEXT NOT NULL,
    "likelihood" INTEGER NOT NULL,
    "impact" INTEGER NOT NULL,
    "score" INTEGER NOT NULL,
    "changedById" TEXT,
    "changedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RiskScoreChange_riskId_fkey" FOREIGN KEY ("riskId") REFERENCES "Risk" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Process_createKey_key" ON "Process"("createKey");

-- CreateIndex
CREATE INDEX "Process_departmentId_idx" ON "Process"("departmentId");

-- CreateIndex
CREATE UNIQUE INDEX "Process_initiativeId_name_key" ON "Process"("initiativeId", "name");

-- CreateIndex
CREATE INDEX "ProcessStep_courseId_idx" ON "ProcessStep"("courseId");

-- CreateIndex
CREATE UNIQUE INDEX "ProcessStep_processId_version_position_key" ON "ProcessStep"("processId", "version", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Risk_createKey_key" ON "Risk"("createKey");

-- CreateIndex
CREATE INDEX "Risk_initiativeId_score_idx" ON "Risk"("initiativeId", "score");

-- CreateIndex
CREATE INDEX "Risk_status_nextReviewOn_idx" ON "Risk"("status", "nextReviewOn");

-- CreateIndex
CREATE INDEX "Risk_ownerId_idx" ON "Risk"("ownerId");

-- CreateIndex
CREATE INDEX "RiskScoreChange_riskId_changedAt_idx" ON "RiskScoreChange"("riskId", "changedAt");
