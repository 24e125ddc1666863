-- CreateTable
CREATE TABLE "KpiDefinition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "template" TEXT,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL DEFAULT '',
    "direction" TEXT NOT NULL,
    "precision" INTEGER NOT NULL DEFAULT 1,
    "period" TEXT NOT NULL DEFAULT 'MONTHLY',
    "minValue" REAL,
    "maxValue" REAL,
    "description" TEXT NOT NULL DEFAULT '',
    "initiativeId" TEXT,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createKey" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "KpiDepartment" (
    "kpiId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "baselineValue" REAL,
    "baselineOn" DATETIME,
    "targetValue" REAL,
    "targetOn" DATETIME,
    "latestValue" REAL,
    "latestPeriod" DATETIME,
    "expectedValue" REAL,
    "status" TEXT NOT NULL DEFAULT 'NO_DATA',
    "addedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("kpiId", "departmentId"),
    CONSTRAINT "KpiDepartment_kpiId_fkey" FOREIGN KEY ("kpiId") REFERENCES "KpiDefinition" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KpiPhaseTarget" (
    "kpiId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "phaseId" TEXT NOT NULL,
    "value" REAL NOT NULL,

    PRIMARY KEY ("kpiId", "departmentId", "phaseId"),
    CONSTRAINT "KpiPhaseTarget_kpiId_departmentId_fkey" FOREIGN KEY ("kpiId", "departmentId") REFERENCES "KpiDepartment" ("kpiId", "departmentId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KpiActual" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kpiId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "periodStart" DATETIME NOT NULL,
    "value" REAL NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'MANUAL',
    "updatedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "KpiActual_kpiId_fkey" FOREIGN KEY ("kpiId") REFERENCES "KpiDefinition" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KpiImportFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "uploadedById" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "committedAt" DATETIME
);

-- CreateTable
CREATE TABLE "CustomerFeedback" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "departmentId" TEXT NOT NULL,
    "receivedOn" DATETIME NOT NULL,
    "channel" TEXT NOT NULL,
    "sentiment" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "kpiId" TEXT,
    "ideaId" TEXT,
    "createdById" TEXT,
    "createKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CustomerFeedback_kpiId_fkey" FOREIGN KEY ("kpiId") REFERENCES "KpiDefinition" ("id") ON DELETE SET NULL ON UPDATE CASCADE
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
