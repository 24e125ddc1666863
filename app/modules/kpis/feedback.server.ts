// Customer feedback items (issue 16, item 6; decision 041): HR logs them for any department,
// a manager for their tree; each can become one improvement idea on the ideas board, made
// through the ideas module's submit in the transaction that links the item to it.
import { createOnce, keyOf } from "~/lib/create-once.server";
import { DAY_MS, isoDate } from "~/lib/dates";
import { withDescendants } from "~/lib/department-tree";
import { getDb, isUniqueViolation, lockForUpdate, type Prisma } from "~/lib/db.server";
import { ForbiddenError, NotFoundError, ValidationError } from "~/lib/errors";
import { paginate } from "~/lib/pagination.server";
import { can, type Action, type Principal } from "~/lib/permissions";
import { recordAudit } from "~/modules/audit/index.server";
import { createIdea } from "~/modules/ideas/index.server";
import { departmentNames } from "~/modules/org/index.server";
import { kpiDepartmentReach } from "./access.server";
import { treeOrder } from "./board.server";
import {
  excerptOf,
  type FeedbackIdeaInput,
  type FeedbackQuery,
  type LogFeedbackInput,
} from "./feedback";

export const FEEDBACK_PAGE_SIZE = 25;
const EXPORT_BATCH = 500;

const SUBJECT = "CustomerFeedback";

/**
 * The item if the viewer may `action` it: 403 without the grant, 404 when it does not exist
 * or lies outside a manager's tree (its existence does not leak).
 */
async function requireFeedback(viewer: Principal, feedbackId: string, action: Action = "read") {
  if (!can(viewer, action, SUBJECT)) throw new ForbiddenError();
  const item = await getDb().customerFeedback.findUnique({
    where: { id: feedbackId },
    include: { kpi: { select: { id: true, name: true } } },
  });
  if (!item || !can(viewer, action, { type: SUBJECT, departmentId: item.departmentId }))
    throw new NotFoundError();
  return item;
}

