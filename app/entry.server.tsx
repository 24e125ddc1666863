import { PassThrough } from "node:stream";
import type { EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { createInstance } from "i18next";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { getEnv } from "~/lib/env.server";
import { scheduleJobs } from "~/modules/ops/jobs.server";
import { DEFAULT_LANGUAGE, i18nOptions, isLanguage } from "~/lib/i18n";

// Check the environment when the server loads, so a bad setting stops it with a clear message.
const env = getEnv();
if (env.UPTAKE_JOBS === "on" && env.NODE_ENV === "production") scheduleJobs();

const ABORT_DELAY_MS = 5000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  // The root loader decided the language (user preference, cookie, browser).
  const rootData = remixContext.staticHandlerContext.loaderData.root as
    { language?: string } | undefined;
  const language = isLanguage(rootData?.language) ? rootData.language : DEFAULT_LANGUAGE;
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nOptions, lng: language });

  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  responseHeaders.set("X-Content-Type-Options", "nosniff");
  responseHeaders.set("Referrer-Policy", "same-origin");
  responseHeaders.set("X-Frame-Options", "DENY");

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={i18n}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} />
      </I18nextProvider>,
      {
        onAllReady() {
          shellRendered = true;
          const body = new PassThrough();
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are logged; before it, onShellError handles them.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY_MS);
  });
}

/** Unexpected server errors are logged once as structured JSON, never sent to the browser. */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? error.stack : undefined;
  console.error(
    JSON.stringify({
      level: "error",
      time: new Date().toISOString(),
      url: request.url,
      message,
      stack,
    }),
  );
}
