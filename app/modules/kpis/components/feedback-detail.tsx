import { kpiText } from "../texts";
import {
  Alert,
  Button,
  Card,
  Grid,
  Group,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { TextLink } from "~/lib/ui/plain";
import { useTranslation } from "react-i18next";
import type { ActionResult } from "~/lib/actions";
import { formatDate, formatDateTime } from "~/lib/dates";
import { actionDataFor, FormError, isFailure, useSchemaForm } from "~/lib/ui/forms";
import { PageHeader } from "~/lib/ui/page";
import {
  feedbackIdeaDraft,
  feedbackIdeaSchema,
  type FeedbackChannelValue,
  type FeedbackSentimentValue,
} from "../feedback";
import { SentimentBadge } from "./feedback-badge";

export interface FeedbackDetailData {
  item: {
    id: string;
    departmentName: string;
    receivedOn: Date | string;
    channel: FeedbackChannelValue;
    sentiment: FeedbackSentimentValue;
    text: string;
    kpiName: string | null;
    ideaId: string | null;
    createdBy: string | null;
    createdAt: Date | string;
  };
  canTurnIntoIdea: boolean;
  canDelete: boolean;
}

/**
 * "Turn into idea": the idea's title and texts prefilled from the item (the problem quotes
 * it), editable; one click submits it to the ideas board.
 */
function TurnIntoIdeaForm({
  item,
  actionData,
}: {
  item: FeedbackDetailData["item"];
  actionData: ActionResult | undefined;
}) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const { field, onSubmit, formError } = useSchemaForm(feedbackIdeaSchema, {
    defaultValues: feedbackIdeaDraft(item, t, i18n.language),
    actionData,
  });
  return (
    <Card withBorder data-testid="feedback-idea-form">
      <Title order={2} size="h4" mb="xs">
        {t("kpis.feedback.idea.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("kpis.feedback.idea.hint")}
      </Text>
      <FormError message={formError} />
      <Form method="post" onSubmit={onSubmit} noValidate>
        <input type="hidden" name="intent" value="idea" />
        <Stack>
          <TextInput label={t("ideas.fields.title")} {...field("title")} />
          <Textarea
            label={t("ideas.fields.problem")}
            description={t("ideas.fields.markdownHint")}
            autosize
            minRows={4}
            {...field("problem")}
          />
          <Textarea
            label={t("ideas.fields.proposal")}
            autosize
            minRows={2}
            {...field("proposal")}
          />
          <Group>
            <Button type="submit" loading={navigation.state === "submitting"}>
              {t("kpis.feedback.idea.submit")}
            </Button>
          </Group>
        </Stack>
      </Form>
    </Card>
  );
}

/** One feedback item: what was said, where and when; its idea, or the form to make one. */
export function FeedbackDetailPage({
  data,
  actionData,
}: {
  data: FeedbackDetailData;
  actionData: ActionResult<"idea" | "delete"> | undefined;
}) {
  const { t, i18n } = useTranslation();
  const { item } = data;
  const deleteAnswer = actionDataFor(actionData, "delete");
  return (
    <>
      <TextLink to="/initiatives/feedback" size="sm">
        ← {t("kpis.feedback.title")}
      </TextLink>
      <PageHeader
        title={t("kpis.feedback.detail.title", {
          department: item.departmentName,
          date: formatDate(item.receivedOn, i18n.language),
        })}
        actions={<SentimentBadge sentiment={item.sentiment} />}
      />
      <FormError message={isFailure(deleteAnswer) ? t(deleteAnswer.formError) : undefined} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder>
            <Text size="sm" c="dimmed" mb="xs" data-testid="feedback-meta">
              {t(`kpis.feedback.channel.${item.channel}`)} · {item.departmentName} ·{" "}
              {formatDate(item.receivedOn, i18n.language)}
              {item.kpiName
                ? ` · ${t("kpis.feedback.fields.kpi")}: ${kpiText(t, item.kpiName)}`
                : ""}
            </Text>
            <Text style={{ whiteSpace: "pre-wrap" }} data-testid="feedback-text">
              {item.text}
            </Text>
            <Text size="xs" c="dimmed" mt="sm">
              {t("kpis.feedback.detail.logged", {
                name: item.createdBy ?? t("kpis.feedback.detail.unknownAuthor"),
                date: formatDateTime(item.createdAt, i18n.language),
              })}
            </Text>
          </Card>
          {data.canDelete && (
            <Form method="post">
              <input type="hidden" name="intent" value="delete" />
              <Button type="submit" variant="subtle" color="red" size="xs" mt="sm">
                {t("kpis.feedback.detail.delete")}
              </Button>
            </Form>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          {item.ideaId ? (
            <Alert color="teal" variant="light" data-testid="feedback-idea-link">
              {t("kpis.feedback.idea.raised")}{" "}
              <TextLink to={`/ideas/${item.ideaId}`}>{t("kpis.feedback.idea.open")}</TextLink>
            </Alert>
          ) : data.canTurnIntoIdea ? (
            <TurnIntoIdeaForm item={item} actionData={actionDataFor(actionData, "idea")} />
          ) : null}
        </Grid.Col>
      </Grid>
    </>
  );
}
