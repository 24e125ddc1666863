import { z } from "zod";
import type { Prisma } from "./db.server";

// Json columns (decision 019): written from typed values, read back through the zod schema of
// the module that owns the column. A stored value that fails its schema is a bug or a hand
// edit: reading it throws (a 500, logged with the column and the first problems) instead of
// guessing a value.

export class StoredJsonError extends Error {
  constructor(
    readonly column: string,
    readonly issues: z.core.$ZodIssue[],
  ) {
    const problems = issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join(".") || "(value)"}: ${issue.message}`)
      .join("; ");
    super(`${column} does not match its schema (${problems})`);
    this.name = "StoredJsonError";
  }
}

/** One stored Json value through its schema; `column` ("Model.field") names it in the log. */
export function readJsonColumn<S extends z.ZodType>(
  column: string,
  schema: S,
  value: unknown,
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new StoredJsonError(column, result.error.issues);
  return result.data;
}

/**
 * A free-form value (audit details) as its JSON text reads back: Dates become ISO strings,
 * undefined properties go. `undefined` stays undefined, which leaves the column NULL.
 */
export function toJsonColumn(value: unknown): Prisma.InputJsonValue | undefined {
  return value === undefined
    ? undefined
    : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);
}
