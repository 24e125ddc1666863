-- AlterTable
ALTER TABLE "AssignmentRule" ADD COLUMN "activeKey" TEXT;

-- AlterTable
ALTER TABLE "Idea" ADD COLUMN "submitKey" TEXT;

-- AlterTable
ALTER TABLE "IdeaComment" ADD COLUMN "repeatKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "AssignmentRule_activeKey_key" ON "AssignmentRule"("activeKey");

-- CreateIndex
CREATE UNIQUE INDEX "Idea_submitKey_key" ON "Idea"("submitKey");

-- CreateIndex
CREATE UNIQUE INDEX "IdeaComment_repeatKey_key" ON "IdeaComment"("repeatKey");
