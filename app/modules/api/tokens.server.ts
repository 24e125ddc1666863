// API tokens (decision 044). The secret is shown once; only its SHA-256 is stored. A token
// acts as the administrator who made it (still an active admin, else it stops working),
// narrowed to its scopes; what it changes is audited as that admin through the token.
import { recordAudit } from "~/lib/audit-log.server";
import { createOnce, keyOf } from "~/lib/create-once.server";
import { getDb } from "~/lib/db.server";
import { DAY_MS } from "~/lib/dates";
import { ConflictError, NotFoundError, ValidationError } from "~/lib/errors";
import { paginate } from "~/lib/pagination.server";
import { assertCan, can, type Principal } from "~/lib/permissions";
import { deriveSecret, hasSecretKey, sha256 } from "~/lib/secret-box.server";
import { assertRecentAuth } from "~/lib/session.server";
import { ApiProblem } from "./problem.server";
import { parseScopes, type ApiScope } from "./scopes";

const SECRET_PREFIX = "upt_";
/** How much of the secret lists show, to tell tokens apart. */
const SHOWN_LENGTH = SECRET_PREFIX.length + 6;
export const API_TOKEN_PAGE_SIZE = 25;
/** lastUsedAt is written at most this often per token: a read is not a write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiTokenInput {
  name: string;
  scopes: ApiScope[];
  /** The last day the token works (UTC), or none. */
  expiresOn: Date | null;
  submissionKey: string;
}

type Actor = Principal & { reauthenticatedAt?: Date | null };

/** Creates a token and answers its secret; the same submission answers the same token and secret. */
export async function createApiToken(actor: Actor, input: ApiTokenInput, now = new Date()) {
  assertCan(actor, "create", "ApiToken");
  assertRecentAuth(actor, now);
  // The secret is derived from the server key (deriveSecret): without it, say so plainly.
  if (!hasSecretKey()) throw new ConflictError("api.tokens.secretKeyMissing");
  if (input.expiresOn && input.expiresOn.getTime() + DAY_MS <= now.getTime()) {
    throw new ValidationError({ expiresOn: "api.tokens.expiryPast" });
  }
  const secret =
    SECRET_PREFIX + deriveSecret("api-token", actor.id, input.submissionKey).toString("base64url");
  const secretHash = sha256(secret);
  const token = await createOnce(
    () =>
      getDb().$transaction(async (tx) => {
        const created = await tx.apiToken.create({
          data: {
            name: input.name,
            scopes: input.scopes.join(" "),
            secretHash,
            secretStart: secret.slice(0, SHOWN_LENGTH),
            createdById: actor.id,
            expiresAt: input.expiresOn ? new Date(input.expiresOn.getTime() + DAY_MS) : null,
            createKey: keyOf("api-token", actor.id, input.submissionKey),
          },
        });
        await recordAudit(tx, {
          actorId: actor.id,
          action: "apiToken.create",
          subjectType: "ApiToken",
          subjectId: created.id,
          after: { name: input.name, scopes: input.scopes, expiresAt: created.expiresAt },
        });
        return created;
      }),
    () => getDb().apiToken.findUnique({ where: { secretHash } }),
  );
  return { id: token.id, name: token.name, secret };
}

export async function listApiTokens(viewer: Principal, page: number, now = new Date()) {
  assertCan(viewer, "read", "ApiToken");
  const db = getDb();
  const paging = paginate(page, API_TOKEN_PAGE_SIZE);
  const [total, rows] = await Promise.all([
    db.apiToken.count(),
    db.apiToken.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: paging.skip,
      take: paging.take,
      select: {
        id: true,
        name: true,
        scopes: true,
        secretStart: true,
        expiresAt: true,
        lastUsedAt: true,
        revokedAt: true,
        createdAt: true,
        createdBy: { select: { name: true } },
      },
    }),
  ]);
  const tokens = rows.map((row) => ({
    id: row.id,
    name: row.name,
    scopes: parseScopes(row.scopes),
    secretStart: row.secretStart,
    createdBy: row.createdBy.name,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    state: row.revokedAt
      ? ("revoked" as const)
      : row.expiresAt && row.expiresAt <= now
        ? ("expired" as const)
        : ("active" as const),
  }));
  return { tokens, ...paging.summary(total) };
}

/** Revokes at once (the next request with it is refused); revoking twice is one revocation. */
export async function revokeApiToken(actor: Principal, tokenId: string, now = new Date()) {
  assertCan(actor, "update", "ApiToken");
  await getDb().$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({
      where: { id: tokenId },
      select: { name: true, revokedAt: true },
    });
    if (!token) throw new NotFoundError();
    if (token.revokedAt) return;
    const { count } = await tx.apiToken.updateMany({
      where: { id: tokenId, revokedAt: null },
      data: { revokedAt: now, revokedById: actor.id },
    });
    if (count === 0) return;
    await recordAudit(tx, {
      actorId: actor.id,
      action: "apiToken.revoke",
      subjectType: "ApiToken",
      subjectId: tokenId,
      before: { name: token.name, revokedAt: null },
      after: { revokedAt: now },
    });
  });
}

/** Who a request with a valid token acts as. */
export interface ApiCaller {
  tokenId: string;
  scopes: ApiScope[];
  principal: Principal;
}

const bearer = (detail: string, error = "invalid_token") =>
  new ApiProblem("unauthorized", detail, {
    headers: { "WWW-Authenticate": `Bearer realm="uptake", error="${error}"` },
  });

/** The caller of an `Authorization: Bearer upt_…` request, or the 401 problem saying why not. */
export async function authenticateApiRequest(
  request: Request,
  now = new Date(),
): Promise<ApiCaller> {
  const header = request.headers.get("Authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) {
    throw new ApiProblem(
      "unauthorized",
      "An API token is required: Authorization: Bearer <token>.",
      {
        headers: { "WWW-Authenticate": 'Bearer realm="uptake"' },
      },
    );
  }
  const secret = match[1]!;
  if (!secret.startsWith(SECRET_PREFIX)) throw bearer("The token is not an Uptake API token.");
  const token = await getDb().apiToken.findUnique({
    where: { secretHash: sha256(secret) },
    select: {
      id: true,
      scopes: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      createdBy: { select: { id: true, role: true, active: true } },
    },
  });
  if (!token) throw bearer("The token is unknown.");
  if (token.revokedAt) throw bearer("The token was revoked.");
  if (token.expiresAt && token.expiresAt <= now) throw bearer("The token has expired.");
  const admin = token.createdBy;
  const principal: Principal = { id: admin.id, role: admin.role, scopeDepartmentIds: [] };
  // The creator must still be active and still allowed to hold tokens (not demoted since).
  if (!admin.active || !can(principal, "create", "ApiToken")) {
    throw bearer("The administrator who created the token can no longer use it.");
  }
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await getDb().apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return {
    tokenId: token.id,
    scopes: parseScopes(token.scopes),
    principal,
  };
}

/** The names of tokens, for the audit log's "through API token …". */
export async function apiTokenNames(ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await getDb().apiToken.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, name: true },
  });
  return new Map(rows.map((row) => [row.id, row.name]));
}
