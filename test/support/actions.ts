import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

export const actionArgs = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: { clientAddress: "10.8.8.8" } }) as ActionFunctionArgs;

export const loaderArgs = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: {} }) as LoaderFunctionArgs;

/** A form post as the browser sends it (urlencoded), signed in with the cookie. */
export const formPost = (url: string, cookie: string, form: Record<string, string>) =>
  new Request(new URL(url, "http://localhost"), {
    method: "POST",
    headers: { Cookie: cookie },
    body: new URLSearchParams(form),
  });

/**
 * The status a browser would get from a loader or action: what it returned or threw (a
 * Response or `data()`), and 500 for any other error.
 */
export async function outcomeStatus(work: () => Promise<unknown>): Promise<number> {
  const statusOf = (value: unknown) => {
    if (value instanceof Response) return value.status;
    return (value as { init?: { status?: number } } | null)?.init?.status ?? 200;
  };
  try {
    return statusOf(await work());
  } catch (thrown) {
    if (thrown instanceof Response || (thrown && typeof thrown === "object" && "init" in thrown))
      return statusOf(thrown);
    return 500;
  }
}
