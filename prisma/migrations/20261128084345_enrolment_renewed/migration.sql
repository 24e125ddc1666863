-- AlterTable
ALTER TABLE "Enrolment" ADD COLUMN "renewedAt" DATETIME;
