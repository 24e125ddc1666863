-- AlterEnum
ALTER TYPE "NotificationType" ADD VALUE 'INVITATION';

-- CreateTable
CREATE TABLE "StaffImportFile" (
    "id" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffImportFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invitation" (
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE INDEX "StaffImportFile_uploadedById_sha256_idx" ON "StaffImportFile"("uploadedById", "sha256");

-- CreateIndex
CREATE INDEX "StaffImportFile_createdAt_idx" ON "StaffImportFile"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_userId_key" ON "Invitation"("userId");
