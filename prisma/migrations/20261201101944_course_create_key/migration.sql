-- AlterTable
ALTER TABLE "Course" ADD COLUMN "createKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Course_createKey_key" ON "Course"("createKey");
