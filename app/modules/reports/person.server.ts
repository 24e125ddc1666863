import { getDb, type Prisma } from "~/lib/db.server";
import { NotFoundError } from "~/lib/errors";
import { paginate } from "~/lib/pagination.server";
import { assertCan, type Principal } from "~/lib/permissions";
import { isOpenStatus } from "~/modules/learning";
import { enrolmentStatusWhere } from "~/modules/learning/index.server";
import { readAuditNote } from "~/modules/audit/index.server";
import { enrolmentRowSelect, toReportRow } from "./rows.server";

// A person's whole training record: enrolments (history included), attempts, certificates.

export const PERSON_PAGE_SIZE = 25;

const personEnrolmentSelect = {
  ...enrolmentRowSelect,
  withdrawnAt: true,
  renewedAt: true,
  selfEnrolled: true,
  version: { select: { lessonCount: true, number: true } },
  attempts: {
    where: { submittedAt: { not: null } },
    orderBy: { number: "asc" },
    select: { number: true, score: true, passed: true, submittedAt: true },
  },
  certificate: { select: { id: true, code: true, issuedAt: true, expiresAt: true } },
  reminders: {
    orderBy: { createdAt: "asc" },
    select: { event: true, createdAt: true, sentById: true },
  },
} as const satisfies Prisma.EnrolmentSelect;
type PersonEnrolment = Prisma.EnrolmentGetPayload<{ select: typeof personEnrolmentSelect }>;

interface HistoryEntry {
  kind: string;
  at: string;
  by: string | null;
  note: string | null;
}

/** The person, if the viewer may read their reports (403 outside a manager's tree). */
async function reportablePerson(viewer: Principal, userId: string) {
  const person = await getDb().user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      jobTitle: true,
      active: true,
      departmentId: true,
      department: { select: { name: true } },
    },
  });
  if (!person) throw new NotFoundError();
  assertCan(viewer, "read", { type: "Report", departmentId: person.departmentId });
  return person;
}

/** The person's current enrolments (not withdrawn, not renewed) by stored status, and overdue. */
async function statusSummary(userId: string, now: Date) {
  const db = getDb();
  const [counts, overdue] = await Promise.all([
    db.enrolment.groupBy({
      by: ["status"],
      where: { userId, status: { not: "WITHDRAWN" }, renewedAt: null },
      _count: { _all: true },
    }),
    db.enrolment.count({
      where: { userId, renewedAt: null, ...enrolmentStatusWhere("OVERDUE", now) },
    }),
  ]);
  const countOf = (status: string) => counts.find((c) => c.status === status)?._count._all ?? 0;
  return {
    assigned: counts.reduce((sum, c) => sum + c._count._all, 0),
    completed: countOf("COMPLETED"),
    inProgress: countOf("IN_PROGRESS"),
    notStarted: countOf("NOT_STARTED"),
    overdue,
  };
}

/**
 * Completions HR recorded by hand, by enrolment, from the audit trail (reminders are
 * already in the reminder log).
 */
async function manualCompletions(enrolmentIds: string[]): Promise<Map<string, HistoryEntry[]>> {
  const events = await getDb().auditEvent.findMany({
    where: { action: "enrolment.complete_manual", subjectId: { in: enrolmentIds } },
    orderBy: { createdAt: "asc" },
    select: {
      subjectId: true,
      action: true,
      createdAt: true,
      after: true,
      actor: { select: { name: true } },
    },
  });
  const byEnrolment = new Map<string, HistoryEntry[]>();
  for (const event of events) {
    const entries = byEnrolment.get(event.subjectId) ?? [];
    entries.push({
      kind: event.action,
      at: event.createdAt.toISOString(),
      by: event.actor?.name ?? null,
      note: readAuditNote(event.after),
    });
    byEnrolment.set(event.subjectId, entries);
  }
  return byEnrolment;
}

function toPersonEnrolment(e: PersonEnrolment, manual: HistoryEntry[], now: Date) {
  const reminders = e.reminders.map((r) => ({
    kind: r.event,
    at: r.createdAt.toISOString(),
    by: null,
    note: null,
  }));
  return {
    ...toReportRow(e, now),
    stored: e.status,
    versionNumber: e.version.number,
    selfEnrolled: e.selfEnrolled,
    startedAt: e.startedAt?.toISOString() ?? null,
    withdrawnAt: e.withdrawnAt?.toISOString() ?? null,
    renewedAt: e.renewedAt?.toISOString() ?? null,
    open: isOpenStatus(e.status),
    attempts: e.attempts.map((a) => ({
      number: a.number,
      score: a.score,
      passed: a.passed,
      submittedAt: a.submittedAt?.toISOString() ?? null,
    })),
    certificate: e.certificate
      ? {
          id: e.certificate.id,
          code: e.certificate.code,
          issuedAt: e.certificate.issuedAt.toISOString(),
          expiresAt: e.certificate.expiresAt?.toISOString() ?? null,
        }
      : null,
    history: [...reminders, ...manual].sort((a, b) => a.at.localeCompare(b.at)),
  };
}

/** A person's whole training record: enrolments (history included), attempts, certificates. */
export async function getPersonRecord(
  viewer: Principal,
  userId: string,
  page: number,
  now = new Date(),
) {
  const person = await reportablePerson(viewer, userId);
  const { skip, take, summary: pageSummary } = paginate(page, PERSON_PAGE_SIZE);
  const db = getDb();
  const [total, enrolments, summary] = await Promise.all([
    db.enrolment.count({ where: { userId } }),
    db.enrolment.findMany({
      where: { userId },
      orderBy: [{ assignedAt: "desc" }, { id: "desc" }],
      skip,
      take,
      select: personEnrolmentSelect,
    }),
    statusSummary(userId, now),
  ]);
  const manual = await manualCompletions(enrolments.map((e) => e.id));
  return {
    person: {
      id: person.id,
      name: person.name,
      email: person.email,
      jobTitle: person.jobTitle,
      active: person.active,
      department: person.department?.name ?? null,
    },
    summary,
    ...pageSummary(total),
    enrolments: enrolments.map((e) => toPersonEnrolment(e, manual.get(e.id) ?? [], now)),
  };
}
