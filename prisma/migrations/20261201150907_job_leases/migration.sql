-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT,
    "leaseUntil" DATETIME,
    "lastPeriodStart" DATETIME,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "lastError" TEXT
);
