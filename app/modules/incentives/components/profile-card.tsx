import { Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Principal } from "~/lib/permissions";
import { BadgeList, type BadgeListItem } from "./badge-list";
import { RewardsTabs } from "./rewards-tabs";

export interface ProfileCardData {
  person: { id: string; name: string; jobTitle: string; departmentName: string | null };
  badges: BadgeListItem[];
  /** Null when the person hides from leaderboards and the viewer is neither them nor HR. */
  pointsEarned: number | null;
  canSendKudos: boolean;
}

/** /rewards/people/:userId: a colleague's card on the incentive board. */
export function ProfileCardPage({ user, card }: { user: Principal; card: ProfileCardData }) {
  const { t } = useTranslation();
  const { person } = card;
  const subtitle = [person.jobTitle, person.departmentName].filter(Boolean).join(" · ");
  return (
    <Stack maw={760}>
      <RewardsTabs user={user} />
      <Card withBorder data-testid="profile-card">
        <Group justify="space-between" align="flex-start" mb="md">
          <div>
            <Title order={1} size="h2">
              {person.name}
            </Title>
            {subtitle && <Text c="dimmed">{subtitle}</Text>}
          </div>
          {card.canSendKudos && (
            <Button component={Link} to={`/rewards/kudos?to=${encodeURIComponent(person.id)}`}>
              {t("rewards.profile.sendKudos")}
            </Button>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t("rewards.profile.pointsEarned")}
        </Text>
        <Text size="xl" fw={700} mb="md" data-testid="points-earned">
          {card.pointsEarned === null ? t("rewards.profile.pointsHidden") : card.pointsEarned}
        </Text>
        <Title order={2} size="h4" mb="xs">
          {t("rewards.profile.badges")}
        </Title>
        <BadgeList badges={card.badges} emptyText={t("rewards.profile.noBadges")} />
      </Card>
    </Stack>
  );
}
