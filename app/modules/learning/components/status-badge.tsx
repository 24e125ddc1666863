import { Badge, type BadgeProps } from "@mantine/core";
import { useTranslation } from "react-i18next";
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
 * Layout props (size, width, style) pass through to the badge.
 */
export function EnrolmentStatusBadge({
  status,
  count,
  ...layout
}: { status: DisplayStatus; count?: number } & Omit<BadgeProps, "color" | "variant">) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" {...layout}>
      {t(`learning.status.${status}`)}
      {count !== undefined && ` ${count}`}
    </Badge>
  );
}
