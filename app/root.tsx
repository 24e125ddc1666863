import "./mantine-styles.css";
import "@mantine/charts/styles.css";
import "./app.css";
import "~/lib/zod-config";
import { ColorSchemeScript, MantineProvider, mantineHtmlProps } from "@mantine/core";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { resolveLanguage } from "~/lib/i18n.server";
import { DEFAULT_LANGUAGE, type Language } from "~/lib/i18n";
import { useNonce } from "~/lib/nonce";
import { getCurrentSession } from "~/lib/session.server";
import { ErrorPage } from "~/lib/ui/error-page";
import { useRouterAnchorNavigation } from "~/lib/ui/router-anchor";
import { Shell, type ShellUser } from "~/lib/ui/shell";
import { theme } from "~/lib/ui/theme";
import { themeCssVariables } from "~/lib/ui/theme-css-variables";
import { unreadCount } from "~/modules/notifications/index.server";

export const meta: MetaFunction = () => [{ title: "Uptake" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await getCurrentSession(request);
  const language = await resolveLanguage(request, current?.user.preferredLanguage);
  const user: ShellUser | null = current
    ? {
        id: current.user.id,
        name: current.user.name,
        email: current.user.email,
        role: current.user.role,
        scopeDepartmentIds: current.user.scopeDepartmentIds,
      }
    : null;
  const headers = new Headers();
  // Lucia extended the session: the cookie's expiry follows.
  if (current?.refreshedCookie) headers.append("Set-Cookie", current.refreshedCookie);
  const unreadNotifications = current ? await unreadCount(current.user.id) : 0;
  return data(
    {
      language,
      user,
      unreadNotifications,
      mustChangePassword: current?.user.mustChangePassword ?? false,
    },
    { headers },
  );
}

export type RootLoaderData = Awaited<ReturnType<typeof loader>>["data"];

export function Layout({ children }: { children: ReactNode }) {
  const rootData = useRouteLoaderData<typeof loader>("root");
  const language = rootData?.language ?? DEFAULT_LANGUAGE;
  // Content-Security-Policy: inline scripts and style tags carry the request's nonce.
  const nonce = useNonce();
  useRouterAnchorNavigation();
  useEffect(() => {
    // Lets browser tests (and curious people) know the page is interactive.
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang={language === "zh" ? "zh-CN" : "en"} data-language={language} {...mantineHtmlProps}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <Meta />
        <Links />
        <ColorSchemeScript defaultColorScheme="light" nonce={nonce} />
        <style
          data-mantine-styles
          nonce={nonce}
          dangerouslySetInnerHTML={{ __html: themeCssVariables() }}
        />
      </head>
      <body>
        <MantineProvider
          theme={theme}
          defaultColorScheme="light"
          withCssVariables={false}
          getStyleNonce={() => nonce ?? ""}
        >
          {children}
        </MantineProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function WithShell({ children }: { children: ReactNode }) {
  const rootData = useRouteLoaderData<typeof loader>("root");
  const language: Language = rootData?.language ?? DEFAULT_LANGUAGE;
  useChangeLanguage(language);
  // A user who must change a temporary password sees only that page, without navigation.
  if (!rootData?.user || rootData.mustChangePassword) return <>{children}</>;
  return (
    <Shell user={rootData.user} language={language} unread={rootData.unreadNotifications}>
      {children}
    </Shell>
  );
}

export default function App() {
  return (
    <WithShell>
      <Outlet />
    </WithShell>
  );
}

export function ErrorBoundary() {
  const { i18n } = useTranslation();
  return (
    <WithShell>
      <div lang={i18n.language}>
        <ErrorPage />
      </div>
    </WithShell>
  );
}
