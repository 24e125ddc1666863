// API token scopes (decision 044): read or write per area. Write includes read. Browser-safe:
// the token form and the server parse the same schema.
import { z } from "zod";
import { nameField, optionalDateField } from "~/lib/fields";

/** The areas a token may reach, and what each holds. */
export const API_AREAS = [
  "people",
  "learning",
  "reports",
  "ideas",
  "rewards",
  "initiatives",
] as const;
export type ApiArea = (typeof API_AREAS)[number];
export const API_ACCESS = ["read", "write"] as const;
export type ApiAccess = (typeof API_ACCESS)[number];
export type ApiScope = `${ApiArea}:${ApiAccess}`;

export const ALL_SCOPES: readonly ApiScope[] = API_AREAS.flatMap((area) =>
  API_ACCESS.map((access) => `${area}:${access}` as const),
);

const isScope = (value: string): value is ApiScope => (ALL_SCOPES as string[]).includes(value);

/** Space-separated as stored; unknown words are dropped (a scope retired since). */
export function parseScopes(stored: string): ApiScope[] {
  return stored.split(/\s+/).filter(isScope);
}

/** Does a token with these scopes allow `needed`? `area:write` includes `area:read`. */
export function scopesAllow(scopes: readonly ApiScope[], needed: ApiScope): boolean {
  if (scopes.includes(needed)) return true;
  const [area, access] = needed.split(":") as [ApiArea, ApiAccess];
  return access === "read" && scopes.includes(`${area}:write`);
}

/** What the token form posts: one select per area (none, read, write). */
const areaAccess = z.enum(["", ...API_ACCESS]).default("");

export const apiTokenCreateSchema = z
  .object({
    intent: z.literal("create"),
    name: nameField,
    expiresOn: optionalDateField,
    submissionKey: z.string().min(8).max(64),
    ...(Object.fromEntries(API_AREAS.map((area) => [area, areaAccess])) as Record<
      ApiArea,
      typeof areaAccess
    >),
  })
  .refine((input) => API_AREAS.some((area) => input[area] !== ""), {
    message: "api.tokens.scopeRequired",
    path: ["people"],
  });

/** The scopes a create form chose. */
export function scopesOf(input: Record<ApiArea, "" | ApiAccess>): ApiScope[] {
  return API_AREAS.flatMap((area) => (input[area] ? [`${area}:${input[area]}` as const] : []));
}

export const apiTokenRevokeSchema = z.object({
  intent: z.literal("revoke"),
  tokenId: z.string().min(1),
});

export const apiTokenForms = z.discriminatedUnion("intent", [
  apiTokenCreateSchema,
  apiTokenRevokeSchema,
]);
