import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates";
import { DimmedText, PlainBadge } from "~/lib/ui/plain";
import { BADGE_ICONS, badgeNameKey, badgeRuleKey, isBadgeKey } from "../badges";

export interface BadgeListItem {
  key: string;
  awardedAt: Date | string;
}

const LIST_STYLE = {
  listStyle: "none",
  margin: 0,
  padding: 0,
  display: "flex",
  flexWrap: "wrap",
  gap: "var(--mantine-spacing-sm)",
} as const;

/**
 * A person's badges with the date each was earned (the profile card, the board, My points).
 * Each badge's rule is its tooltip, so a colleague can see what it took.
 */
export function BadgeList({ badges, emptyText }: { badges: BadgeListItem[]; emptyText?: string }) {
  const { t, i18n } = useTranslation();
  if (badges.length === 0) {
    return <DimmedText size="sm">{emptyText ?? t("rewards.badges.none")}</DimmedText>;
  }
  return (
    <ul style={LIST_STYLE} data-testid="badge-list" aria-label={t("rewards.badges.listLabel")}>
      {badges.map((badge) => (
        <li key={badge.key} title={t(badgeRuleKey(badge.key))} data-badge={badge.key}>
          <PlainBadge color="grape" size="lg">
            {isBadgeKey(badge.key) ? `${BADGE_ICONS[badge.key]} ` : ""}
            {t(badgeNameKey(badge.key))}
          </PlainBadge>
          <DimmedText>
            {t("rewards.badges.earnedOn", { date: formatDate(badge.awardedAt, i18n.language) })}
          </DimmedText>
        </li>
      ))}
    </ul>
  );
}
