// Server-renders a page component as the app does (i18n, Mantine, a router for its links),
// without Mantine's inline <style> tags, for tests that read a page's HTML.
import { MantineProvider } from "@mantine/core";
import { createElement, type ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import {
  createStaticHandler,
  createStaticRouter,
  StaticRouterProvider,
} from "react-router-dom/server";
import { i18nFor } from "~/lib/i18n.server";
import { theme } from "~/lib/ui/theme";

export async function renderPage(page: ReactElement, language: "en" | "zh" = "en", url = "/") {
  const i18n = await i18nFor(language);
  const handler = createStaticHandler([{ path: "*", element: page }]);
  const context = await handler.query(new Request(new URL(url, "http://localhost/")));
  if (context instanceof Response) throw new Error("unexpected redirect");
  const router = createStaticRouter(handler.dataRoutes, context);
  const html = renderToString(
    createElement(
      I18nextProvider,
      { i18n },
      createElement(
        MantineProvider,
        { theme },
        createElement(StaticRouterProvider, { router, context }),
      ),
    ),
  );
  return html.replace(/<style[^>]*>.*?<\/style>/gs, "");
}

/** A page's text, tags removed and spaces collapsed. */
export const textOf = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
