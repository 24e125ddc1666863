import { TextLink } from "~/lib/ui/plain";
import { useTranslation } from "react-i18next";

/** The way back from a drill-down, list or person page to the dashboard. */
export function BackToReports() {
  const { t } = useTranslation();
  return (
    <TextLink to="/reports" size="sm">
      ← {t("reports.title")}
    </TextLink>
  );
}
