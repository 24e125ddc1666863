-- CreateEnum
CREATE TYPE "InitiativeStatus" AS ENUM ('PLANNED', 'ACTIVE', 'CLOSED');

-- CreateEnum
CREATE TYPE "PulseStatus" AS ENUM ('DRAFT', 'OPEN', 'CLOSED');

-- CreateTable
CREATE TABLE "Initiative" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "goal" TEXT NOT NULL DEFAULT '',
    "ownerId" TEXT,
    "status" "InitiativeStatus" NOT NULL DEFAULT 'PLANNED',
    "startDate" TIMESTAMP(3) NOT NULL,
    "surveyWeight" INTEGER NOT NULL DEFAULT 50,
    "minRespondents" INTEGER NOT NULL DEFAULT 5,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createKey" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Initiative_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InitiativePhase" (
    "id" TEXT NOT NULL,
    "initiativeId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "startsOn" TIMESTAMP(3) NOT NULL,
    "endsOn" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InitiativePhase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InitiativeDepartment" (
    "initiativeId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "includeSubDepartments" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "InitiativeDepartment_pkey" PRIMARY KEY ("initiativeId","departmentId")
);

-- CreateTable
CREATE TABLE "InitiativeCourse" (
    "initiativeId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "dueDate" TIMESTAMP(3),
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InitiativeCourse_pkey" PRIMARY KEY ("initiativeId","courseId")
);

-- CreateTable
CREATE TABLE "InitiativeCourseRule" (
    "initiativeId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,

    CONSTRAINT "InitiativeCourseRule_pkey" PRIMARY KEY ("initiativeId","courseId","departmentId")
);

-- CreateTable
CREATE TABLE "Pulse" (
    "id" TEXT NOT NULL,
    "initiativeId" TEXT NOT NULL,
    "phaseId" TEXT,
    "title" TEXT NOT NULL,
    "status" "PulseStatus" NOT NULL DEFAULT 'DRAFT',
    "opensOn" TIMESTAMP(3) NOT NULL,
    "closesOn" TIMESTAMP(3) NOT NULL,
    "openedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "statements" TEXT NOT NULL,
    "remindedAt" TIMESTAMP(3),
    "createKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Pulse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PulseResponse" (
    "id" TEXT NOT NULL,
    "pulseId" TEXT NOT NULL,
    "respondentKey" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "awareness" INTEGER NOT NULL,
    "desire" INTEGER NOT NULL,
    "knowledge" INTEGER NOT NULL,
    "ability" INTEGER NOT NULL,
    "reinforcement" INTEGER NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "barrier" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "PulseResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyPepper" (
    "id" INTEGER NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "SurveyPepper_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Initiative_createKey_key" ON "Initiative"("createKey");

-- CreateIndex
CREATE INDEX "Initiative_status_idx" ON "Initiative"("status");

-- CreateIndex
CREATE INDEX "Initiative_startDate_idx" ON "Initiative"("startDate");

-- CreateIndex
CREATE INDEX "InitiativePhase_initiativeId_startsOn_idx" ON "InitiativePhase"("initiativeId", "startsOn");

-- CreateIndex
CREATE UNIQUE INDEX "InitiativePhase_initiativeId_position_key" ON "InitiativePhase"("initiativeId", "position");

-- CreateIndex
CREATE INDEX "InitiativeDepartment_departmentId_idx" ON "InitiativeDepartment"("departmentId");

-- CreateIndex
CREATE INDEX "InitiativeCourse_courseId_idx" ON "InitiativeCourse"("courseId");

-- CreateIndex
CREATE UNIQUE INDEX "InitiativeCourseRule_ruleId_key" ON "InitiativeCourseRule"("ruleId");

-- CreateIndex
CREATE UNIQUE INDEX "Pulse_createKey_key" ON "Pulse"("createKey");

-- CreateIndex
CREATE INDEX "Pulse_initiativeId_opensOn_idx" ON "Pulse"("initiativeId", "opensOn");

-- CreateIndex
CREATE INDEX "Pulse_status_closesOn_idx" ON "Pulse"("status", "closesOn");

-- CreateIndex
CREATE INDEX "PulseResponse_pulseId_departmentId_idx" ON "PulseResponse"("pulseId", "departmentId");

-- CreateIndex
CREATE UNIQUE INDEX "PulseResponse_pulseId_respondentKey_key" ON "PulseResponse"("pulseId", "respondentKey");

-- AddForeignKey
ALTER TABLE "InitiativePhase" ADD CONSTRAINT "InitiativePhase_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InitiativeDepartment" ADD CONSTRAINT "InitiativeDepartment_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InitiativeCourse" ADD CONSTRAINT "InitiativeCourse_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InitiativeCourseRule" ADD CONSTRAINT "InitiativeCourseRule_initiativeId_courseId_fkey" FOREIGN KEY ("initiativeId", "courseId") REFERENCES "InitiativeCourse"("initiativeId", "courseId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pulse" ADD CONSTRAINT "Pulse_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pulse" ADD CONSTRAINT "Pulse_phaseId_fkey" FOREIGN KEY ("phaseId") REFERENCES "InitiativePhase"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PulseResponse" ADD CONSTRAINT "PulseResponse_pulseId_fkey" FOREIGN KEY ("pulseId") REFERENCES "Pulse"("id") ON DELETE CASCADE ON UPDATE CASCADE;
