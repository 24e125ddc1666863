// The risk register of an initiative (decision 043, issue 17 item 5): HR keeps it; managers
// read the registers of the initiatives that reach their tree. The score is kept on the row
// for sorting and the matrix, and every change of likelihood or impact is kept as history.
import { recordAudit } from "~/lib/audit-log.server";
import { createOnce, keyOf } from "~/lib/create-once.server";
import { getDb, type DbTx } from "~/lib/db.server";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "~/lib/errors";
import { paginate } from "~/lib/pagination.server";
import { can, type Action, type Principal } from "~/lib/permissions";
import { requireInitiative } from "~/modules/initiatives/index.server";
import { activePeopleWithRoles, peopleByIds } from "~/modules/org/index.server";
import { riskWarnings } from "./warnings.server";
import { reviewOverdue, riskScore, RISK_LEVELS, type RiskInput } from "./risk";

const SUBJECT = "Risk";
export const RISK_PAGE_SIZE = 50;

/** The risk if the viewer may `action` it (through its initiative: 404 outside their reach). */
export async function requireRisk(viewer: Principal, riskId: string, action: Action = "read") {
  if (!can(viewer, action, SUBJECT)) throw new ForbiddenError();
  const risk = await getDb().risk.findUnique({ where: { id: riskId } });
  if (!risk) throw new NotFoundError();
  const initiative = await requireInitiative(viewer, risk.initiativeId, action, SUBJECT);
  return { ...risk, initiative };
}

async function assertOwner(ownerId: string | null) {
  if (!ownerId) return;
  const owner = (await peopleByIds([ownerId])).get(ownerId);
  if (!owner?.active) throw new ValidationError({ ownerId: "risks.errors.ownerMissing" });
}

const scoreRow = (riskId: string, input: RiskInput, actorId: string, at: Date) => ({
  riskId,
  likelihood: input.likelihood,
  impact: input.impact,
  score: riskScore(input.likelihood, input.impact),
  changedById: actorId,
  changedAt: at,
});

/** Adds a risk; the same submission twice is the one risk. Its first score starts the history. */
export async function createRisk(
  actor: Principal,
  initiativeId: string,
  input: RiskInput,
  options: { submissionKey?: string; now?: Date } = {},
) {
  await requireInitiative(actor, initiativeId, "create", SUBJECT);
  await assertOwner(input.ownerId);
  const now = options.now ?? new Date();
  const createKey = options.submissionKey ? keyOf("risk", actor.id, options.submissionKey) : null;
  return createOnce(
    () =>
      getDb().$transaction(async (tx) => {
        const risk = await tx.risk.create({
          data: {
            ...input,
            initiativeId,
            score: riskScore(input.likelihood, input.impact),
            createKey,
            createdById: actor.id,
          },
        });
        await tx.riskScoreChange.create({ data: scoreRow(risk.id, input, actor.id, now) });
        await recordAudit(tx, {
          actorId: actor.id,
          action: "risk.create",
          subjectType: "Risk",
          subjectId: risk.id,
          after: { initiativeId, ...input },
        });
        return risk;
      }),
    async () => (createKey ? getDb().risk.findUnique({ where: { createKey } }) : null),
  );
}

async function claimRevision(tx: DbTx, riskId: string, revision: number, data: object) {
  const { count } = await tx.risk.updateMany({
    where: { id: riskId, revision },
    data: { ...data, revision: { increment: 1 } },
  });
  if (count === 0) throw new ConflictError("risks.errors.stale");
}

/** Edits a risk; a new likelihood or impact adds to its score history. */
export async function updateRisk(
  actor: Principal,
  riskId: string,
  input: RiskInput & { revision: number },
  options: { now?: Date } = {},
) {
  const risk = await requireRisk(actor, riskId, "update");
  const { revision, ...data } = input;
  await assertOwner(data.ownerId);
  const rescored = data.likelihood !== risk.likelihood || data.impact !== risk.impact;
  // A new review date may be overdue again later: its notice is a new one.
  const reviewMoved = data.nextReviewOn?.getTime() !== risk.nextReviewOn?.getTime();
  await getDb().$transaction(async (tx) => {
    await claimRevision(tx, riskId, revision, {
      ...data,
      score: riskScore(data.likelihood, data.impact),
      ...(reviewMoved ? { reviewNoticeFor: null } : {}),
    });
    if (rescored)
      await tx.riskScoreChange.create({
        data: scoreRow(riskId, data, actor.id, options.now ?? new Date()),
      });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "risk.update",
      subjectType: "Risk",
      subjectId: riskId,
      before: {
        title: risk.title,
        category: risk.category,
        likelihood: risk.likelihood,
        impact: risk.impact,
        status: risk.status,
        ownerId: risk.ownerId,
        nextReviewOn: risk.nextReviewOn,
      },
      after: data,
    });
  });
}

export async function deleteRisk(actor: Principal, riskId: string) {
  const risk = await requireRisk(actor, riskId, "delete");
  await getDb().$transaction(async (tx) => {
    await tx.risk.delete({ where: { id: riskId } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "risk.delete",
      subjectType: "Risk",
      subjectId: riskId,
      before: { title: risk.title, score: risk.score },
    });
  });
  return risk.initiativeId;
}

