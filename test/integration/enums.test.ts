import { describe, expect, expectTypeOf, it } from "vitest";
import * as Db from "../../prisma/generated/client/enums";
import { ROLES, type Role } from "~/lib/permissions";
import {
  CATEGORIES,
  QUESTION_TYPES,
  STATUSES,
  type Category,
  type CourseStatus,
  type QuestionType,
} from "~/modules/courses";
import {
  IDEA_CATEGORIES,
  IDEA_STATUSES,
  SATISFACTION_EFFECTS,
  type IdeaStatus,
} from "~/modules/ideas";
import { POINTS_KINDS, REDEMPTION_STATUSES } from "~/modules/incentives";
import { ruleSchema, TARGET_TYPES, type TargetType } from "~/modules/learning";
import {
  NOTIFICATION_EVENTS,
  SECURITY_NOTICES,
  OPERATIONS_NOTICES,
  type NotificationEvent,
} from "~/modules/notifications";

// The app's own lists of enum values (forms, filters, the permission map) and the database's
// enums (prisma/schema.prisma) must hold the same values: a value only the app knows is
// refused by the client at the first write, one only the database knows breaks a page.
const pairs: [string, readonly string[], Record<string, string>][] = [
  ["Role", ROLES, Db.Role],
  ["CourseCategory", CATEGORIES, Db.CourseCategory],
  ["CourseStatus", STATUSES, Db.CourseStatus],
  ["QuestionType", QUESTION_TYPES, Db.QuestionType],
  ["AssignmentTarget", TARGET_TYPES, Db.AssignmentTarget],
  ["DueMode", ruleSchema.shape.dueMode.options, Db.DueMode],
  [
    "NotificationType",
    [...NOTIFICATION_EVENTS, ...SECURITY_NOTICES, ...OPERATIONS_NOTICES],
    Db.NotificationType,
  ],
  ["IdeaCategory", IDEA_CATEGORIES, Db.IdeaCategory],
  ["IdeaStatus", IDEA_STATUSES, Db.IdeaStatus],
  ["SatisfactionEffect", SATISFACTION_EFFECTS, Db.SatisfactionEffect],
  ["PointsKind", POINTS_KINDS, Db.PointsKind],
  ["RedemptionStatus", REDEMPTION_STATUSES, Db.RedemptionStatus],
];

describe("enums", () => {
  it.each(pairs)("the app's %s values are the database enum's", (_name, app, db) => {
    expect([...app].sort()).toEqual(Object.values(db).sort());
  });

  it("has the same types on both sides", () => {
    expectTypeOf<Role>().toEqualTypeOf<Db.Role>();
    expectTypeOf<Category>().toEqualTypeOf<Db.CourseCategory>();
    expectTypeOf<CourseStatus>().toEqualTypeOf<Db.CourseStatus>();
    expectTypeOf<QuestionType>().toEqualTypeOf<Db.QuestionType>();
    expectTypeOf<TargetType>().toEqualTypeOf<Db.AssignmentTarget>();
    expectTypeOf<NotificationEvent>().toEqualTypeOf<Db.NotificationType>();
    expectTypeOf<IdeaStatus>().toEqualTypeOf<Db.IdeaStatus>();
    // Every reminder is also a notification of the same name.
    expectTypeOf<Db.ReminderEvent>().toExtend<Db.NotificationType>();
  });
});
