import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

const STATUS_COLOR: Record<string, string> = {
  NOT_STARTED: "gray",
  IN_PROGRESS: "blue",
  COMPLETED: "teal",
  OVERDUE: "red",
  EXPIRED: "orange",
  WITHDRAWN: "dark",
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status] ?? "gray"} variant="light" miw={96}>
      {t(`reports.status.${status}`)}
    </Badge>
  );
}
