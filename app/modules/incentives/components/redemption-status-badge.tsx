import { useTranslation } from "react-i18next";
import { PlainBadge } from "~/lib/ui/plain";

export const REDEMPTION_STATUS_COLOR: Record<string, string> = {
  PENDING: "yellow",
  FULFILLED: "green",
  REJECTED: "red",
  CANCELLED: "gray",
};

export function RedemptionStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <PlainBadge color={REDEMPTION_STATUS_COLOR[status] ?? "gray"}>
      {t(`rewards.redemptions.statusLabel.${status}`)}
    </PlainBadge>
  );
}
