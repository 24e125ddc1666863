import { Button, Group } from "@mantine/core";
import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can, type Action, type Principal, type Subject } from "~/lib/permissions";

// The KPI pages' own tab bar: the board, the definitions, the import and customer feedback.
const KPI_SECTIONS: readonly { to: string; labelKey: string; requires: [Action, Subject] }[] = [
  { to: "/initiatives/kpis", labelKey: "kpis.nav.board", requires: ["read", "Kpi"] },
  {
    to: "/initiatives/kpis/definitions",
    labelKey: "kpis.nav.definitions",
    requires: ["read", "Kpi"],
  },
  {
    to: "/initiatives/kpis/import",
    labelKey: "kpis.nav.import",
    requires: ["import", "KpiActual"],
  },
  {
    to: "/initiatives/feedback",
    labelKey: "kpis.nav.feedback",
    requires: ["read", "CustomerFeedback"],
  },
];

export function KpiNav({ user }: { user: Principal }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <Group gap="xs" component="nav" aria-label={t("kpis.nav.label")} mb="md">
      {KPI_SECTIONS.filter((s) => can(user, ...s.requires)).map((section) => {
        const current =
          section.to === "/initiatives/kpis"
            ? pathname === section.to
            : pathname.startsWith(section.to);
        return (
          <Button
            key={section.to}
            component={Link}
            to={section.to}
            size="compact-sm"
            variant={current ? "filled" : "subtle"}
            aria-current={current ? "page" : undefined}
          >
            {t(section.labelKey)}
          </Button>
        );
      })}
    </Group>
  );
}
