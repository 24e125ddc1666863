import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
  TypographyStylesProvider,
} from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { formatDateTime } from "~/lib/dates";
import { parseForm, parseWith, readFormFields, runAction, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { actionDataFor, FormError, useSchemaForm } from "~/lib/ui/forms";
import { PageHeader } from "~/lib/ui/page";
import {
  IdeaStatusBadge,
  ReviewerPanel,
  commentSchema,
  editCommentSchema,
  hideCommentSchema,
  hideSchema,
  ideaActionSchema,
} from "~/modules/ideas";
import {
  addComment,
  assignOwner,
  changeStatus,
  deleteComment,
  editComment,
  getIdea,
  hideComment,
  mergeIdea,
  reviewerOptions,
  setFollowing,
  setIdeaHidden,
  unvote,
  vote,
} from "~/modules/ideas/index.server";
import { deliverOutboxSoon } from "~/modules/notifications/index.server";

const paramsSchema = z.object({ ideaId: z.string().min(1).max(40) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Idea");
  return runLoader(async () => {
    const { ideaId } = parseWith(paramsSchema, params);
    const page = await getIdea(user, ideaId);
    const options = page.me.reviewer ? await reviewerOptions(user, ideaId) : null;
    return { ...page, options };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "read", "Idea");
  const intent = (await readFormFields(request.clone())).intent ?? "";
  return runAction(async () => {
    const { ideaId } = parseWith(paramsSchema, params);
    const input = await parseForm(request, ideaActionSchema);
    switch (input.intent) {
      case "vote":
        await vote(user, ideaId);
        break;
      case "unvote":
        await unvote(user, ideaId);
        break;
      case "follow":
      case "unfollow":
        await setFollowing(user, ideaId, input.intent === "follow");
        break;
      case "comment":
        await addComment(user, ideaId, input.body);
        break;
      case "edit-comment":
        await editComment(user, ideaId, input.commentId, input.body);
        break;
      case "delete-comment":
        await deleteComment(user, ideaId, input.commentId);
        break;
      case "status":
        await changeStatus(user, ideaId, input.status, input.reason);
        deliverOutboxSoon();
        break;
      case "merge":
        await mergeIdea(user, ideaId, input.targetId);
        deliverOutboxSoon();
        break;
      case "owner":
        await assignOwner(user, ideaId, input.ownerId || null);
        break;
      case "hide":
        await setIdeaHidden(user, ideaId, input.reason);
        deliverOutboxSoon();
        break;
      case "unhide":
        await setIdeaHidden(user, ideaId, null);
        break;
      case "hide-comment":
        await hideComment(user, ideaId, input.commentId, input.reason);
        deliverOutboxSoon();
        break;
    }
    return { ok: true as const, intent: input.intent };
  }, intent);
}

function Markdown({ html }: { html: string }) {
  return (
    <TypographyStylesProvider>
      <div dangerouslySetInnerHTML={{ __html: html }} />
    </TypographyStylesProvider>
  );
}

function IntentButton({
  intent,
  label,
  variant = "light",
  color,
  testId,
}: {
  intent: string;
  label: string;
  variant?: string;
  color?: string;
  testId?: string;
}) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <Button type="submit" variant={variant} color={color} size="xs" data-testid={testId}>
        {label}
      </Button>
    </Form>
  );
}

type Comment = ReturnType<typeof useLoaderData<typeof loader>>["comments"][number];

function CommentItem({
  comment,
  moderator,
  actionData,
}: {
  comment: Comment;
  moderator: boolean;
  actionData: unknown;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [hiding, setHiding] = useState(false);
  const edit = useSchemaForm(editCommentSchema, {
    defaultValues: { intent: "edit-comment", commentId: comment.id, body: comment.body },
    actionData: actionDataFor(actionData, "edit-comment"),
  });
  const hide = useSchemaForm(hideCommentSchema, {
    defaultValues: { intent: "hide-comment", commentId: comment.id, reason: "" },
    actionData: actionDataFor(actionData, "hide-comment"),
  });
  return (
    <Card withBorder padding="sm" data-testid="comment" data-comment={comment.id}>
      <Group justify="space-between" mb={4}>
        <Text size="sm" fw={600}>
          {comment.author ?? t("ideas.anonymousAuthor")}
          {comment.byIdeaAuthor && (
            <Badge ml="xs" size="xs" variant="light">
              {t("ideas.author")}
            </Badge>
          )}
        </Text>
        <Text size="xs" c="dimmed">
          {formatDateTime(comment.createdAt)}
          {comment.edited ? ` · ${t("ideas.comment.edited")}` : ""}
        </Text>
      </Group>
      {comment.hidden && (
        <Alert color="gray" mb="xs" p="xs">
          {t("ideas.comment.hiddenBecause", { reason: comment.hidden.reason })}
        </Alert>
      )}
      {comment.deleted ? (
        <Text size="sm" c="dimmed" fs="italic">
          {t("ideas.comment.deleted")}
        </Text>
      ) : editing ? (
        <Form method="post" onSubmit={edit.onSubmit} noValidate>
          <FormError message={edit.formError} />
          <input type="hidden" name="intent" value="edit-comment" />
          <input type="hidden" name="commentId" value={comment.id} />
          <Textarea autosize minRows={2} {...edit.field("body")} />
          <Group mt="xs">
            <Button type="submit" size="xs">
              {t("actions.save")}
            </Button>
            <Button variant="subtle" size="xs" onClick={() => setEditing(false)}>
              {t("actions.cancel")}
            </Button>
          </Group>
        </Form>
      ) : (
        <Markdown html={comment.html} />
      )}
      {!comment.deleted && !editing && (
        <Group gap="xs" mt="xs">
          {comment.editable && (
            <Button variant="subtle" size="xs" onClick={() => setEditing(true)}>
              {t("ideas.comment.edit")}
            </Button>
          )}
          {comment.mine && !comment.hidden && (
            <Form method="post">
              <input type="hidden" name="intent" value="delete-comment" />
              <input type="hidden" name="commentId" value={comment.id} />
              <Button type="submit" variant="subtle" size="xs" color="red">
                {t("ideas.comment.delete")}
              </Button>
            </Form>
          )}
          {moderator && !comment.hidden && !hiding && (
            <Button variant="subtle" size="xs" color="gray" onClick={() => setHiding(true)}>
              {t("ideas.moderation.hideComment")}
            </Button>
          )}
        </Group>
      )}
      {hiding && (
        <Form method="post" onSubmit={hide.onSubmit} noValidate>
          <FormError message={hide.formError} />
          <input type="hidden" name="intent" value="hide-comment" />
          <input type="hidden" name="commentId" value={comment.id} />
          <Textarea label={t("ideas.moderation.reason")} autosize {...hide.field("reason")} />
          <Button type="submit" size="xs" color="gray" mt="xs">
            {t("ideas.moderation.hideComment")}
          </Button>
        </Form>
      )}
    </Card>
  );
}

export default function IdeaPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { idea, me } = data;
  const comment = useSchemaForm(commentSchema, {
    defaultValues: { intent: "comment", body: "" },
    actionData: actionDataFor(actionData, "comment"),
  });
  const hide = useSchemaForm(hideSchema, {
    defaultValues: { intent: "hide", reason: "" },
    actionData: actionDataFor(actionData, "hide"),
  });
  const generalError = actionDataFor(actionData, "vote", "unvote", "delete-comment", "unhide");
  const posted =
    (actionData as { ok?: boolean; intent?: string } | undefined)?.intent === "comment" &&
    (actionData as { ok?: boolean }).ok === true;
  const resetComment = comment.form.reset;
  // A posted comment clears the box (and a second click cannot post it twice).
  useEffect(() => {
    if (posted) resetComment({ intent: "comment", body: "" });
  }, [posted, actionData, resetComment]);
  return (
    <>
      <Anchor component={Link} to="/ideas" size="sm">
        ← {t("ideas.title")}
      </Anchor>
      <PageHeader title={idea.title} actions={<IdeaStatusBadge status={idea.status} />} />
      {idea.hidden && (
        <Alert color="dark" mb="md" data-testid="idea-hidden">
          {t("ideas.moderation.hiddenBecause", { reason: idea.hidden.reason })}
        </Alert>
      )}
      {idea.mergedInto && (
        <Alert color="orange" mb="md">
          {t("ideas.merge.mergedInto")}{" "}
          <Anchor component={Link} to={`/ideas/${idea.mergedInto.id}`}>
            {idea.mergedInto.title}
          </Anchor>
        </Alert>
      )}
      <FormError
        message={
          generalError && (generalError as { ok?: boolean }).ok === false
            ? t((generalError as { formError: string }).formError)
            : undefined
        }
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Text size="sm" c="dimmed" data-testid="idea-meta">
              {idea.author ?? t("ideas.anonymous")}
              {idea.anonymous && idea.author ? ` (${t("ideas.anonymousToOthers")})` : ""} ·{" "}
              {t(`ideas.category.${idea.category}`)} · {idea.department ?? t("ideas.noDepartment")}{" "}
              · {formatDateTime(idea.createdAt)}
            </Text>
            <Card withBorder>
              <Title order={2} size="h5">
                {t("ideas.fields.problem")}
              </Title>
              <Markdown html={idea.problemHtml} />
              <Title order={2} size="h5" mt="md">
                {t("ideas.fields.proposal")}
              </Title>
              <Markdown html={idea.proposalHtml} />
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
                  <IntentButton
                    intent="vote"
                    label={t("ideas.vote.vote")}
                    variant="filled"
                    testId="vote"
                  />
                ))}
              {me.following ? (
                <IntentButton intent="unfollow" label={t("ideas.unfollow")} variant="subtle" />
              ) : (
                <IntentButton intent="follow" label={t("ideas.follow")} variant="subtle" />
              )}
            </Group>
            {idea.duplicates.length > 0 && (
              <Card withBorder padding="sm">
                <Text size="sm" fw={600}>
                  {t("ideas.merge.duplicates")}
                </Text>
                {idea.duplicates.map((d) => (
                  <Anchor
                    key={d.id}
                    component={Link}
                    to={`/ideas/${d.id}`}
                    size="sm"
                    display="block"
                  >
                    {d.title}
                  </Anchor>
                ))}
              </Card>
            )}
            <Title order={2} size="h4">
              {t("ideas.comments")}
            </Title>
            <Stack gap="xs" data-testid="comments">
              {data.comments.map((c) => (
                <CommentItem
                  key={c.id}
                  comment={c}
                  moderator={me.moderator}
                  actionData={actionData}
                />
              ))}
              {data.comments.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t("ideas.comment.none")}
                </Text>
              )}
            </Stack>
            <Form method="post" onSubmit={comment.onSubmit} noValidate data-testid="comment-form">
              <FormError message={comment.formError} />
              <input type="hidden" name="intent" value="comment" />
              <Textarea
                label={t("ideas.comment.add")}
                description={t("ideas.fields.markdownHint")}
                autosize
                minRows={2}
                {...comment.field("body")}
              />
              <Button type="submit" mt="xs">
                {t("ideas.comment.post")}
              </Button>
            </Form>
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
            <Card withBorder>
              <Title order={2} size="h5" mb="xs">
                {t("ideas.history")}
              </Title>
              <Stack gap={4} data-testid="idea-history">
                {data.history.map((h, index) => (
                  <Text size="xs" key={index}>
                    {formatDateTime(h.at)} · {h.from ? `${t(`ideas.status.${h.from}`)} → ` : ""}
                    {t(`ideas.status.${h.to}`)}
                    {h.by ? ` · ${h.by}` : ""}
                    {h.reason ? ` · “${h.reason}”` : ""}
                  </Text>
                ))}
              </Stack>
            </Card>
            {me.reviewer && (
              <Card withBorder>
                <Title order={2} size="h5" mb="xs">
                  {t("ideas.voters", { count: data.voters.length })}
                </Title>
                <Table fz="xs" data-testid="voters">
                  <Table.Tbody>
                    {data.voters.map((v) => (
                      <Table.Tr key={v.email}>
                        <Table.Td>{v.name}</Table.Td>
                        <Table.Td>{formatDateTime(v.at)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Card>
            )}
            {me.moderator && (
              <Card withBorder>
                <Title order={2} size="h5" mb="xs">
                  {t("ideas.moderation.title")}
                </Title>
                {idea.hidden ? (
                  <IntentButton intent="unhide" label={t("ideas.moderation.unhide")} />
                ) : (
                  <Form method="post" onSubmit={hide.onSubmit} noValidate>
                    <FormError message={hide.formError} />
                    <input type="hidden" name="intent" value="hide" />
                    <Textarea
                      label={t("ideas.moderation.reason")}
                      autosize
                      {...hide.field("reason")}
                    />
                    <Button type="submit" color="dark" size="xs" mt="xs">
                      {t("ideas.moderation.hide")}
                    </Button>
                  </Form>
                )}
              </Card>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
