import { useNavigate } from "@remix-run/react";
import { useEffect, type ComponentPropsWithoutRef } from "react";

/**
 * A path inside the app: absolute, or only a query or a fragment of the current page. Relative
 * paths are left out because the browser resolves them against the address and Remix against
 * the route, which differ.
 */
export type AppPath = `/${string}` | `?${string}` | `#${string}`;

export type RouterAnchorProps = Omit<ComponentPropsWithoutRef<"a">, "href"> & { to: AppPath };

/**
 * A plain `<a>` with the markup of Remix's `<Link>`, followed in the page by the one listener
 * of `useRouterAnchorNavigation`. Remix's Link runs seven router hooks per link to resolve
 * its path and click handler; a table of 50 rows with two links each spent about 8 ms of the
 * server's render on them (decision 047).
 */
export function RouterAnchor({ to, ...props }: RouterAnchorProps) {
  // `data-discover` is what Remix's Link renders: its route discovery reads it too.
  return <a {...props} href={to} data-discover="true" />;
}

export interface ClickFacts {
  defaultPrevented: boolean;
  button: number;
  metaKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
}

export interface AnchorFacts {
  /** The resolved address (`HTMLAnchorElement.href`). */
  href: string;
  target: string;
  download: boolean;
  discover: boolean;
}

/**
 * Where a click on a link should navigate inside the app, or null when the browser should
 * handle it (React Router's rules: a plain left click on a same-origin link, not already
 * handled, that opens in this tab and is not a download). Linking to the current address
 * replaces the history entry, as Link does.
 */
export function routerLinkTarget(
  click: ClickFacts,
  anchor: AnchorFacts,
  current: { origin: string; path: string },
): { path: string; replace: boolean } | null {
  if (click.defaultPrevented || click.button !== 0) return null;
  if (click.metaKey || click.altKey || click.ctrlKey || click.shiftKey) return null;
  if (!anchor.discover || anchor.download) return null;
  if (anchor.target && anchor.target !== "_self") return null;
  const url = new URL(anchor.href);
  if (url.origin !== current.origin) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return { path, replace: path === current.path };
}

/**
 * Follows clicks on RouterAnchors with the client router. The listener is on `window`, so it
 * runs after React's own handlers (on the document): a Remix Link there has already called
 * preventDefault and is left alone.
 */
export function useRouterAnchorNavigation() {
  const navigate = useNavigate();
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!(anchor instanceof HTMLAnchorElement)) return;
      const target = routerLinkTarget(
        event,
        {
          href: anchor.href,
          target: anchor.target,
          download: anchor.hasAttribute("download"),
          discover: anchor.hasAttribute("data-discover"),
        },
        {
          origin: window.location.origin,
          path: `${window.location.pathname}${window.location.search}${window.location.hash}`,
        },
      );
      if (!target) return;
      event.preventDefault();
      navigate(target.path, { replace: target.replace });
    };
    window.addEventListener("click", onClick);
    return () => window.removeEventListener("click", onClick);
  }, [navigate]);
}
