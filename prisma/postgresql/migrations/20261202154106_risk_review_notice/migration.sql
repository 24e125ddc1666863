-- AlterEnum
ALTER TYPE "NotificationType" ADD VALUE 'RISK_REVIEW_DUE';
