import { Button, Card, Group, NativeSelect, Stack, Text, Title } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actionDataFor, FormError, useSchemaForm } from "~/lib/ui/forms";
import { FormNativeSelect, FormTextarea } from "~/lib/ui/plain-inputs";
import type { IdeaLink, ReviewerChoices } from "../idea-page-data";
import {
  mergeSchema,
  ownerSchema,
  statusSchema,
  type IdeaActionResult,
  type IdeaStatus,
} from "../schemas";

function StatusForm({
  statuses,
  actionData,
}: {
  statuses: readonly IdeaStatus[];
  actionData: IdeaActionResult;
}) {
  const { t } = useTranslation();
  const status = useSchemaForm(statusSchema, {
    defaultValues: { status: statuses[0], reason: "" },
    actionData: actionDataFor(actionData, "status"),
  });
  return (
    <Form method="post" onSubmit={status.onSubmit} noValidate>
      <FormError message={status.formError} />
      <input type="hidden" name="intent" value="status" />
      <Stack gap="xs">
        <FormNativeSelect
          label={t("ideas.workflow.moveTo")}
          data={statuses.map((s) => ({ value: s, label: t(`ideas.status.${s}`) }))}
          {...status.field("status")}
        />
        <FormTextarea
          label={t("ideas.workflow.reason")}
          description={t("ideas.workflow.reasonHint")}
          minRows={2}
          {...status.field("reason")}
        />
        <Group>
          <Button type="submit">{t("ideas.workflow.apply")}</Button>
        </Group>
      </Stack>
    </Form>
  );
}

function MergeForm({ targets, actionData }: { targets: IdeaLink[]; actionData: IdeaActionResult }) {
  const { t } = useTranslation();
  const merge = useSchemaForm(mergeSchema, {
    defaultValues: { targetId: "" },
    actionData: actionDataFor(actionData, "merge"),
  });
  return (
    <Form method="post" onSubmit={merge.onSubmit} noValidate data-testid="merge-form">
      <FormError message={merge.formError} />
      <input type="hidden" name="intent" value="merge" />
      <Group align="flex-end">
        <NativeSelect
          label={t("ideas.merge.into")}
          data={[
            { value: "", label: t("ideas.fields.choose") },
            ...targets.map((idea) => ({ value: idea.id, label: idea.title })),
          ]}
          maw={340}
          {...merge.field("targetId")}
        />
        <Button type="submit" variant="light" color="orange">
          {t("ideas.merge.submit")}
        </Button>
      </Group>
    </Form>
  );
}

function OwnerForm({
  owners,
  ownerId,
  actionData,
}: {
  owners: ReviewerChoices["owners"];
  ownerId: string | null;
  actionData: IdeaActionResult;
}) {
  const { t } = useTranslation();
  const owner = useSchemaForm(ownerSchema, {
    defaultValues: { ownerId: ownerId ?? "" },
    actionData: actionDataFor(actionData, "owner"),
  });
  return (
    <Form method="post" onSubmit={owner.onSubmit} noValidate>
      <input type="hidden" name="intent" value="owner" />
      <Group align="flex-end">
        <NativeSelect
          label={t("ideas.owner")}
          data={[
            { value: "", label: t("ideas.noOwner") },
            ...owners.map((o) => ({ value: o.id, label: o.name })),
          ]}
          maw={340}
          {...owner.field("ownerId")}
        />
        <Button type="submit" variant="light">
          {t("actions.save")}
        </Button>
      </Group>
    </Form>
  );
}

/** Workflow, merge and owner for reviewers (everywhere, or in the departments they manage). */
export function ReviewerPanel({
  nextStatuses,
  owners,
  targets,
  ownerId,
  actionData,
}: {
  nextStatuses: readonly IdeaStatus[];
  owners: ReviewerChoices["owners"];
  targets: IdeaLink[];
  ownerId: string | null;
  actionData: IdeaActionResult;
}) {
  const { t } = useTranslation();
  // DUPLICATE is reached by merging only.
  const statuses = nextStatuses.filter((s) => s !== "DUPLICATE");
  return (
    <Card withBorder data-testid="reviewer-panel">
      <Title order={2} size="h5" mb="sm">
        {t("ideas.workflow.title")}
      </Title>
      <Stack>
        {statuses.length > 0 ? (
          <StatusForm statuses={statuses} actionData={actionData} />
        ) : (
          <Text size="sm" c="dimmed">
            {t("ideas.workflow.final")}
          </Text>
        )}
        {nextStatuses.includes("DUPLICATE") && (
          <MergeForm targets={targets} actionData={actionData} />
        )}
        <OwnerForm owners={owners} ownerId={ownerId} actionData={actionData} />
      </Stack>
    </Card>
  );
}
