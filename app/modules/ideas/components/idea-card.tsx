import { Badge, Card, Group, Text } from "@mantine/core";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DAY_MS, formatDate } from "~/lib/dates";

export const IDEA_STATUS_COLOR: Record<string, string> = {
  SUBMITTED: "gray",
  UNDER_REVIEW: "blue",
  ACCEPTED: "teal",
  IMPLEMENTED: "green",
  DECLINED: "red",
  DUPLICATE: "orange",
};

export function IdeaStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={IDEA_STATUS_COLOR[status] ?? "gray"} variant="light">
      {t(`ideas.status.${status}`)}
    </Badge>
  );
}

export interface IdeaCardData {
  id: string;
  title: string;
  status: string;
  category: string;
  votes: number;
  recentVotes: number;
  comments: number;
  department: string | null;
  createdAt: string;
  hidden: boolean;
  votedByMe: boolean;
}

/** Age in whole days, computed from the server's clock to keep hydration stable. */
function ageInDays(createdAt: string, now: string) {
  return Math.max(0, Math.floor((Date.parse(now) - Date.parse(createdAt)) / DAY_MS));
}

export function IdeaCard({ idea, now }: { idea: IdeaCardData; now: string }) {
  const { t, i18n } = useTranslation();
  const days = ageInDays(idea.createdAt, now);
  return (
    <Card withBorder padding="md" data-testid="idea-card" data-idea={idea.id}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" mb="xs">
        <Text fw={600} component={Link} to={`/ideas/${idea.id}`} style={{ color: "inherit" }}>
          {idea.title}
        </Text>
        <IdeaStatusBadge status={idea.status} />
      </Group>
      <Group gap="xs" mb="xs">
        <Badge variant="outline" color="gray">
          {t(`ideas.category.${idea.category}`)}
        </Badge>
        {idea.hidden && <Badge color="dark">{t("ideas.hidden")}</Badge>}
      </Group>
      <Group gap="md">
        <Text
          size="sm"
          data-testid="idea-votes"
          fw={idea.votedByMe ? 700 : 400}
          c={idea.votedByMe ? "teal" : undefined}
        >
          ▲ {t("ideas.voteCount", { count: idea.votes })}
        </Text>
        <Text size="sm">💬 {t("ideas.commentCount", { count: idea.comments })}</Text>
        <Text size="sm" c="dimmed">
          {idea.department ?? t("ideas.noDepartment")}
        </Text>
        <Text size="sm" c="dimmed" title={formatDate(idea.createdAt, i18n.language)}>
          {days === 0 ? t("ideas.today") : t("ideas.daysAgo", { count: days })}
        </Text>
      </Group>
    </Card>
  );
}
