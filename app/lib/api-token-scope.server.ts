import { AsyncLocalStorage } from "node:async_hooks";

// The API token a request came through (decision 044), so that every audit row the request
// writes names it without each module passing it along: the actor is the token's admin.
const tokenScope = new AsyncLocalStorage<{ apiTokenId: string }>();

/** Runs `work` as a request made with this API token. */
export function runWithApiToken<T>(apiTokenId: string, work: () => Promise<T>): Promise<T> {
  return tokenScope.run({ apiTokenId }, work);
}

/** The API token of the request in progress, or null for the app's own pages and jobs. */
export function currentApiTokenId(): string | null {
  return tokenScope.getStore()?.apiTokenId ?? null;
}
