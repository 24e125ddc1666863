import { Alert, Anchor, Card, Group, Text, Title, TypographyStylesProvider } from "@mantine/core";
import { Link } from "@remix-run/react";
import { TextLink } from "~/lib/ui/plain";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/dates";
import type { IdeaLink, IdeaView, IdeaViewerState } from "../idea-page-data";
import { IntentButton } from "./intent-button";

/** HTML the server rendered from Markdown and sanitised. */
export function MarkdownHtml({ html }: { html: string }) {
  return (
    <TypographyStylesProvider>
      <div dangerouslySetInnerHTML={{ __html: html }} />
    </TypographyStylesProvider>
  );
}

/** Why the idea is hidden, or where it was merged. */
export function IdeaNotices({ idea }: { idea: IdeaView }) {
  const { t } = useTranslation();
  return (
    <>
      {idea.hidden && (
        <Alert color="dark" mb="md" data-testid="idea-hidden">
          {t("ideas.moderation.hiddenBecause", { reason: idea.hidden.reason })}
        </Alert>
      )}
      {idea.mergedInto && (
        <Alert color="orange" mb="md">
          {t("ideas.merge.mergedInto")}{" "}
          <TextLink to={`/ideas/${idea.mergedInto.id}`}>{idea.mergedInto.title}</TextLink>
        </Alert>
      )}
    </>
  );
}

/** Author (or "anonymous"), category, department and date; then the problem and proposal. */
export function IdeaText({ idea }: { idea: IdeaView }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <Text size="sm" c="dimmed" data-testid="idea-meta">
        {idea.author ?? t("ideas.anonymous")}
        {idea.anonymous && idea.author ? ` (${t("ideas.anonymousToOthers")})` : ""} ·{" "}
        {t(`ideas.category.${idea.category}`)} · {idea.department ?? t("ideas.noDepartment")} ·{" "}
        {formatDateTime(idea.createdAt, i18n.language)}
      </Text>
      <Card withBorder>
        <Title order={2} size="h5">
          {t("ideas.fields.problem")}
        </Title>
        <MarkdownHtml html={idea.problemHtml} />
        <Title order={2} size="h5" mt="md">
          {t("ideas.fields.proposal")}
        </Title>
        <MarkdownHtml html={idea.proposalHtml} />
        <Group gap="lg" mt="md">
          <Text size="sm">
            {t("ideas.fields.hoursSaved")}: {idea.hoursSavedPerMonth ?? "—"}
          </Text>
          <Text size="sm">
            {t("ideas.fields.costSaving")}: {idea.costSaving ?? "—"}
          </Text>
          <Text size="sm">
            {t("ideas.fields.satisfaction")}:{" "}
            {idea.satisfactionEffect ? t(`ideas.effect.${idea.satisfactionEffect}`) : "—"}
          </Text>
        </Group>
      </Card>
    </>
  );
}

/** The vote count with vote / withdraw (not on your own or a merged idea), and follow. */
export function VoteBar({ idea, me }: { idea: IdeaView; me: IdeaViewerState }) {
  const { t } = useTranslation();
  return (
    <Group>
      <Text fw={700} data-testid="vote-count">
        ▲ {t("ideas.voteCount", { count: idea.votes })}
      </Text>
      {idea.status !== "DUPLICATE" &&
        (me.isAuthor ? (
          <Text size="sm" c="dimmed">
            {t("ideas.vote.ownIdeaHint")}
          </Text>
        ) : me.voted ? (
          <IntentButton intent="unvote" label={t("ideas.vote.withdraw")} testId="unvote" />
        ) : (
          <IntentButton intent="vote" label={t("ideas.vote.vote")} variant="filled" testId="vote" />
        ))}
      {me.following ? (
        <IntentButton intent="unfollow" label={t("ideas.unfollow")} variant="subtle" />
      ) : (
        <IntentButton intent="follow" label={t("ideas.follow")} variant="subtle" />
      )}
    </Group>
  );
}

/** Ideas merged into this one. */
export function DuplicateList({ duplicates }: { duplicates: IdeaLink[] }) {
  const { t } = useTranslation();
  if (duplicates.length === 0) return null;
  return (
    <Card withBorder padding="sm">
      <Text size="sm" fw={600}>
        {t("ideas.merge.duplicates")}
      </Text>
      {duplicates.map((d) => (
        <Anchor key={d.id} component={Link} to={`/ideas/${d.id}`} size="sm" display="block">
          {d.title}
        </Anchor>
      ))}
    </Card>
  );
}
