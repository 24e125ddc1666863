import { useTranslation } from "react-i18next";
import { PlainBadge } from "~/lib/ui/plain";
import type { KpiStatusValue } from "../status";

export const KPI_STATUS_COLORS: Record<KpiStatusValue, string> = {
  ON_TRACK: "teal",
  AT_RISK: "yellow",
  OFF_TRACK: "red",
  NO_TARGET: "gray",
  NO_DATA: "gray",
};

/** A KPI's status as a coloured badge (plain markup: boards repeat it per row). */
export function KpiStatusBadge({ status }: { status: KpiStatusValue }) {
  const { t } = useTranslation();
  return (
    <PlainBadge
      color={KPI_STATUS_COLORS[status]}
      variant={status === "NO_DATA" ? "outline" : "light"}
    >
      {t(`kpis.status.${status}`)}
    </PlainBadge>
  );
}
