// `npm run dev`: the production Express app (app.mjs) with Vite inside it, so development
// has the same security headers, same-origin check, body limits, client address and logs.
import { createApp, loadContextOf } from "./app.mjs";
import { remixHandler } from "./remix-handler.mjs";

/**
 * The app with Vite's dev server as middleware: Vite serves the browser modules and the
 * hot-reload client, Remix renders from the sources (reloaded on change). Hot reload's
 * WebSocket shares `httpServer`, so it is same-origin like everything else (the page's
 * `connect-src 'self'` allows it). `viteConfig` is merged into vite.config.ts (tests).
 *
 * @param {{ httpServer: import("node:http").Server, logger?: import("pino").Logger,
 *   viteConfig?: import("vite").InlineConfig }} options
 */
export async function createDevApp({ httpServer, logger, viteConfig = {} }) {
  const { createServer, mergeConfig } = await import("vite");
  const vite = await createServer(
    mergeConfig(viteConfig, { server: { middlewareMode: true, hmr: { server: httpServer } } }),
  );
  const app = createApp({
    viteDev: vite.middlewares,
    handler: remixHandler({
      build: () => vite.ssrLoadModule("virtual:remix/server-build"),
      mode: "development",
      getLoadContext: loadContextOf,
    }),
    logger,
  });
  return { app, vite };
}
