import { getDb } from "~/lib/db.server";
import { readJsonColumn } from "~/lib/json-column.server";
import { paginate } from "~/lib/pagination.server";
import { SECURITY_ACTION_PREFIX } from "~/lib/security-events.server";
import { describeUserAgent } from "~/lib/user-agent.server";
import { auditDetailsSchema, auditNoteSchema, type AuditQuery } from "./schemas";
import { addDays } from "~/lib/dates";
import { containsText } from "~/lib/text-search.server";

// Security events (sign-ins, refusals, exports, second-factor changes) are written by
// ~/lib/security-events.server, which modules and routes call directly: the permission guard
// in lib records refusals, and lib imports no module.

// lib owns the AuditEvent table (security events are written from lib, which imports no
// module); the audit module's surface offers the change record and reads the log.
export { recordAudit, recordAudits, type AuditEntry } from "~/lib/audit-log.server";

/** An audit row's before or after details as JSON text for display, or null. */
function detailsText(column: "before" | "after", value: unknown): string | null {
  if (value === null) return null;
  return JSON.stringify(readJsonColumn(`AuditEvent.${column}`, auditDetailsSchema, value));
}

/** The note recorded in an audit row's details, or null. */
export function readAuditNote(after: unknown): string | null {
  return readJsonColumn("AuditEvent.after", auditNoteSchema, after ?? {}).note ?? null;
}

export const AUDIT_PAGE_SIZE = 25;

/** "security": every security event; "changes": every data change; else one action. */
function eventFilter(event: string) {
  if (event === "security") return { action: { startsWith: SECURITY_ACTION_PREFIX } };
  if (event === "changes") return { NOT: { action: { startsWith: SECURITY_ACTION_PREFIX } } };
  return { action: event };
}

export async function listAuditEvents(query: AuditQuery) {
  const db = getDb();
  const page = paginate(query.page, AUDIT_PAGE_SIZE);
  const where = {
    ...(query.actor ? { actorId: query.actor } : {}),
    ...(query.subjectType ? { subjectType: query.subjectType } : {}),
    ...(query.action ? { action: containsText(query.action) } : {}),
    // Combined with the free-text action filter, not replacing it.
    ...(query.event ? { AND: [eventFilter(query.event)] } : {}),
    ...(query.from || query.to
      ? {
          createdAt: {
            ...(query.from ? { gte: query.from } : {}),
            // "to" is a whole day: include everything up to its end.
            ...(query.to ? { lt: addDays(query.to, 1) } : {}),
          },
        }
      : {}),
  };
  const [total, events, actors, subjectTypes, actions] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: page.skip,
      take: page.take,
      include: { actor: { select: { id: true, name: true, email: true } } },
    }),
    db.user.findMany({
      where: { auditEvents: { some: {} } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
      // The filter lists people who changed something: staff in those roles, a short list.
      take: 200,
    }),
    db.auditEvent.findMany({ distinct: ["subjectType"], select: { subjectType: true } }),
    db.auditEvent.findMany({ distinct: ["action"], select: { action: true } }),
  ]);
  return {
    ...page.summary(total),
    events: events.map((event) => ({
      id: event.id,
      createdAt: event.createdAt.toISOString(),
      action: event.action,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      actor: event.actor,
      apiTokenId: event.apiTokenId,
      before: detailsText("before", event.before),
      after: detailsText("after", event.after),
      // Where a security event came from (data changes leave these empty).
      ipAddress: event.ipAddress,
      device: event.userAgent ? describeUserAgent(event.userAgent) : null,
    })),
    actors,
    subjectTypes: subjectTypes.map((row) => row.subjectType).sort(),
    eventTypes: actions.map((row) => row.action).sort(),
  };
}
