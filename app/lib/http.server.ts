import { data, redirect } from "@remix-run/node";
import type { z } from "zod";
import {
  AppError,
  BadRequestError,
  UnsupportedMediaTypeError,
  ValidationError,
  type ActionFailure,
  type FieldErrors,
} from "./errors";
import { recordRefusalInScope } from "./security-events.server";

/** The error payload every route boundary renders (never a stack trace). */
export interface ErrorPayload {
  messageKey: string;
}

/** Turns a thrown AppError into the Response Remix renders through the error boundary. */
export function errorResponse(error: AppError) {
  // A module's refusal (scope checks): audited like the permission guard's (decision 012).
  if (error.status === 403) recordRefusalInScope(error.messageKey);
  return data<ErrorPayload>({ messageKey: error.messageKey }, { status: error.status });
}

export function forbidden() {
  return data<ErrorPayload>({ messageKey: "errors.forbidden" }, { status: 403 });
}

export function notFound() {
  return data<ErrorPayload>({ messageKey: "errors.notFound" }, { status: 404 });
}

/**
 * Runs an action's module call. Validation and conflict errors come back as form data
 * (status 400/409/429) for the form to show; other AppErrors go to the error boundary.
 */
export async function runAction<T, I extends string = string>(work: () => Promise<T>, intent?: I) {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) {
      // 401 is "confirm your password" before a sensitive action: the page asks, then resubmits.
      if ([400, 401, 409, 429].includes(error.status)) {
        return data<ActionFailure<I>>(
          { ok: false, formError: error.messageKey, fieldErrors: error.fieldErrors, intent },
          { status: error.status },
        );
      }
      throw errorResponse(error);
    }
    throw error;
  }
}

/** Runs a loader's work; any AppError (404, 403, bad parameters) goes to the error boundary. */
export async function runLoader<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) throw errorResponse(error);
    throw error;
  }
}

const REDIRECT_BASE = "http://uptake.invalid";

/**
 * Only same-site paths are followed after sign-in. The target is parsed the way a browser
 * would (which drops tabs and newlines and turns backslashes into slashes), so tricks like
 * "/\t/evil.example" cannot leave the site. Parsing also resolves dot segments (plain or
 * %2e-encoded), which can leave a path starting with "//" ("/..//evil.example"): a browser
 * reads that as another host, so the normalised result is checked again, not the input.
 */
export function safeRedirectPath(target: string | null | undefined, fallback = "/"): string {
  if (!target || !target.startsWith("/")) return fallback;
  try {
    const url = new URL(target, REDIRECT_BASE);
    if (url.origin !== REDIRECT_BASE) return fallback;
    const path = `${url.pathname}${url.search}${url.hash}`;
    if (/^[/\\][/\\]/.test(path)) return fallback;
    // The browser resolves the Location again: it must land on the same path.
    const again = new URL(path, REDIRECT_BASE);
    if (again.origin !== REDIRECT_BASE || again.pathname !== url.pathname) return fallback;
    return path;
  } catch {
    return fallback;
  }
}

export { redirect };

/** Field errors (i18n keys) from a zod error, first message per field. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const result: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    result[key] ??= issue.message;
  }
  return result;
}

/** Parses a plain object with the form's schema; invalid input throws a ValidationError. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(fieldErrorsOf(result.error));
  return result.data;
}

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * The request's form fields (strings only). A body that is not a form answers 415, one that
 * cannot be read as the form it claims to be answers 400 (thrown as a data() error response,
 * so callers outside runAction get the status too), never a 500.
 */
export async function readFormFields(request: Request): Promise<Record<string, string>> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) throw errorResponse(new UnsupportedMediaTypeError());
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    throw errorResponse(new BadRequestError());
  }
  const input: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string") input[key] = value;
  }
  return input;
}

/** Reads the request's form fields (strings only) and parses them with the schema. */
export async function parseForm<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<z.output<S>> {
  return parseWith(schema, await readFormFields(request));
}

/** Parses a JSON request body (forms with lists of sub-fields) with the form's schema. */
export async function parseJson<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new ValidationError({}, "errors.invalid");
  }
  return parseWith(schema, body);
}

/** Parses URL search parameters (list filters); schemas there fall back instead of failing. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  return parseWith(schema, Object.fromEntries(new URL(request.url).searchParams));
}
