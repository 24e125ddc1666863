import { Button, Card, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/dates";
import { actionDataFor, FormError, useSchemaForm } from "~/lib/ui/forms";
import type { HistoryEntry, VoterView } from "../idea-page-data";
import { hideSchema, type IdeaActionResult } from "../schemas";
import { IntentButton } from "./intent-button";

/** Every status change: when, from → to, by whom (unless anonymous) and why. */
export function IdeaHistory({ history }: { history: HistoryEntry[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder>
      <Title order={2} size="h5" mb="xs">
        {t("ideas.history")}
      </Title>
      <Stack gap={4} data-testid="idea-history">
        {history.map((h, index) => (
          <Text size="xs" key={index}>
            {formatDateTime(h.at, i18n.language)} ·{" "}
            {h.from ? `${t(`ideas.status.${h.from}`)} → ` : ""}
            {t(`ideas.status.${h.to}`)}
            {h.by ? ` · ${h.by}` : ""}
            {h.reason ? ` · “${h.reason}”` : ""}
          </Text>
        ))}
      </Stack>
    </Card>
  );
}

/** Who voted and when (reviewers only). */
export function IdeaVoters({ voters }: { voters: VoterView[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder>
      <Title order={2} size="h5" mb="xs">
        {t("ideas.voters", { count: voters.length })}
      </Title>
      <Table fz="xs" data-testid="voters">
        <Table.Tbody>
          {voters.map((v) => (
            <Table.Tr key={v.email}>
              <Table.Td>{v.name}</Table.Td>
              <Table.Td>{formatDateTime(v.at, i18n.language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** Hiding the idea with a reason, or showing it again (moderators only). */
export function IdeaModeration({
  hidden,
  actionData,
}: {
  hidden: boolean;
  actionData: IdeaActionResult;
}) {
  const { t } = useTranslation();
  const hide = useSchemaForm(hideSchema, {
    defaultValues: { reason: "" },
    actionData: actionDataFor(actionData, "hide"),
  });
  return (
    <Card withBorder>
      <Title order={2} size="h5" mb="xs">
        {t("ideas.moderation.title")}
      </Title>
      {hidden ? (
        <IntentButton intent="unhide" label={t("ideas.moderation.unhide")} />
      ) : (
        <Form method="post" onSubmit={hide.onSubmit} noValidate>
          <FormError message={hide.formError} />
          <input type="hidden" name="intent" value="hide" />
          <Textarea label={t("ideas.moderation.reason")} autosize {...hide.field("reason")} />
          <Button type="submit" color="dark" size="xs" mt="xs">
            {t("ideas.moderation.hide")}
          </Button>
        </Form>
      )}
    </Card>
  );
}
