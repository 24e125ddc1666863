import "~/subscribers.server";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { I18nextProvider } from "react-i18next";
import { getEnv } from "~/lib/env.server";
import { i18nFor } from "~/lib/i18n.server";
import { loggablePath, logger } from "~/lib/logger.server";
import { NonceProvider } from "~/lib/nonce";
import { renderDocument } from "~/lib/render-document.server";
import { scheduleJobs, startEventLoopMonitor } from "~/modules/ops/index.server";
import { DEFAULT_LANGUAGE, isLanguage } from "~/lib/i18n";
import { enablePromptDelivery } from "~/modules/webhooks/index.server";

// Check the environment when the server loads, so a bad setting stops it with a clear message.
const env = getEnv();
if (env.UPTAKE_JOBS === "on" && env.NODE_ENV === "production") scheduleJobs();
// A change that queues webhook deliveries has them sent right after it (decision 045).
enablePromptDelivery();
// Event-loop delay for /healthz and the log, measured from the start (decision 027).
startEventLoopMonitor();

const ABORT_DELAY_MS = 5000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext = {},
) {
  // The root loader decided the language (user preference, cookie, browser).
  const rootData = remixContext.staticHandlerContext.loaderData.root as
    { language?: string } | undefined;
  const language = isLanguage(rootData?.language) ? rootData.language : DEFAULT_LANGUAGE;
  const i18n = await i18nFor(language);

  // The other security headers (CSP, nosniff, frame and referrer policy): scripts/security-headers.mjs.
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  const nonce = loadContext.cspNonce;

  return renderDocument(
    <NonceProvider value={nonce}>
      <I18nextProvider i18n={i18n}>
        <RemixServer
          context={remixContext}
          url={request.url}
          abortDelay={ABORT_DELAY_MS}
          nonce={nonce}
        />
      </I18nextProvider>
    </NonceProvider>,
    {
      request,
      status: responseStatusCode,
      headers: responseHeaders,
      nonce,
      abortDelayMs: ABORT_DELAY_MS,
    },
  );
}

/**
 * Unexpected server errors are logged once as structured JSON, never sent to the browser.
 * Refusals and invalid requests (thrown 4xx responses: not found, forbidden, bad input) are
 * answers, not errors: the request log already has their status.
 */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  const status = statusOf(error);
  if (status !== undefined && status < 500) return;
  // Remix reports a client's stray ?_data= request this way; the client is wrong, not us.
  if (error instanceof Error && error.message.startsWith("Warning: Single fetch-enabled apps")) {
    logger.warn({ path: loggablePath(request.url) }, "legacy ?_data request");
    return;
  }
  logger.error(
    { err: error, method: request.method, path: loggablePath(request.url), status },
    "request failed",
  );
}

function statusOf(error: unknown): number | undefined {
  if (isRouteErrorResponse(error)) return error.status;
  if (error instanceof Response) return error.status;
  // A thrown data(...) that did not become an error response yet.
  const init = (error as { type?: string; init?: { status?: number } } | null)?.init;
  if ((error as { type?: string } | null)?.type === "DataWithResponseInit") return init?.status;
  return undefined;
}
