-- CreateTable
CREATE TABLE "PointsEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "departmentId" TEXT,
    "points" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "sourceType" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "actorId" TEXT,
    "initiativeId" TEXT,
    "phaseId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PointsEntry_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PointsTotal" (
    "period" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "points" INTEGER NOT NULL,

    PRIMARY KEY ("period", "userId", "departmentId")
);

-- CreateTable
CREATE TABLE "EarningRule" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updatedById" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CompanyValue" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Kudos" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "fromId" TEXT NOT NULL,
    "toId" TEXT NOT NULL,
    "fromDepartmentId" TEXT,
    "toDepartmentId" TEXT,
    "message" TEXT NOT NULL,
    "valueId" TEXT,
    "points" INTEGER NOT NULL,
    "submitKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Kudos_valueId_fkey" FOREIGN KEY ("valueId") REFERENCES "CompanyValue" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GivingAllowance" (
    "role" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL,
    "updatedById" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "IncentiveSetting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" INTEGER NOT NULL,
    "updatedById" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Reward" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "imageUrl" TEXT NOT NULL DEFAULT '',
    "cost" INTEGER NOT NULL,
    "stock" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Redemption" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "rewardId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "cost" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "note" TEXT NOT NULL DEFAULT '',
    "reason" TEXT NOT NULL DEFAULT '',
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "submitKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Redemption_rewardId_fkey" FOREIGN KEY ("rewardId") REFERENCES "Reward" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BadgeRule" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "BadgeAward" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "badgeKey" TEXT NOT NULL,
    "awardedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "LeaderboardPrivacy" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "hidden" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "PointsEntry_userId_createdAt_idx" ON "PointsEntry"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "PointsEntry_createdAt_idx" ON "PointsEntry"("createdAt");

-- CreateIndex
CREATE INDEX "PointsEntry_sourceType_sourceId_idx" ON "PointsEntry"("sourceType", "sourceId");

-- CreateIndex
CREATE UNIQUE INDEX "PointsEntry_userId_kind_sourceType_sourceId_key" ON "PointsEntry"("userId", "kind", "sourceType", "sourceId");

-- CreateIndex
CREATE INDEX "PointsTotal_period_points_idx" ON "PointsTotal"("period", "points");

-- CreateIndex
CREATE INDEX "PointsTotal_period_departmentId_idx" ON "PointsTotal"("period", "departmentId");

-- CreateIndex
CREATE UNIQUE INDEX "CompanyValue_name_key" ON "CompanyValue"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Kudos_submitKey_key" ON "Kudos"("submitKey");

-- CreateIndex
CREATE INDEX "Kudos_createdAt_idx" ON "Kudos"("createdAt");

-- CreateIndex
CREATE INDEX "Kudos_fromId_createdAt_idx" ON "Kudos"("fromId", "createdAt");

-- CreateIndex
CREATE INDEX "Kudos_toId_createdAt_idx" ON "Kudos"("toId", "createdAt");

-- CreateIndex
CREATE INDEX "Kudos_toDepartmentId_createdAt_idx" ON "Kudos"("toDepartmentId", "createdAt");

-- CreateIndex
CREATE INDEX "Kudos_valueId_createdAt_idx" ON "Kudos"("valueId", "createdAt");

-- CreateIndex
CREATE INDEX "Reward_active_cost_idx" ON "Reward"("active", "cost");

-- CreateIndex
CREATE UNIQUE INDEX "Redemption_submitKey_key" ON "Redemption"("submitKey");

-- CreateIndex
CREATE INDEX "Redemption_status_createdAt_idx" ON "Redemption"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Redemption_userId_createdAt_idx" ON "Redemption"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "BadgeAward_badgeKey_awardedAt_idx" ON "BadgeAward"("badgeKey", "awardedAt");

-- CreateIndex
CREATE UNIQUE INDEX "BadgeAward_userId_badgeKey_key" ON "BadgeAward"("userId", "badgeKey");

-- The points ledger is append-only (decision 031): the database refuses to change or remove
-- an entry, whoever asks. A correction is a reversing entry.
CREATE TRIGGER "PointsEntry_no_update" BEFORE UPDATE ON "PointsEntry"
BEGIN
    SELECT RAISE(ABORT, 'PointsEntry is append-only: write a reversing entry instead');
END;

CREATE TRIGGER "PointsEntry_no_delete" BEFORE DELETE ON "PointsEntry"
BEGIN
    SELECT RAISE(ABORT, 'PointsEntry is append-only: write a reversing entry instead');
END;
