// Cursor pagination (decision 044): lists walk their rows in id order and the cursor is the
// last id served, so a walk neither repeats nor skips a row that existed when it started,
// whatever is inserted meanwhile (new rows with smaller ids are left for the next sync).
import type { CursorPage } from "~/lib/pagination.server";
import { ApiProblem } from "./problem.server";

export function encodeCursor(lastId: string): string {
  return Buffer.from(JSON.stringify({ after: lastId })).toString("base64url");
}

/** The id to continue after, or undefined for the first page; a forged cursor is a 422. */
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  try {
    const { after } = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as {
      after?: unknown;
    };
    if (typeof after === "string" && after.length > 0 && after.length <= 64) return after;
  } catch {
    // falls through to the problem
  }
  throw new ApiProblem("invalid-request", "The cursor is not one this API gave.", {
    errors: [
      {
        pointer: "/query/cursor",
        code: "api.cursor",
        detail: "Unknown cursor: pass back a next_cursor this API gave.",
      },
    ],
  });
}

/**
 * The page of `rows` (read with `limit + 1`, so the next page's existence is known without a
 * count) and the cursor that continues after it.
 */
export function cursorPage<T extends { id: string }, V>(
  rows: T[],
  limit: number,
  view: (row: T) => V,
): { data: V[]; next_cursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map(view),
    next_cursor: rows.length > limit && last ? encodeCursor(last.id) : null,
  };
}

/** A list endpoint's answer: the page after the query's cursor, read by `read`, each row by `view`. */
export async function listPage<T extends { id: string }, V>(
  query: { cursor?: string; limit: number },
  read: (page: CursorPage) => Promise<T[]>,
  view: (row: T) => V,
) {
  const rows = await read({ afterId: decodeCursor(query.cursor), limit: query.limit });
  return cursorPage(rows, query.limit, view);
}
