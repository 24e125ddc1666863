-- CreateEnum
CREATE TYPE "PointsKind" AS ENUM ('EARNED', 'SPENT', 'HELD', 'RELEASED', 'ADJUSTMENT');

-- CreateEnum
CREATE TYPE "RedemptionStatus" AS ENUM ('PENDING', 'FULFILLED', 'REJECTED', 'CANCELLED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "NotificationType" ADD VALUE 'KUDOS_RECEIVED';
ALTER TYPE "NotificationType" ADD VALUE 'REDEMPTION_STATUS';
ALTER TYPE "NotificationType" ADD VALUE 'BADGE_EARNED';
ALTER TYPE "NotificationType" ADD VALUE 'POINTS_ADJUSTED';

-- CreateTable
CREATE TABLE "PointsEntry" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "departmentId" TEXT,
    "points" INTEGER NOT NULL,
    "kind" "PointsKind" NOT NULL,
    "sourceType" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "actorId" TEXT,
    "initiativeId" TEXT,
    "phaseId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PointsEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PointsTotal" (
    "period" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "points" INTEGER NOT NULL,

    CONSTRAINT "PointsTotal_pkey" PRIMARY KEY ("period","userId","departmentId")
);

-- CreateTable
CREATE TABLE "EarningRule" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EarningRule_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "CompanyValue" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CompanyValue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Kudos" (
    "id" TEXT NOT NULL,
    "fromId" TEXT NOT NULL,
    "toId" TEXT NOT NULL,
    "fromDepartmentId" TEXT,
    "toDepartmentId" TEXT,
    "message" TEXT NOT NULL,
    "valueId" TEXT,
    "points" INTEGER NOT NULL,
    "submitKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Kudos_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GivingAllowance" (
    "role" "Role" NOT NULL,
    "points" INTEGER NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GivingAllowance_pkey" PRIMARY KEY ("role")
);

-- CreateTable
CREATE TABLE "IncentiveSetting" (
    "key" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IncentiveSetting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Reward" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "imageUrl" TEXT NOT NULL DEFAULT '',
    "cost" INTEGER NOT NULL,
    "stock" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Reward_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Redemption" (
    "id" TEXT NOT NULL,
    "rewardId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "cost" INTEGER NOT NULL,
    "status" "RedemptionStatus" NOT NULL DEFAULT 'PENDING',
    "note" TEXT NOT NULL DEFAULT '',
    "reason" TEXT NOT NULL DEFAULT '',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "submitKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Redemption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BadgeRule" (
    "key" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BadgeRule_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "BadgeAward" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "badgeKey" TEXT NOT NULL,
    "awardedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BadgeAward_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LeaderboardPrivacy" (
    "userId" TEXT NOT NULL,
    "hidden" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LeaderboardPrivacy_pkey" PRIMARY KEY ("userId")
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

-- AddForeignKey
ALTER TABLE "PointsEntry" ADD CONSTRAINT "PointsEntry_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Kudos" ADD CONSTRAINT "Kudos_valueId_fkey" FOREIGN KEY ("valueId") REFERENCES "CompanyValue"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Redemption" ADD CONSTRAINT "Redemption_rewardId_fkey" FOREIGN KEY ("rewardId") REFERENCES "Reward"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The points ledger is append-only (decision 031): the database refuses to change or remove
-- an entry, whoever asks (TRUNCATE included). A correction is a reversing entry.
-- Prisma's migration runner splits the file at every semicolon, even inside quotes or $$…$$,
-- so the body is an E'' string with its one semicolon written as the escape \073.
CREATE FUNCTION "PointsEntry_append_only"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN RAISE EXCEPTION ''PointsEntry is append-only: write a reversing entry instead'' USING ERRCODE = ''restrict_violation''\073 END';

CREATE TRIGGER "PointsEntry_no_change" BEFORE UPDATE OR DELETE ON "PointsEntry"
    FOR EACH ROW EXECUTE FUNCTION "PointsEntry_append_only"();

CREATE TRIGGER "PointsEntry_no_truncate" BEFORE TRUNCATE ON "PointsEntry"
    FOR EACH STATEMENT EXECUTE FUNCTION "PointsEntry_append_only"();
