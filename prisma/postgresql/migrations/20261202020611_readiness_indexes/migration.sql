-- DropIndex
DROP INDEX "Kudos_createdAt_idx";

-- DropIndex
DROP INDEX "PulseResponse_pulseId_departmentId_idx";

-- CreateIndex
CREATE INDEX "Kudos_createdAt_fromDepartmentId_idx" ON "Kudos"("createdAt", "fromDepartmentId");

-- CreateIndex
CREATE INDEX "PulseResponse_readiness_idx" ON "PulseResponse"("pulseId", "departmentId", "barrier", "awareness", "desire", "knowledge", "ability", "reinforcement");
