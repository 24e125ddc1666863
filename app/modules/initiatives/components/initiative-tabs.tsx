import { Button, Group } from "@mantine/core";
import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can, type Action, type Principal, type Subject } from "~/lib/permissions";

interface InitiativeTab {
  /** The path under /initiatives/:id ("" is the overview). */
  path: string;
  labelKey: string;
  requires: [Action, Subject];
}

// One initiative's pages, in the order of the tab bar.
export const INITIATIVE_TABS: readonly InitiativeTab[] = [
  { path: "", labelKey: "initiatives.tabs.overview", requires: ["read", "Initiative"] },
  { path: "/pulses", labelKey: "initiatives.tabs.pulses", requires: ["read", "Pulse"] },
  { path: "/readiness", labelKey: "initiatives.tabs.readiness", requires: ["read", "Readiness"] },
  { path: "/effect", labelKey: "kpis.effect.tab", requires: ["read", "Kpi"] },
  { path: "/processes", labelKey: "processes.tab", requires: ["read", "Process"] },
  { path: "/risks", labelKey: "risks.tab", requires: ["read", "Risk"] },
];

/** The tab bar at the top of an initiative's pages; the current page's tab is filled. */
export function InitiativeTabs({ user, initiativeId }: { user: Principal; initiativeId: string }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const base = `/initiatives/${initiativeId}`;
  return (
    <Group gap="xs" component="nav" aria-label={t("initiatives.tabs.label")}>
      {INITIATIVE_TABS.filter((tab) => can(user, ...tab.requires)).map((tab) => {
        const to = base + tab.path;
        const current = tab.path === "" ? pathname === to : pathname.startsWith(to);
        return (
          <Button
            key={tab.path}
            component={Link}
            to={to}
            size="compact-sm"
            variant={current ? "filled" : "subtle"}
            aria-current={current ? "page" : undefined}
          >
            {t(tab.labelKey)}
          </Button>
        );
      })}
    </Group>
  );
}
