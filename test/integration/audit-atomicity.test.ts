import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "~/lib/db.server";
import { changeOwnPassword } from "~/modules/account/index.server";
import { changePasswordSchema } from "~/modules/account";
import { createCourse, publishCourse } from "~/modules/courses/index.server";
import { changeStatus, createIdea } from "~/modules/ideas/index.server";
import { ideaSchema } from "~/modules/ideas";
import { createRule } from "~/modules/learning/index.server";
import {
  createDepartment,
  createUser,
  renameDepartment,
  setUserActive,
} from "~/modules/org/index.server";
import { departmentCreateSchema, userCreateSchema } from "~/modules/org";
import { courseForm, makeCourse } from "../support/courses";
import {
  makeDepartment,
  makeUser,
  principalFor,
  sessionCookie,
  TEST_PASSWORD,
} from "../support/factories";
import { publishedCourse, ruleForm } from "../support/learning";
import { allowInserts, raisedBy, refuseInserts } from "../support/refuse-inserts";

// Each change and its audit row commit together. A trigger makes every insert into the audit
// table fail, as a full disk or a broken audit write would: each write below must then throw
// and leave its change out of the database. The same write without the trigger succeeds and
// its change is found, so each check can see the change it looks for.

const breakAudit = () => refuseInserts("AuditEvent", "audit_down", "audit down");
const mendAudit = () => allowInserts("AuditEvent", "audit_down");

afterEach(mendAudit);

interface Case {
  name: string;
  /** Builds what the write needs; returns the write and a check that its change is stored. */
  prepare: () => Promise<{ write: () => Promise<unknown>; stored: () => Promise<boolean> }>;
}

const db = () => getDb();

const cases: Case[] = [
  {
    name: "create a user (with the enrolments rules give them)",
    async prepare() {
      const hr = await principalFor("HR");
      const department = await makeDepartment();
      const email = `atomic-${department.code.toLowerCase()}@example.test`;
      const input = userCreateSchema.parse({
        name: "Ada Atomic",
        email,
        role: "EMPLOYEE",
        departmentId: department.id,
        jobTitle: "",
        hireDate: "",
        preferredLanguage: "",
        managedDepartmentIds: "",
        temporaryPassword: "Temp-pass-123",
      });
      return {
        write: () => createUser(hr, input),
        stored: async () => (await db().user.count({ where: { email } })) > 0,
      };
    },
  },
  {
    name: "deactivate a user",
    async prepare() {
      const hr = await principalFor("HR");
      const person = await makeUser();
      return {
        write: () => setUserActive(hr, person.id, false),
        stored: async () =>
          !(await db().user.findUniqueOrThrow({ where: { id: person.id } })).active,
      };
    },
  },
  {
    name: "create a department",
    async prepare() {
      const admin = await principalFor("ADMIN");
      const input = departmentCreateSchema.parse({
        name: "Atomic Desk",
        code: "ATOM",
        parentId: "",
      });
      return {
        write: () => createDepartment(admin.id, input),
        stored: async () => (await db().department.count({ where: { code: "ATOM" } })) > 0,
      };
    },
  },
  {
    name: "rename a department",
    async prepare() {
      const admin = await principalFor("ADMIN");
      const department = await makeDepartment();
      return {
        write: () =>
          renameDepartment(admin.id, { id: department.id, name: "Renamed", code: "RNMD" }),
        stored: async () =>
          (await db().department.findUniqueOrThrow({ where: { id: department.id } })).name ===
          "Renamed",
      };
    },
  },
  {
    name: "create a course",
    async prepare() {
      const trainer = await principalFor("TRAINER");
      const input = courseForm(trainer.id, { title: "Atomic writes" });
      return {
        write: () => createCourse(trainer, input),
        stored: async () => (await db().course.count({ where: { title: "Atomic writes" } })) > 0,
      };
    },
  },
  {
    name: "publish a course (its version and its status)",
    async prepare() {
      const trainer = await principalFor("TRAINER");
      const course = await makeCourse(trainer, 1, 0);
      return {
        write: () => publishCourse(trainer, course.id),
        stored: async () => {
          const [versions, current] = await Promise.all([
            db().courseVersion.count({ where: { courseId: course.id } }),
            db().course.findUniqueOrThrow({ where: { id: course.id } }),
          ]);
          expect(versions > 0, "version and status agree").toBe(current.status === "PUBLISHED");
          return versions > 0;
        },
      };
    },
  },
  {
    name: "create an assignment rule (and the enrolments it makes)",
    async prepare() {
      const hr = await principalFor("HR");
      const course = await publishedCourse(await principalFor("TRAINER"), 1, 0);
      const department = await makeDepartment();
      await makeUser({ departmentId: department.id });
      const input = ruleForm(course.id, { targetType: "DEPARTMENT", departmentId: department.id });
      return {
        write: () => createRule(hr, input),
        stored: async () => {
          const [rules, enrolments] = await Promise.all([
            db().assignmentRule.count({ where: { courseId: course.id } }),
            db().enrolment.count({ where: { courseId: course.id } }),
          ]);
          expect(rules > 0, "rule and enrolments agree").toBe(enrolments > 0);
          return rules > 0;
        },
      };
    },
  },
  {
    name: "change an idea's status (with its history entry)",
    async prepare() {
      const author = await principalFor("EMPLOYEE");
      const hr = await principalFor("HR");
      const ideaId = await createIdea(
        author,
        ideaSchema.parse({
          title: "Callback instead of hold music",
          problem: "Customers wait on hold.",
          proposal: "Offer a callback.",
          category: "CUSTOMER_EXPERIENCE",
        }),
      );
      return {
        write: () => changeStatus(hr, ideaId, "UNDER_REVIEW", ""),
        stored: async () => {
          const [idea, history] = await Promise.all([
            db().idea.findUniqueOrThrow({ where: { id: ideaId } }),
            db().ideaStatusChange.count({ where: { ideaId, toStatus: "UNDER_REVIEW" } }),
          ]);
          expect(idea.status === "UNDER_REVIEW", "status and history agree").toBe(history > 0);
          return history > 0;
        },
      };
    },
  },
  {
    name: "change one's own password (other sessions end)",
    async prepare() {
      const user = await makeUser();
      const current = await sessionCookie(user.id);
      const other = await sessionCookie(user.id);
      const before = user.passwordHash;
      const input = changePasswordSchema.parse({
        currentPassword: TEST_PASSWORD,
        newPassword: "Brand-new-pass-9",
        confirmPassword: "Brand-new-pass-9",
      });
      return {
        write: () => changeOwnPassword(user.id, current.session.id, input),
        stored: async () => {
          const [after, otherSession] = await Promise.all([
            db().user.findUniqueOrThrow({ where: { id: user.id } }),
            db().session.findUnique({ where: { id: other.session.id } }),
          ]);
          expect(after.passwordHash !== before, "password and sessions agree").toBe(
            otherSession === null,
          );
          return after.passwordHash !== before;
        },
      };
    },
  },
];

describe("a change and its audit row commit together", () => {
  for (const { name, prepare } of cases) {
    it(name, async () => {
      const { write, stored } = await prepare();
      const auditRows = await db().auditEvent.count();
      await breakAudit();
      await expect(write()).rejects.toSatisfy(raisedBy("audit down"));
      expect(await stored(), "the change without its audit row").toBe(false);
      await mendAudit();
      expect(await db().auditEvent.count()).toBe(auditRows);

      await write();
      expect(await stored(), "the same change, audited").toBe(true);
      expect(await db().auditEvent.count()).toBeGreaterThan(auditRows);
    });
  }
});
