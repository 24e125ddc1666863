// Errors the API answers with, as problem+json (RFC 9457). `type` names the problem by a URL
// on this server (/api/v1/problems#code, listed in the API reference); `detail` is English
// text for a person reading logs; `errors` lists field problems with JSON pointers.
import type { z } from "zod";
import { AppError } from "~/lib/errors";
import { getFixedT } from "~/lib/i18n.server";

export const PROBLEM_TYPES = {
  unauthorized: { status: 401, title: "Unauthorized" },
  forbidden: { status: 403, title: "Forbidden" },
  "not-found": { status: 404, title: "Not Found" },
  "method-not-allowed": { status: 405, title: "Method Not Allowed" },
  conflict: { status: 409, title: "Conflict" },
  "unsupported-media-type": { status: 415, title: "Unsupported Media Type" },
  "invalid-request": { status: 422, title: "Unprocessable Content" },
  "rate-limited": { status: 429, title: "Too Many Requests" },
  "bad-request": { status: 400, title: "Bad Request" },
  internal: { status: 500, title: "Internal Server Error" },
} as const;
export type ProblemCode = keyof typeof PROBLEM_TYPES;

export interface FieldProblem {
  /** JSON pointer into the body or query: "/email", "/query/limit". */
  pointer: string;
  /** The message key (stable; for programs). */
  code: string;
  detail: string;
}

export class ApiProblem extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly extras: { errors?: FieldProblem[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
  }
}

export function problemResponse(problem: ApiProblem, request: Request): Response {
  const { status, title } = PROBLEM_TYPES[problem.code];
  const origin = new URL(request.url).origin;
  const body = {
    type: `${origin}/api/v1/problems#${problem.code}`,
    title,
    status,
    detail: problem.detail,
    instance: new URL(request.url).pathname,
    ...(problem.extras.errors ? { errors: problem.extras.errors } : {}),
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "Content-Type": "application/problem+json",
      "Cache-Control": "no-store",
      ...problem.extras.headers,
    },
  });
}

const pointerOf = (prefix: string, path: string) =>
  `${prefix}/${path.split(".").filter(Boolean).join("/")}`;

/** The field problems of a ValidationError (message keys per field), in English. */
async function fieldProblems(fieldErrors: Record<string, string>, prefix: string) {
  const t = await getFixedT("en");
  return Object.entries(fieldErrors).map(([path, code]) => ({
    pointer: pointerOf(prefix, path),
    code,
    detail: t(code),
  }));
}

/** A zod failure on the body ("") or the query ("/query"). */
export async function invalidInput(error: z.ZodError, prefix: string): Promise<ApiProblem> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".");
    fieldErrors[path] ??= issue.message;
  }
  return new ApiProblem("invalid-request", "The request has invalid fields.", {
    errors: await fieldProblems(fieldErrors, prefix),
  });
}

const STATUS_CODES: Record<number, ProblemCode> = {
  400: "invalid-request",
  403: "forbidden",
  404: "not-found",
  409: "conflict",
  415: "unsupported-media-type",
  429: "rate-limited",
};

/** A module's AppError as the API's problem: validation failures keep their fields. */
export async function problemOf(error: AppError): Promise<ApiProblem> {
  const t = await getFixedT("en");
  const code = STATUS_CODES[error.status] ?? "bad-request";
  const hasFields = Object.keys(error.fieldErrors).length > 0;
  return new ApiProblem(code, t(error.messageKey), {
    ...(hasFields ? { errors: await fieldProblems(error.fieldErrors, "") } : {}),
  });
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
