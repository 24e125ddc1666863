-- CreateTable
CREATE TABLE "AssignmentRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "courseId" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "departmentId" TEXT,
    "includeSubDepartments" BOOLEAN NOT NULL DEFAULT true,
    "role" TEXT,
    "jobTitle" TEXT,
    "dueMode" TEXT NOT NULL,
    "dueDays" INTEGER,
    "dueDate" DATETIME,
    "newHiresOnly" BOOLEAN NOT NULL DEFAULT false,
    "hiredAfter" DATETIME,
    "recurrenceMonths" INTEGER,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" DATETIME,
    CONSTRAINT "AssignmentRule_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AssignmentRulePerson" (
    "ruleId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    PRIMARY KEY ("ruleId", "userId"),
    CONSTRAINT "AssignmentRulePerson_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "AssignmentRule" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Enrolment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'NOT_STARTED',
    "openKey" TEXT,
    "selfEnrolled" BOOLEAN NOT NULL DEFAULT false,
    "assignedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" DATETIME,
    "startedAt" DATETIME,
    "completedAt" DATETIME,
    "expiresAt" DATETIME,
    "withdrawnAt" DATETIME,
    "recurrenceMonths" INTEGER,
    "bestScore" REAL,
    "previousEnrolmentId" TEXT,
    CONSTRAINT "Enrolment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "CourseVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EnrolmentSource" (
    "enrolmentId" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,

    PRIMARY KEY ("enrolmentId", "ruleId"),
    CONSTRAINT "EnrolmentSource_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EnrolmentSource_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "AssignmentRule" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LessonProgress" (
    "enrolmentId" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,
    "completedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("enrolmentId", "lessonId"),
    CONSTRAINT "LessonProgress_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QuizAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "enrolmentId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "questions" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deadlineAt" DATETIME,
    "submittedAt" DATETIME,
    "answers" TEXT,
    "results" TEXT,
    "score" REAL,
    "passed" BOOLEAN,
    CONSTRAINT "QuizAttempt_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "enrolmentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "courseTitle" TEXT NOT NULL,
    "versionNumber" INTEGER NOT NULL,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME,
    CONSTRAINT "Certificate_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Certificate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AssignmentRule_courseId_idx" ON "AssignmentRule"("courseId");

-- CreateIndex
CREATE INDEX "AssignmentRule_removedAt_idx" ON "AssignmentRule"("removedAt");

-- CreateIndex
CREATE INDEX "AssignmentRulePerson_userId_idx" ON "AssignmentRulePerson"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Enrolment_openKey_key" ON "Enrolment"("openKey");

-- CreateIndex
CREATE INDEX "Enrolment_userId_status_idx" ON "Enrolment"("userId", "status");

-- CreateIndex
CREATE INDEX "Enrolment_courseId_status_idx" ON "Enrolment"("courseId", "status");

-- CreateIndex
CREATE INDEX "Enrolment_dueAt_idx" ON "Enrolment"("dueAt");

-- CreateIndex
CREATE INDEX "Enrolment_expiresAt_idx" ON "Enrolment"("expiresAt");

-- CreateIndex
CREATE INDEX "EnrolmentSource_ruleId_idx" ON "EnrolmentSource"("ruleId");

-- CreateIndex
CREATE UNIQUE INDEX "QuizAttempt_enrolmentId_number_key" ON "QuizAttempt"("enrolmentId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_enrolmentId_key" ON "Certificate"("enrolmentId");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_code_key" ON "Certificate"("code");

-- CreateIndex
CREATE INDEX "Certificate_userId_idx" ON "Certificate"("userId");
