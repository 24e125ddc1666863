import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DAY_MS, formatDate } from "~/lib/dates";
import { PlainBadge, PlainCard, PlainGroup, PlainText, TEXT_CLASS } from "~/lib/ui/plain";

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
    <PlainBadge color={IDEA_STATUS_COLOR[status] ?? "gray"}>
      {t(`ideas.status.${status}`)}
    </PlainBadge>
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

const TITLE_STYLE = { color: "inherit", fontWeight: 600 };
const TITLE_CLASSES = `mantine-focus-auto ${TEXT_CLASS}`;

/** A card of the board: plain elements with Mantine's classes (decision 030), 20 a page. */
export function IdeaCard({ idea, now }: { idea: IdeaCardData; now: string }) {
  const { t, i18n } = useTranslation();
  const days = ageInDays(idea.createdAt, now);
  return (
    <PlainCard data-testid="idea-card" data-idea={idea.id}>
      <PlainGroup justify="space-between" wrap="nowrap" align="flex-start" mb="xs">
        <Link to={`/ideas/${idea.id}`} style={TITLE_STYLE} className={TITLE_CLASSES}>
          {idea.title}
        </Link>
        <IdeaStatusBadge status={idea.status} />
      </PlainGroup>
      <PlainGroup gap="xs" mb="xs">
        <PlainBadge variant="outline" color="gray">
          {t(`ideas.category.${idea.category}`)}
        </PlainBadge>
        {idea.hidden && (
          <PlainBadge variant="filled" color="dark">
            {t("ideas.hidden")}
          </PlainBadge>
        )}
      </PlainGroup>
      <PlainGroup gap="md">
        <PlainText
          size="sm"
          testId="idea-votes"
          weight={idea.votedByMe ? 700 : undefined}
          color={idea.votedByMe ? "teal" : undefined}
        >
          ▲ {t("ideas.voteCount", { count: idea.votes })}
        </PlainText>
        <PlainText size="sm">💬 {t("ideas.commentCount", { count: idea.comments })}</PlainText>
        <PlainText size="sm" color="dimmed">
          {idea.department ?? t("ideas.noDepartment")}
        </PlainText>
        <PlainText size="sm" color="dimmed" title={formatDate(idea.createdAt, i18n.language)}>
          {days === 0 ? t("ideas.today") : t("ideas.daysAgo", { count: days })}
        </PlainText>
      </PlainGroup>
    </PlainCard>
  );
}
