// Courses, enrolments and completions, certificates (scope learning).
import { z } from "zod";
import { courseById, coursesPage } from "~/modules/courses/index.server";
import { enrolmentsPage, verifyCertificate } from "~/modules/learning/index.server";
import { listPage } from "../cursor.server";
import {
  endpoint,
  idParam,
  iso,
  isoOrNull,
  isoTime,
  listQuery,
  pageOf,
  timestampQuery,
} from "../endpoint.server";
import { ApiProblem } from "../problem.server";

const COURSE_STATUSES = ["DRAFT", "PUBLISHED", "ARCHIVED"] as const;
const COURSE_CATEGORIES = ["PROCESS", "TECHNOLOGY", "COMPLIANCE", "SOFT_SKILLS"] as const;
const ENROLMENT_STATUSES = ["NOT_STARTED", "IN_PROGRESS", "COMPLETED", "WITHDRAWN"] as const;

export const courseSchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  category: z.enum(COURSE_CATEGORIES),
  status: z.enum(COURSE_STATUSES),
  estimated_minutes: z.number().int(),
  tags: z.array(z.string()),
  pass_mark: z.number().int(),
  published_version: z.number().int().nullable(),
  owner_id: z.string(),
  created_at: isoTime,
  updated_at: isoTime,
});

type CourseRow = NonNullable<Awaited<ReturnType<typeof courseById>>>;

const courseView = (row: CourseRow): z.output<typeof courseSchema> => ({
  id: row.id,
  title: row.title,
  summary: row.summary,
  category: row.category,
  status: row.status,
  estimated_minutes: row.estimatedMinutes,
  tags: row.tags ? row.tags.split(",").filter(Boolean) : [],
  pass_mark: row.passMark,
  published_version: row.latestVersion > 0 ? row.latestVersion : null,
  owner_id: row.ownerId,
  created_at: iso(row.createdAt),
  updated_at: iso(row.updatedAt),
});

export const enrolmentSchema = z.object({
  id: z.string(),
  person_id: z.string(),
  course_id: z.string(),
  course_version: z.number().int(),
  department_id: z.string().nullable(),
  status: z.enum(ENROLMENT_STATUSES),
  self_enrolled: z.boolean(),
  assigned_at: isoTime,
  due_at: isoTime.nullable(),
  started_at: isoTime.nullable(),
  completed_at: isoTime.nullable(),
  expires_at: isoTime.nullable(),
  best_score: z.number().nullable(),
  certificate_code: z.string().nullable(),
  updated_at: isoTime,
});

export const learningEndpoints = [
  endpoint({
    method: "GET",
    path: "/courses",
    scope: "learning:read",
    tag: "Learning",
    summary: "List courses",
    query: listQuery.extend({
      status: z.enum(COURSE_STATUSES).optional(),
      updated_since: timestampQuery.optional(),
    }),
    response: pageOf(courseSchema),
    handle: async ({ query }) =>
      listPage(
        query,
        (page) =>
          coursesPage({
            ...page,
            status: query.status,
            updatedSince: query.updated_since,
          }),
        courseView,
      ),
  }),
  endpoint({
    method: "GET",
    path: "/courses/{id}",
    scope: "learning:read",
    tag: "Learning",
    summary: "Get a course",
    response: courseSchema,
    problems: [404],
    handle: async ({ params }) => {
      const course = await courseById(idParam.parse(params.id));
      if (!course) throw new ApiProblem("not-found", "No course with this id.");
      return courseView(course);
    },
  }),
  endpoint({
    method: "GET",
    path: "/enrolments",
    scope: "learning:read",
    tag: "Learning",
    summary: "List enrolments and completions",
    description:
      "Filter by department, course, person, status (COMPLETED for completions) or updated_since. " +
      "For incremental sync, note the time before the walk and pass it as updated_since next time.",
    query: listQuery.extend({
      department_id: z.string().max(64).optional(),
      course_id: z.string().max(64).optional(),
      person_id: z.string().max(64).optional(),
      status: z.enum(ENROLMENT_STATUSES).optional(),
      updated_since: timestampQuery.optional(),
    }),
    response: pageOf(enrolmentSchema),
    handle: async ({ query }) =>
      listPage(
        query,
        (page) =>
          enrolmentsPage({
            ...page,
            departmentId: query.department_id,
            courseId: query.course_id,
            userId: query.person_id,
            status: query.status,
            updatedSince: query.updated_since,
          }),
        (row) => ({
          id: row.id,
          person_id: row.userId,
          course_id: row.courseId,
          course_version: row.version.number,
          department_id: row.departmentId,
          status: row.status,
          self_enrolled: row.selfEnrolled,
          assigned_at: iso(row.assignedAt),
          due_at: isoOrNull(row.dueAt),
          started_at: isoOrNull(row.startedAt),
          completed_at: isoOrNull(row.completedAt),
          expires_at: isoOrNull(row.expiresAt),
          best_score: row.bestScore,
          certificate_code: row.certificate?.code ?? null,
          updated_at: iso(row.updatedAt),
        }),
      ),
  }),
  endpoint({
    method: "GET",
    path: "/certificates/{code}",
    scope: "learning:read",
    tag: "Learning",
    summary: "Verify a certificate",
    description: "What the public verification page shows: valid, expired or unknown.",
    response: z.object({
      code: z.string(),
      status: z.enum(["valid", "expired", "unknown"]),
      name: z.string().nullable(),
      course_title: z.string().nullable(),
      version: z.number().int().nullable(),
      issued_at: isoTime.nullable(),
      expires_at: isoTime.nullable(),
    }),
    handle: async ({ params }) => {
      const code = (params.code ?? "").toUpperCase();
      const found = await verifyCertificate(code);
      if (found.status === "unknown") {
        return {
          code,
          status: "unknown",
          name: null,
          course_title: null,
          version: null,
          issued_at: null,
          expires_at: null,
        };
      }
      return {
        code,
        status: found.status,
        name: found.name,
        course_title: found.courseTitle,
        version: found.versionNumber,
        issued_at: found.issuedAt,
        expires_at: found.expiresAt,
      };
    },
  }),
];
