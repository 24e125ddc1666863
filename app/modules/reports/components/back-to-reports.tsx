import { Anchor } from "@mantine/core";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The way back from a drill-down, list or person page to the dashboard. */
export function BackToReports() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/reports" size="sm">
      ← {t("reports.title")}
    </Anchor>
  );
}
