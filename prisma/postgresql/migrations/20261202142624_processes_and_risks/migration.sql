-- CreateEnum
CREATE TYPE "ProcessVersion" AS ENUM ('AS_IS', 'TO_BE');

-- CreateEnum
CREATE TYPE "RiskCategory" AS ENUM ('STAFF_RESISTANCE', 'TECHNICAL_FAILURE', 'DATA_LOSS', 'DATA_LEAK', 'OTHER');

-- CreateEnum
CREATE TYPE "RiskStatus" AS ENUM ('OPEN', 'MITIGATING', 'CLOSED');

-- CreateTable
CREATE TABLE "Process" (
    "id" TEXT NOT NULL,
    "initiativeId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT '',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createKey" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Process_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessStep" (
    "id" TEXT NOT NULL,
    "processId" TEXT NOT NULL,
    "version" "ProcessVersion" NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "ownerRole" TEXT NOT NULL DEFAULT '',
    "tool" TEXT NOT NULL DEFAULT '',
    "minutes" DOUBLE PRECISION NOT NULL,
    "errorRate" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "automated" BOOLEAN NOT NULL DEFAULT false,
    "parallelWithPrevious" BOOLEAN NOT NULL DEFAULT false,
    "courseId" TEXT,
    "sourceStepId" TEXT,

    CONSTRAINT "ProcessStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Risk" (
    "id" TEXT NOT NULL,
    "initiativeId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "category" "RiskCategory" NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "likelihood" INTEGER NOT NULL,
    "impact" INTEGER NOT NULL,
    "score" INTEGER NOT NULL,
    "mitigation" TEXT NOT NULL DEFAULT '',
    "ownerId" TEXT,
    "status" "RiskStatus" NOT NULL DEFAULT 'OPEN',
    "nextReviewOn" TIMESTAMP(3),
    "reviewNoticeFor" TIMESTAMP(3),
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createKey" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Risk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskScoreChange" (
    "id" TEXT NOT NULL,
    "riskId" TEXT NOT NULL,
    "likelihood" INTEGER NOT NULL,
    "impact" INTEGER NOT NULL,
    "score" INTEGER NOT NULL,
    "changedById" TEXT,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RiskScoreChange_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "ProcessStep" ADD CONSTRAINT "ProcessStep_processId_fkey" FOREIGN KEY ("processId") REFERENCES "Process"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskScoreChange" ADD CONSTRAINT "RiskScoreChange_riskId_fkey" FOREIGN KEY ("riskId") REFERENCES "Risk"("id") ON DELETE CASCADE ON UPDATE CASCADE;
