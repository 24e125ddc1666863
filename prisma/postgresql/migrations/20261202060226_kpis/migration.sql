-- CreateEnum
CREATE TYPE "KpiDirection" AS ENUM ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER');

-- CreateEnum
CREATE TYPE "KpiPeriod" AS ENUM ('WEEKLY', 'MONTHLY');

-- CreateEnum
CREATE TYPE "KpiStatus" AS ENUM ('NO_DATA', 'NO_TARGET', 'ON_TRACK', 'AT_RISK', 'OFF_TRACK');

-- CreateEnum
CREATE TYPE "KpiSource" AS ENUM ('MANUAL', 'IMPORT');

-- CreateEnum
CREATE TYPE "FeedbackChannel" AS ENUM ('PHONE', 'EMAIL', 'CHAT', 'SURVEY', 'SOCIAL', 'IN_PERSON', 'OTHER');

-- CreateEnum
CREATE TYPE "FeedbackSentiment" AS ENUM ('POSITIVE', 'NEUTRAL', 'NEGATIVE');

-- CreateTable
CREATE TABLE "KpiDefinition" (
    "id" TEXT NOT NULL,
    "template" TEXT,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL DEFAULT '',
    "direction" "KpiDirection" NOT NULL,
    "precision" INTEGER NOT NULL DEFAULT 1,
    "period" "KpiPeriod" NOT NULL DEFAULT 'MONTHLY',
    "minValue" DOUBLE PRECISION,
    "maxValue" DOUBLE PRECISION,
    "description" TEXT NOT NULL DEFAULT '',
    "initiativeId" TEXT,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createKey" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KpiDefinition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KpiDepartment" (
    "kpiId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "baselineValue" DOUBLE PRECISION,
    "baselineOn" TIMESTAMP(3),
    "targetValue" DOUBLE PRECISION,
    "targetOn" TIMESTAMP(3),
    "latestValue" DOUBLE PRECISION,
    "latestPeriod" TIMESTAMP(3),
    "expectedValue" DOUBLE PRECISION,
    "status" "KpiStatus" NOT NULL DEFAULT 'NO_DATA',
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KpiDepartment_pkey" PRIMARY KEY ("kpiId","departmentId")
);

-- CreateTable
CREATE TABLE "KpiPhaseTarget" (
    "kpiId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "phaseId" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "KpiPhaseTarget_pkey" PRIMARY KEY ("kpiId","departmentId","phaseId")
);

-- CreateTable
CREATE TABLE "KpiActual" (
    "id" TEXT NOT NULL,
    "kpiId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "source" "KpiSource" NOT NULL DEFAULT 'MANUAL',
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KpiActual_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KpiImportFile" (
    "id" TEXT NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "committedAt" TIMESTAMP(3),

    CONSTRAINT "KpiImportFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerFeedback" (
    "id" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "receivedOn" TIMESTAMP(3) NOT NULL,
    "channel" "FeedbackChannel" NOT NULL,
    "sentiment" "FeedbackSentiment" NOT NULL,
    "text" TEXT NOT NULL,
    "kpiId" TEXT,
    "ideaId" TEXT,
    "createdById" TEXT,
    "createKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerFeedback_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "KpiDefinition_createKey_key" ON "KpiDefinition"("createKey");

-- CreateIndex
CREATE INDEX "KpiDefinition_initiativeId_idx" ON "KpiDefinition"("initiativeId");

-- CreateIndex
CREATE INDEX "KpiDefinition_archived_name_idx" ON "KpiDefinition"("archived", "name");

-- CreateIndex
CREATE INDEX "KpiDepartment_departmentId_kpiId_idx" ON "KpiDepartment"("departmentId", "kpiId");

-- CreateIndex
CREATE INDEX "KpiDepartment_status_idx" ON "KpiDepartment"("status");

-- CreateIndex
CREATE INDEX "KpiActual_departmentId_periodStart_idx" ON "KpiActual"("departmentId", "periodStart");

-- CreateIndex
CREATE UNIQUE INDEX "KpiActual_kpiId_departmentId_periodStart_key" ON "KpiActual"("kpiId", "departmentId", "periodStart");

-- CreateIndex
CREATE INDEX "KpiImportFile_uploadedById_createdAt_idx" ON "KpiImportFile"("uploadedById", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerFeedback_ideaId_key" ON "CustomerFeedback"("ideaId");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerFeedback_createKey_key" ON "CustomerFeedback"("createKey");

-- CreateIndex
CREATE INDEX "CustomerFeedback_departmentId_receivedOn_idx" ON "CustomerFeedback"("departmentId", "receivedOn");

-- CreateIndex
CREATE INDEX "CustomerFeedback_receivedOn_idx" ON "CustomerFeedback"("receivedOn");

-- CreateIndex
CREATE INDEX "CustomerFeedback_kpiId_idx" ON "CustomerFeedback"("kpiId");

-- AddForeignKey
ALTER TABLE "KpiDepartment" ADD CONSTRAINT "KpiDepartment_kpiId_fkey" FOREIGN KEY ("kpiId") REFERENCES "KpiDefinition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiPhaseTarget" ADD CONSTRAINT "KpiPhaseTarget_kpiId_departmentId_fkey" FOREIGN KEY ("kpiId", "departmentId") REFERENCES "KpiDepartment"("kpiId", "departmentId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiActual" ADD CONSTRAINT "KpiActual_kpiId_fkey" FOREIGN KEY ("kpiId") REFERENCES "KpiDefinition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerFeedback" ADD CONSTRAINT "CustomerFeedback_kpiId_fkey" FOREIGN KEY ("kpiId") REFERENCES "KpiDefinition"("id") ON DELETE SET NULL ON UPDATE CASCADE;
