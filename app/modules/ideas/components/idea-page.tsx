import { Grid, Stack, Text } from "@mantine/core";
import { TextLink } from "~/lib/ui/plain";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { actionDataFor, FormError, isFailure } from "~/lib/ui/forms";
import { PageHeader } from "~/lib/ui/page";
import type { IdeaActionResult } from "../schemas";
import type { IdeaPageData, ReviewerChoices } from "../idea-page-data";
import { IdeaStatusBadge } from "./idea-card";
import { IdeaComments } from "./idea-comments";
import { DuplicateList, IdeaNotices, IdeaText, VoteBar } from "./idea-content";
import { IdeaHistory, IdeaModeration, IdeaVoters } from "./idea-sidebar";
import { ReviewerPanel } from "./reviewer-panel";

/**
 * The idea page: the idea and its thread; workflow, history, voters and moderation beside.
 * `origin`: where the idea came from, drawn by the module that made it (the route composes
 * it, so this module knows nothing of its sources).
 */
export function IdeaPage({
  data,
  actionData,
  origin,
}: {
  data: IdeaPageData & { options: ReviewerChoices | null };
  actionData: IdeaActionResult;
  origin?: ReactNode;
}) {
  const { t } = useTranslation();
  const { idea, me } = data;
  const generalError = actionDataFor(actionData, "vote", "unvote", "delete-comment", "unhide");
  return (
    <>
      <TextLink to="/ideas" size="sm">
        ← {t("ideas.title")}
      </TextLink>
      <PageHeader title={idea.title} actions={<IdeaStatusBadge status={idea.status} />} />
      <IdeaNotices idea={idea} />
      {origin}
      <FormError message={isFailure(generalError) ? t(generalError.formError) : undefined} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <IdeaText idea={idea} />
            <VoteBar idea={idea} me={me} />
            <DuplicateList duplicates={idea.duplicates} />
            <IdeaComments
              comments={data.comments}
              moderator={me.moderator}
              actionData={actionData}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            {me.reviewer && data.options && (
              <ReviewerPanel
                key={`${idea.status}-${data.history.length}`}
                nextStatuses={me.nextStatuses}
                owners={data.options.owners}
                targets={data.options.targets}
                ownerId={idea.owner?.id ?? null}
                actionData={actionData}
              />
            )}
            {!me.reviewer && idea.owner && (
              <Text size="sm">
                {t("ideas.owner")}: {idea.owner.name}
              </Text>
            )}
            <IdeaHistory history={data.history} />
            {me.reviewer && <IdeaVoters voters={data.voters} />}
            {me.moderator && (
              <IdeaModeration hidden={idea.hidden !== null} actionData={actionData} />
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