/**
 * The register: one page of risks by score (highest first, then the oldest review), each with
 * its owner's name and whether its review is overdue; and the 5 × 5 matrix of the risks not
 * closed (likelihood × impact → how many), from one grouped query.
 */
export async function riskRegister(
  viewer: Principal,
  initiativeId: string,
  query: { page: number; status?: "open" | "all"; likelihood?: number; impact?: number },
  today = new Date(),
) {
  const initiative = await requireInitiative(viewer, initiativeId, "read", SUBJECT);
  const db = getDb();
  const where = {
    initiativeId,
    ...(query.status === "all" ? {} : { status: { not: "CLOSED" as const } }),
    // A matrix cell filters the list to its risks.
    ...(query.likelihood && query.impact
      ? { likelihood: query.likelihood, impact: query.impact }
      : {}),
  };
  const { skip, take, summary } = paginate(query.page, RISK_PAGE_SIZE);
  const [total, risks, cells] = await Promise.all([
    db.risk.count({ where }),
    db.risk.findMany({
      where,
      orderBy: [{ score: "desc" }, { nextReviewOn: "asc" }, { id: "asc" }],
      skip,
      take,
    }),
    db.risk.groupBy({
      by: ["likelihood", "impact"],
      where: { initiativeId, status: { not: "CLOSED" } },
      _count: { _all: true },
    }),
  ]);
  const [owners, warnings] = await Promise.all([
    peopleByIds(risks.flatMap((risk) => risk.ownerId ?? [])),
    // For the risks listed that are not closed.
    riskWarnings(
      viewer,
      initiative,
      risks.filter((risk) => risk.status !== "CLOSED").map((risk) => risk.category),
      today,
    ),
  ]);
  const count = new Map(cells.map((c) => [`${c.likelihood}:${c.impact}`, c._count._all]));
  return {
    initiative: { id: initiative.id, name: initiative.name },
    warnings,
    page: summary(total),
    filters: { status: query.status ?? "open" },
    cell:
      query.likelihood && query.impact
        ? { likelihood: query.likelihood, impact: query.impact }
        : null,
    canEdit: can(viewer, "update", SUBJECT),
    rows: risks.map((risk) => ({
      ...risk,
      ownerName: risk.ownerId ? (owners.get(risk.ownerId)?.name ?? null) : null,
      overdue: reviewOverdue(risk, today),
    })),
    // Rows from likelihood 5 (top) to 1, columns impact 1 to 5, as a matrix is drawn.
    matrix: [...RISK_LEVELS].reverse().map((likelihood) =>
      RISK_LEVELS.map((impact) => ({
        likelihood,
        impact,
        count: count.get(`${likelihood}:${impact}`) ?? 0,
      })),
    ),
  };
}
export type RiskRegister = Awaited<ReturnType<typeof riskRegister>>;

/** A risk with its score history, newest first. */
export async function riskDetail(viewer: Principal, riskId: string, today = new Date()) {
  const { initiative, ...risk } = await requireRisk(viewer, riskId, "read");
  const history = await getDb().riskScoreChange.findMany({
    where: { riskId },
    orderBy: [{ changedAt: "desc" }, { id: "desc" }],
    take: 100,
  });
  const people = await peopleByIds([
    ...(risk.ownerId ? [risk.ownerId] : []),
    ...history.flatMap((change) => change.changedById ?? []),
  ]);
  return {
    initiative: { id: initiative.id, name: initiative.name },
    warnings: await riskWarnings(
      viewer,
      initiative,
      risk.status === "CLOSED" ? [] : [risk.category],
      today,
    ),
    risk: {
      ...risk,
      ownerName: risk.ownerId ? (people.get(risk.ownerId)?.name ?? null) : null,
      overdue: reviewOverdue(risk, today),
    },
    history: history.map((change) => ({
      ...change,
      changedByName: change.changedById ? (people.get(change.changedById)?.name ?? null) : null,
    })),
    canEdit: can(viewer, "update", SUBJECT),
  };
}
export type RiskDetail = Awaited<ReturnType<typeof riskDetail>>;

/** The people a risk may be owned by: active HR, managers and administrators, by name. */
export async function riskOwnerChoices() {
  const people = await activePeopleWithRoles(["HR", "MANAGER", "ADMIN"]);
  return people
    .map((person) => ({ value: person.id, label: person.name }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** The register's CSV: every risk of the initiative by score (bounded like the page). */
export async function riskRegisterCsv(viewer: Principal, initiativeId: string, today = new Date()) {
  await requireInitiative(viewer, initiativeId, "read", SUBJECT);
  const risks = await getDb().risk.findMany({
    where: { initiativeId },
    orderBy: [{ score: "desc" }, { nextReviewOn: "asc" }, { id: "asc" }],
    take: 10_000,
  });
  const owners = await peopleByIds(risks.flatMap((risk) => risk.ownerId ?? []));
  return risks.map((risk) => ({
    ...risk,
    ownerName: risk.ownerId ? (owners.get(risk.ownerId)?.name ?? "") : "",
    overdue: reviewOverdue(risk, today),
  }));
}
