// One way to page a list (decision 018): the loader's `page` (lib/fields pageField) and the
// list's page size give the rows to read and, once counted, what the list page kit shows.

export interface PageSummary {
  total: number;
  page: number;
  /** At least 1, so an empty list still has "page 1 of 1". */
  pageCount: number;
}

/**
 * The `skip`/`take` of a page for a query (or `rows.slice(skip, skip + take)` for a list in
 * memory), and `summary(total)` for the page. A page past the end reads no rows: the list
 * shows its empty state, and its pagination the pages there are.
 */
export function paginate(page: number, pageSize: number) {
  return {
    skip: (page - 1) * pageSize,
    take: pageSize,
    summary: (total: number): PageSummary => ({
      total,
      page,
      pageCount: Math.max(1, Math.ceil(total / pageSize)),
    }),
  };
}

/** A cursor page (the API, decision 044): the rows after `afterId` in id order, `limit` of them. */
export interface CursorPage {
  afterId?: string;
  limit: number;
}

/** The filter for the rows after the cursor (all rows on the first page). */
export const afterCursor = (page: CursorPage) => (page.afterId ? { id: { gt: page.afterId } } : {});

/** Id order and one row more than asked, so the caller knows whether another page follows. */
export const inIdOrder = (page: CursorPage) => ({
  orderBy: { id: "asc" as const },
  take: page.limit + 1,
});
