import { useTranslation } from "react-i18next";
import { PlainBadge } from "~/lib/ui/plain";
import type { DisplayStatus } from "../enrolment-status";

const STATUS_COLOR: Record<DisplayStatus, string> = {
  NOT_STARTED: "gray",
  IN_PROGRESS: "blue",
  COMPLETED: "teal",
  OVERDUE: "red",
  EXPIRED: "orange",
  WITHDRAWN: "dark",
};

/**
 * An enrolment's status as every page shows it; with `count`, how many enrolments have it.
 * A plain badge (lib/ui/plain.tsx): lists show one per row.
 */
export function EnrolmentStatusBadge({
  status,
  count,
  size,
  minWidth,
}: {
  status: DisplayStatus;
  count?: number;
  size?: "sm" | "md";
  /** In pixels, so that a column of statuses lines up. */
  minWidth?: number;
}) {
  const { t } = useTranslation();
  return (
    <PlainBadge color={STATUS_COLOR[status]} size={size} minWidth={minWidth}>
      {t(`learning.status.${status}`)}
      {count !== undefined && ` ${count}`}
    </PlainBadge>
  );
}
