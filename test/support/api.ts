import crypto from "node:crypto";
import { handleApiRequest, createApiToken, type ApiOptions } from "~/modules/api/index.server";
import type { ApiScope } from "~/modules/api";
import { makeUser } from "./factories";

/** An admin and an API token of theirs with these scopes; the secret as a client holds it. */
export async function makeApiToken(
  scopes: ApiScope[],
  options: { expiresOn?: Date | null; admin?: { id: string } } = {},
) {
  const admin = options.admin ?? (await makeUser({ role: "ADMIN" }));
  const principal = { id: admin.id, role: "ADMIN" as const, scopeDepartmentIds: [] };
  const token = await createApiToken(principal, {
    name: `Token ${crypto.randomUUID().slice(0, 6)}`,
    scopes,
    expiresOn: options.expiresOn ?? null,
    submissionKey: crypto.randomUUID(),
  });
  return { ...token, admin, principal };
}

/** A request to /api/v1 as an integration sends it, answered by the real handler. */
export async function callApi(
  method: string,
  path: string,
  options: { secret?: string; body?: unknown; headers?: Record<string, string> } & ApiOptions = {},
) {
  const headers = new Headers(options.headers);
  if (options.secret) headers.set("Authorization", `Bearer ${options.secret}`);
  if (options.body !== undefined) headers.set("Content-Type", "application/json");
  const response = await handleApiRequest(
    new Request(`http://localhost/api/v1${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    }),
    { ratePerMinute: options.ratePerMinute },
  );
  const text = await response.text();
  const type = response.headers.get("Content-Type") ?? "";
  const json = type.includes("json") && text ? (JSON.parse(text) as Record<string, unknown>) : null;
  return { response, status: response.status, json, text };
}
