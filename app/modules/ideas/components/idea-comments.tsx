import { Alert, Badge, Button, Card, Group, Stack, Text, Textarea, Title } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/dates";
import { actionDataFor, FormError, useSchemaForm } from "~/lib/ui/forms";
import { FormTextarea } from "~/lib/ui/plain-inputs";
import type { CommentView } from "../idea-page-data";
import {
  commentSchema,
  editCommentSchema,
  hideCommentSchema,
  type IdeaActionResult,
} from "../schemas";
import { MarkdownHtml } from "./idea-content";

// The item keeps both forms (not the boxes): text typed, cancelled and reopened is still there.
type EditForm = ReturnType<typeof useSchemaForm<typeof editCommentSchema>>;
type HideForm = ReturnType<typeof useSchemaForm<typeof hideCommentSchema>>;

function CommentEditForm({
  comment,
  edit,
  onCancel,
}: {
  comment: CommentView;
  edit: EditForm;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Form method="post" onSubmit={edit.onSubmit} noValidate>
      <FormError message={edit.formError} />
      <input type="hidden" name="intent" value="edit-comment" />
      <input type="hidden" name="commentId" value={comment.id} />
      <Textarea autosize minRows={2} {...edit.field("body")} />
      <Group mt="xs">
        <Button type="submit" size="xs">
          {t("actions.save")}
        </Button>
        <Button variant="subtle" size="xs" onClick={onCancel}>
          {t("actions.cancel")}
        </Button>
      </Group>
    </Form>
  );
}

function CommentHideForm({ comment, hide }: { comment: CommentView; hide: HideForm }) {
  const { t } = useTranslation();
  return (
    <Form method="post" onSubmit={hide.onSubmit} noValidate>
      <FormError message={hide.formError} />
      <input type="hidden" name="intent" value="hide-comment" />
      <input type="hidden" name="commentId" value={comment.id} />
      <Textarea label={t("ideas.moderation.reason")} autosize {...hide.field("reason")} />
      <Button type="submit" size="xs" color="gray" mt="xs">
        {t("ideas.moderation.hideComment")}
      </Button>
    </Form>
  );
}

/** Who wrote it (or "anonymous author"), when, and whether it was edited. */
function CommentByline({ comment }: { comment: CommentView }) {
  const { t, i18n } = useTranslation();
  return (
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
        {formatDateTime(comment.createdAt, i18n.language)}
        {comment.edited ? ` · ${t("ideas.comment.edited")}` : ""}
      </Text>
    </Group>
  );
}

function CommentItem({
  comment,
  moderator,
  actionData,
}: {
  comment: CommentView;
  moderator: boolean;
  actionData: IdeaActionResult;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [hiding, setHiding] = useState(false);
  const edit = useSchemaForm(editCommentSchema, {
    defaultValues: { commentId: comment.id, body: comment.body },
    actionData: actionDataFor(actionData, "edit-comment"),
  });
  const hide = useSchemaForm(hideCommentSchema, {
    defaultValues: { commentId: comment.id, reason: "" },
    actionData: actionDataFor(actionData, "hide-comment"),
  });
  return (
    <Card withBorder padding="sm" data-testid="comment" data-comment={comment.id}>
      <CommentByline comment={comment} />
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
        <CommentEditForm comment={comment} edit={edit} onCancel={() => setEditing(false)} />
      ) : (
        <MarkdownHtml html={comment.html} />
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
      {hiding && <CommentHideForm comment={comment} hide={hide} />}
    </Card>
  );
}

function CommentForm({ actionData }: { actionData: IdeaActionResult }) {
  const { t } = useTranslation();
  const answer = actionDataFor(actionData, "comment");
  const comment = useSchemaForm(commentSchema, { defaultValues: { body: "" }, actionData: answer });
  const posted = answer?.ok === true;
  const resetComment = comment.form.reset;
  // A posted comment clears the box (and a second click cannot post it twice).
  useEffect(() => {
    if (posted) resetComment({ body: "" });
  }, [posted, actionData, resetComment]);
  return (
    <Form method="post" onSubmit={comment.onSubmit} noValidate data-testid="comment-form">
      <FormError message={comment.formError} />
      <input type="hidden" name="intent" value="comment" />
      <FormTextarea
        label={t("ideas.comment.add")}
        description={t("ideas.fields.markdownHint")}
        minRows={2}
        {...comment.field("body")}
      />
      <Button type="submit" mt="xs">
        {t("ideas.comment.post")}
      </Button>
    </Form>
  );
}

/** The thread (latest 200, oldest first) and the box for a new comment. */
export function IdeaComments({
  comments,
  moderator,
  actionData,
}: {
  comments: CommentView[];
  moderator: boolean;
  actionData: IdeaActionResult;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Title order={2} size="h4">
        {t("ideas.comments")}
      </Title>
      <Stack gap="xs" data-testid="comments">
        {comments.map((c) => (
          <CommentItem key={c.id} comment={c} moderator={moderator} actionData={actionData} />
        ))}
        {comments.length === 0 && (
          <Text size="sm" c="dimmed">
            {t("ideas.comment.none")}
          </Text>
        )}
      </Stack>
      <CommentForm actionData={actionData} />
    </>
  );
}