/** The departments (tree order) and KPIs the viewer may log feedback for, or filter by. */
export async function feedbackChoices(
  viewer: Principal,
  action: "read" | "create" = "read",
  // The tree, when the caller has already read it.
  tree?: Awaited<ReturnType<typeof departmentNames>>,
) {
  if (!can(viewer, action, SUBJECT)) throw new ForbiddenError();
  const reach = kpiDepartmentReach(viewer, action, SUBJECT);
  const visible = reach === "all" ? null : new Set(reach);
  const [nodes, pairs] = await Promise.all([
    tree ?? departmentNames(),
    getDb().kpiDepartment.findMany({
      where: {
        ...(visible ? { departmentId: { in: [...visible] } } : {}),
        kpi: { archived: false },
      },
      select: { kpiId: true, departmentId: true, kpi: { select: { name: true } } },
    }),
  ]);
  const kpis = new Map<string, { id: string; name: string; departmentIds: string[] }>();
  for (const pair of pairs) {
    const kpi = kpis.get(pair.kpiId) ?? { id: pair.kpiId, name: pair.kpi.name, departmentIds: [] };
    kpi.departmentIds.push(pair.departmentId);
    kpis.set(pair.kpiId, kpi);
  }
  return {
    departments: treeOrder(nodes).filter((d) => !visible || visible.has(d.id)),
    kpis: [...kpis.values()].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/**
 * Logs one item. The department must be in the actor's reach (404 otherwise, as for any
 * record outside a manager's tree); the KPI, when given, one that applies to it. The same
 * form post twice (its `submissionKey`) is the one item.
 */
export async function logFeedback(
  actor: Principal,
  input: LogFeedbackInput,
  options: { submissionKey?: string } = {},
) {
  if (!can(actor, "create", SUBJECT)) throw new ForbiddenError();
  if (!can(actor, "create", { type: SUBJECT, departmentId: input.departmentId }))
    throw new NotFoundError();
  const [department, pair] = await Promise.all([
    getDb().department.findUnique({ where: { id: input.departmentId }, select: { id: true } }),
    input.kpiId
      ? getDb().kpiDepartment.findUnique({
          where: { kpiId_departmentId: { kpiId: input.kpiId, departmentId: input.departmentId } },
          select: { kpi: { select: { archived: true } } },
        })
      : null,
  ]);
  if (!department) throw new ValidationError({ departmentId: "validation.invalid" });
  if (input.kpiId && (!pair || pair.kpi.archived))
    throw new ValidationError({ kpiId: "kpis.feedback.errors.kpiNotForDepartment" });
  const submissionKey = options.submissionKey || input.submissionKey;
  const createKey = submissionKey ? keyOf("customer-feedback", actor.id, submissionKey) : null;
  const data = {
    departmentId: input.departmentId,
    receivedOn: input.receivedOn,
    channel: input.channel,
    sentiment: input.sentiment,
    text: input.text,
    kpiId: input.kpiId || null,
  };
  return createOnce(
    () =>
      getDb().$transaction(async (tx) => {
        const item = await tx.customerFeedback.create({
          data: { ...data, createKey, createdById: actor.id },
        });
        await recordAudit(tx, {
          actorId: actor.id,
          action: "kpi.feedback.create",
          subjectType: SUBJECT,
          subjectId: item.id,
          after: { ...data, receivedOn: isoDate(data.receivedOn) },
        });
        return item;
      }),
    async () => (createKey ? getDb().customerFeedback.findUnique({ where: { createKey } }) : null),
  );
}

/** The filters as a query, inside the viewer's reach (a sub-tree filter keeps to it). */
function feedbackWhere(
  viewer: Principal,
  query: Omit<FeedbackQuery, "page">,
  nodes: readonly { id: string; parentId: string | null }[],
): Prisma.CustomerFeedbackWhereInput {
  const reach = kpiDepartmentReach(viewer, "read", SUBJECT);
  const chosen = query.department ? withDescendants(nodes, [query.department]) : null;
  const departments =
    reach === "all" ? chosen : chosen ? chosen.filter((d) => reach.includes(d)) : reach;
  const received: Prisma.DateTimeFilter = {};
  if (query.from) received.gte = new Date(`${query.from}T00:00:00.000Z`);
  if (query.to) received.lt = new Date(Date.parse(`${query.to}T00:00:00.000Z`) + DAY_MS);
  return {
    ...(departments ? { departmentId: { in: departments } } : {}),
    ...(query.sentiment ? { sentiment: query.sentiment } : {}),
    ...(query.channel ? { channel: query.channel } : {}),
    ...(query.kpi ? { kpiId: query.kpi } : {}),
    ...(query.from || query.to ? { receivedOn: received } : {}),
  };
}

const LIST_ORDER: Prisma.CustomerFeedbackOrderByWithRelationInput[] = [
  { receivedOn: "desc" },
  { createdAt: "desc" },
  { id: "desc" },
];

const listSelect = {
  id: true,
  departmentId: true,
  receivedOn: true,
  channel: true,
  sentiment: true,
  text: true,
  ideaId: true,
  createdAt: true,
  kpi: { select: { name: true } },
} satisfies Prisma.CustomerFeedbackSelect;

/** One page of the items the viewer may read, newest first, with the filters' choices. */
export async function listFeedback(viewer: Principal, query: FeedbackQuery) {
  if (!can(viewer, "read", SUBJECT)) throw new ForbiddenError();
  const nodes = await departmentNames();
  const where = feedbackWhere(viewer, query, nodes);
  const { skip, take, summary } = paginate(query.page, FEEDBACK_PAGE_SIZE);
  const [total, rows, choices] = await Promise.all([
    getDb().customerFeedback.count({ where }),
    getDb().customerFeedback.findMany({
      where,
      orderBy: LIST_ORDER,
      skip,
      take,
      select: listSelect,
    }),
    feedbackChoices(viewer, "read", nodes),
  ]);
  const names = new Map(nodes.map((d) => [d.id, d.name]));
  return {
    page: summary(total),
    rows: rows.map(({ text, kpi, ...row }) => ({
      ...row,
      departmentName: names.get(row.departmentId) ?? "",
      kpiName: kpi?.name ?? null,
      excerpt: excerptOf(text),
    })),
    filters: query,
    choices,
    canCreate: can(viewer, "create", SUBJECT),
  };
}
export type FeedbackList = Awaited<ReturnType<typeof listFeedback>>;

/** Every item the filters match, in the list's order, batch by batch (the CSV). */
export async function* feedbackExportBatches(
  viewer: Principal,
  query: Omit<FeedbackQuery, "page">,
  batchSize = EXPORT_BATCH,
) {
  if (!can(viewer, "read", SUBJECT)) throw new ForbiddenError();
  const nodes = await departmentNames();
  const names = new Map(nodes.map((d) => [d.id, d.name]));
  const where = feedbackWhere(viewer, query, nodes);
  let cursor: string | undefined;
  for (;;) {
    const rows = await getDb().customerFeedback.findMany({
      where,
      orderBy: LIST_ORDER,
      take: batchSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: listSelect,
    });
    if (rows.length === 0) return;
    cursor = rows[rows.length - 1]!.id;
    yield rows.map(({ kpi, ...row }) => ({
      ...row,
      departmentName: names.get(row.departmentId) ?? "",
      kpiName: kpi?.name ?? null,
    }));
    if (rows.length < batchSize) return;
  }
}

/** One item with what its page shows, and what the viewer may do with it. */
export async function feedbackDetail(viewer: Principal, feedbackId: string) {
  const item = await requireFeedback(viewer, feedbackId);
  const [department, author] = await Promise.all([
    getDb().department.findUnique({ where: { id: item.departmentId }, select: { name: true } }),
    item.createdById
      ? getDb().user.findUnique({ where: { id: item.createdById }, select: { name: true } })
      : null,
  ]);
  return {
    item: {
      id: item.id,
      departmentId: item.departmentId,
      departmentName: department?.name ?? "",
      receivedOn: item.receivedOn,
      channel: item.channel,
      sentiment: item.sentiment,
      text: item.text,
      kpiName: item.kpi?.name ?? null,
      ideaId: item.ideaId,
      createdBy: author?.name ?? null,
      createdAt: item.createdAt,
    },
    canTurnIntoIdea: item.ideaId === null && can(viewer, "create", "Idea"),
    canDelete: can(viewer, "delete", { type: SUBJECT, departmentId: item.departmentId }),
  };
}
export type FeedbackDetail = Awaited<ReturnType<typeof feedbackDetail>>;

/** The item was linked to an idea by a parallel request after this one read it. */
class AlreadyLinked extends Error {}

/**
 * Makes the item an improvement idea on the board (category customer experience, the item's
 * department), authored by the actor, and links the item to it, in one transaction. Anyone who
 * may read the item and submit ideas may. A second click, a resent form or a parallel request
 * (by anyone) makes no second idea: it answers the idea there is (`created: false`).
 */
export async function turnFeedbackIntoIdea(
  actor: Principal,
  feedbackId: string,
  input: FeedbackIdeaInput,
): Promise<{ ideaId: string; created: boolean }> {
  const item = await requireFeedback(actor, feedbackId);
  if (!can(actor, "create", "Idea")) throw new ForbiddenError();
  if (item.ideaId) return { ideaId: item.ideaId, created: false };
  try {
    return await getDb().$transaction(async (tx) => {
      // Parallel requests queue here (PostgreSQL; SQLite runs one writer at a time) and then
      // read the link the first one made.
      await lockForUpdate(tx, "CustomerFeedback", "id", feedbackId);
      const current = await tx.customerFeedback.findUnique({
        where: { id: feedbackId },
        select: { ideaId: true },
      });
      if (!current) throw new NotFoundError();
      if (current.ideaId) return { ideaId: current.ideaId, created: false };
      const ideaId = await createIdea(
        actor,
        {
          ...input,
          category: "CUSTOMER_EXPERIENCE",
          departmentId: item.departmentId,
          hoursSavedPerMonth: null,
          costSaving: null,
          satisfactionEffect: "",
          anonymous: false,
        },
        // One idea per item, whoever makes it: the idea's own unique key says so too.
        { tx, submitKey: keyOf("customer-feedback-idea", feedbackId) },
      );
      const { count } = await tx.customerFeedback.updateMany({
        where: { id: feedbackId, ideaId: null },
        data: { ideaId },
      });
      if (count === 0) throw new AlreadyLinked();
      await recordAudit(tx, {
        actorId: actor.id,
        action: "kpi.feedback.idea",
        subjectType: SUBJECT,
        subjectId: feedbackId,
        before: { ideaId: null },
        after: { ideaId },
      });
      return { ideaId, created: true };
    });
  } catch (error) {
    if (!(error instanceof AlreadyLinked) && !isUniqueViolation(error)) throw error;
    // Rolled back: the other request's idea is the one.
    const linked = await getDb().customerFeedback.findUnique({
      where: { id: feedbackId },
      select: { ideaId: true },
    });
    if (!linked?.ideaId) throw error;
    return { ideaId: linked.ideaId, created: false };
  }
}

/**
 * The item an idea was made from, for the idea page's link back (null for other ideas). The
 * caller shows its details only to a viewer who may read it (`departmentId` says where).
 */
export async function feedbackForIdea(ideaId: string) {
  const item = await getDb().customerFeedback.findUnique({
    where: { ideaId },
    select: {
      id: true,
      departmentId: true,
      receivedOn: true,
      channel: true,
      sentiment: true,
      text: true,
    },
  });
  if (!item) return null;
  const department = await getDb().department.findUnique({
    where: { id: item.departmentId },
    select: { name: true },
  });
  const { text, ...rest } = item;
  return { ...rest, departmentName: department?.name ?? "", excerpt: excerptOf(text) };
}
export type FeedbackOrigin = NonNullable<Awaited<ReturnType<typeof feedbackForIdea>>>;

/** Removes an item (HR and admins), audited with what it said. An idea made from it stays. */
export async function deleteFeedback(actor: Principal, feedbackId: string) {
  const item = await requireFeedback(actor, feedbackId, "delete");
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.customerFeedback.deleteMany({ where: { id: feedbackId } });
    if (count === 0) throw new NotFoundError();
    await recordAudit(tx, {
      actorId: actor.id,
      action: "kpi.feedback.delete",
      subjectType: SUBJECT,
      subjectId: feedbackId,
      before: {
        departmentId: item.departmentId,
        receivedOn: isoDate(item.receivedOn),
        channel: item.channel,
        sentiment: item.sentiment,
        text: item.text,
        kpiId: item.kpiId,
        ideaId: item.ideaId,
      },
    });
  });
}
