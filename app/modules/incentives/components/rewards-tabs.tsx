import { Button, Group } from "@mantine/core";
import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can, canOnAll, type Action, type Principal, type Subject } from "~/lib/permissions";

interface RewardsTab {
  to: string;
  labelKey: string;
  requires: [Action, Subject];
  /** HR's pages: shown only to people who may see everyone's records. */
  everyone?: boolean;
}

// The incentive board's pages, in the order of the tab bar.
export const REWARDS_TABS: readonly RewardsTab[] = [
  { to: "/rewards", labelKey: "rewards.tabs.board", requires: ["read", "Reward"] },
  { to: "/rewards/points", labelKey: "rewards.tabs.points", requires: ["read", "Points"] },
  { to: "/rewards/kudos", labelKey: "rewards.tabs.kudos", requires: ["read", "Kudos"] },
  { to: "/rewards/catalogue", labelKey: "rewards.tabs.catalogue", requires: ["read", "Reward"] },
  { to: "/rewards/rules", labelKey: "rewards.tabs.rules", requires: ["read", "IncentiveRules"] },
  {
    to: "/rewards/redemptions",
    labelKey: "rewards.tabs.redemptions",
    requires: ["update", "Redemption"],
    everyone: true,
  },
  {
    to: "/rewards/ledger",
    labelKey: "rewards.tabs.ledger",
    requires: ["read", "Points"],
    everyone: true,
  },
  {
    to: "/rewards/kudos/settings",
    labelKey: "rewards.tabs.kudosSettings",
    requires: ["update", "Kudos"],
  },
];

export function rewardsTabsFor(user: Principal): RewardsTab[] {
  return REWARDS_TABS.filter((tab) =>
    tab.everyone ? canOnAll(user, ...tab.requires) : can(user, ...tab.requires),
  );
}

/** The tab bar at the top of every incentive page; the current page's tab is filled. */
export function RewardsTabs({ user }: { user: Principal }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <Group gap="xs" component="nav" aria-label={t("rewards.tabs.label")}>
      {rewardsTabsFor(user).map((tab) => {
        const current = pathname === tab.to;
        return (
          <Button
            key={tab.to}
            component={Link}
            to={tab.to}
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
