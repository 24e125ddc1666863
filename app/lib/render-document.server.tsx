import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";
import type { ReactElement } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { loggablePath, logger } from "./logger.server";

export interface RenderOptions {
  request: Request;
  status: number;
  headers: Headers;
  nonce?: string;
  /** A render still running after this long is cut off and answered 500. */
  abortDelayMs: number;
}

/**
 * Renders a whole document (every Suspense boundary resolved) into a streamed response.
 * Every error of the render is logged and makes the answer a 500, including a render cut off
 * by the delay: none is answered silently (issue 13). A browser that went away stops the render
 * and is not an error.
 */
export function renderDocument(element: ReactElement, options: RenderOptions): Promise<Response> {
  const { request, headers, nonce, abortDelayMs } = options;
  let status = options.status;
  return new Promise<Response>((resolve, reject) => {
    // Nobody is waiting for the answer: Remix's error handling sees the abort and stays quiet.
    if (request.signal.aborted) return reject(request.signal.reason);
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(element, {
      nonce,
      onAllReady() {
        shellRendered = true;
        clearTimeout(renderDeadline);
        const body = new PassThrough();
        resolve(new Response(createReadableStreamFromReadable(body), { headers, status }));
        // After the current task: when the deadline's abort completed the last boundary, React
        // is still inside abort() here, and flushing now closes the stream mid-abort.
        queueMicrotask(() => pipe(body));
      },
      onShellError(error: unknown) {
        clearTimeout(renderDeadline);
        // Remix renders its error page for it and logs it through handleError.
        reject(error);
      },
      onError(error: unknown) {
        status = 500;
        if (request.signal.aborted) return;
        logger.error(
          { err: error, path: loggablePath(request.url), shellRendered },
          "render failed",
        );
      },
    });
    const renderDeadline = setTimeout(
      () => abort(new Error(`the page did not render within ${abortDelayMs} ms`)),
      abortDelayMs,
    );
    request.signal.addEventListener(
      "abort",
      () => {
        clearTimeout(renderDeadline);
        abort(request.signal.reason);
        reject(request.signal.reason);
      },
      { once: true },
    );
  });
}
