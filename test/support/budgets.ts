// Query budgets (issue 13, decision 028): a loader's SQL statements with few rows and with
// many, so that an N+1 regression fails the test that calls these.
import { expect } from "vitest";
import { statementCount } from "~/lib/statement-count.server";
import { loaderArgs } from "./actions";
import { request } from "./factories";

export const SMALL = 3;
export const LARGE = 30;

/** Statements issued by `work`, and the size of what it answered. */
export async function measure(work: () => Promise<unknown>) {
  const before = statementCount();
  const result = await work();
  return { statements: statementCount() - before, size: JSON.stringify(result).length };
}

export type Route = { loader: (args: never) => Promise<unknown> };

/** A route loader as the browser calls it, signed in with the cookie. */
export const loadPage = (
  route: Route,
  url: string,
  cookie: string,
  params: Record<string, string> = {},
) => route.loader(loaderArgs(request(url, { cookie }), params) as never);

/**
 * Seeds SMALL rows and measures the loader, seeds up to LARGE and measures again: the page
 * answers more (so the seed reaches it) with the same statements, within the budget.
 */
export async function expectFlatBudget(
  budget: number,
  load: () => Promise<unknown>,
  addRows: (count: number) => Promise<unknown>,
) {
  await addRows(SMALL);
  const small = await measure(load);
  await addRows(LARGE - SMALL);
  const large = await measure(load);
  expect(large.size).toBeGreaterThan(small.size);
  expect(small.statements).toBe(large.statements);
  expect(large.statements).toBeLessThanOrEqual(budget);
}

/** The statements of one loader call at SMALL and at LARGE rows, within its budget. */
export async function expectPageBudget(
  budget: number,
  page: { route: Route; url: string; cookie: string; params?: Record<string, string> },
  addRows: (count: number) => Promise<unknown>,
) {
  await expectFlatBudget(
    budget,
    () => loadPage(page.route, page.url, page.cookie, page.params),
    addRows,
  );
}

export const times = async (count: number, make: (i: number) => Promise<unknown>) => {
  for (let i = 0; i < count; i++) await make(i);
};
