// One error shape. Modules throw these; `toResponse` (errors.server) maps them to HTTP.

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly status: number,
    /** i18n key of the message shown to the user. */
    readonly messageKey: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(messageKey);
  }
}

export class NotFoundError extends AppError {
  constructor(messageKey = "errors.notFound") {
    super(404, messageKey);
  }
}

export class ForbiddenError extends AppError {
  constructor(messageKey = "errors.forbidden") {
    super(403, messageKey);
  }
}

/** Input that breaks a rule; field errors hold i18n keys per field name. */
export class ValidationError extends AppError {
  constructor(fieldErrors: FieldErrors, messageKey = "errors.invalid") {
    super(400, messageKey, fieldErrors);
  }
}

export class ConflictError extends AppError {
  constructor(messageKey: string, fieldErrors: FieldErrors = {}) {
    super(409, messageKey, fieldErrors);
  }
}

/** A body that claims to be a form but cannot be read as one (broken multipart, say). */
export class BadRequestError extends AppError {
  constructor(messageKey = "errors.badRequest") {
    super(400, messageKey);
  }
}

/** A form action posted with a body that is not a form (text/plain, JSON, none). */
export class UnsupportedMediaTypeError extends AppError {
  constructor(messageKey = "errors.unsupportedMediaType") {
    super(415, messageKey);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(messageKey = "errors.tooManyRequests") {
    super(429, messageKey);
  }
}

/** What an action returns when it refuses input: shown next to fields and above the form. */
export interface ActionFailure<I extends string = string> {
  ok: false;
  formError: string;
  fieldErrors: FieldErrors;
  /** Which form on the page failed, when a page has several. */
  intent?: I;
}
