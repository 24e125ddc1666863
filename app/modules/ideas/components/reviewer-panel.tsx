import { Button, Card, Group, NativeSelect, Stack, Text, Textarea, Title } from "@mantine/core";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actionDataFor, FormError, useSchemaForm } from "~/lib/ui/forms";
import { mergeSchema, ownerSchema, statusSchema } from "../schemas";

/** Workflow, merge and owner for reviewers (HR, admins, managers of the idea's tree). */
export function ReviewerPanel({
  nextStatuses,
  owners,
  targets,
  ownerId,
  actionData,
}: {
  nextStatuses: readonly string[];
  owners: { id: string; name: string }[];
  targets: { id: string; title: string }[];
  ownerId: string | null;
  actionData: unknown;
}) {
  const { t } = useTranslation();
  const status = useSchemaForm(statusSchema, {
    defaultValues: {
      intent: "status",
      status: (nextStatuses.find((s) => s !== "DUPLICATE") ?? "") as never,
      reason: "",
    },
    actionData: actionDataFor(actionData, "status"),
  });
  const merge = useSchemaForm(mergeSchema, {
    defaultValues: { intent: "merge", targetId: "" },
    actionData: actionDataFor(actionData, "merge"),
  });
  const owner = useSchemaForm(ownerSchema, {
    defaultValues: { intent: "owner", ownerId: ownerId ?? "" },
    actionData: actionDataFor(actionData, "owner"),
  });
  const statuses = nextStatuses.filter((s) => s !== "DUPLICATE");
  return (
    <Card withBorder data-testid="reviewer-panel">
      <Title order={2} size="h5" mb="sm">
        {t("ideas.workflow.title")}
      </Title>
      <Stack>
        {statuses.length > 0 ? (
          <Form method="post" onSubmit={status.onSubmit} noValidate>
            <FormError message={status.formError} />
            <input type="hidden" name="intent" value="status" />
            <Stack gap="xs">
              <NativeSelect
                label={t("ideas.workflow.moveTo")}
                data={statuses.map((s) => ({ value: s, label: t(`ideas.status.${s}`) }))}
                {...status.field("status")}
              />
              <Textarea
                label={t("ideas.workflow.reason")}
                description={t("ideas.workflow.reasonHint")}
                autosize
                minRows={2}
                {...status.field("reason")}
              />
              <Group>
                <Button type="submit">{t("ideas.workflow.apply")}</Button>
              </Group>
            </Stack>
          </Form>
        ) : (
          <Text size="sm" c="dimmed">
            {t("ideas.workflow.final")}
          </Text>
        )}
        {nextStatuses.includes("DUPLICATE") && (
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
        )}
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
      </Stack>
    </Card>
  );
}
