import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actionDataFor, FormError, useSchemaForm } from "~/lib/ui/forms";
import { PageHeader } from "~/lib/ui/page";
import type { ActionResult, ActionSuccess } from "~/lib/actions";
import type { ActionFailure } from "~/lib/errors";
import {
  IMPORT_TEMPLATE_PATH,
  importErrorReportPath,
  importUploadSchema,
  type ImportCounts,
  type ImportPreview,
} from "../staff-import";
import { ImportPreviewView } from "./import-preview";

/** The commit's answer: what was written, and the upload (for its error report). */
type CommitSuccess = ActionSuccess<
  "commit",
  { fileId: string; counts: ImportCounts; written: boolean }
>;
/** The action's answer: a refusal of either form, or the commit's result. */
export type ImportActionData =
  ActionResult<"upload"> | ActionFailure<"commit"> | CommitSuccess | undefined;

function UploadForm({ actionData }: { actionData: ImportActionData }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { field, onSubmit, formError } = useSchemaForm(importUploadSchema, {
    defaultValues: { deactivateMissing: false },
    actionData: actionDataFor(actionData, "upload"),
  });
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t("org.import.uploadTitle")}
      </Title>
      <FormError message={formError} />
      <Form method="post" encType="multipart/form-data" onSubmit={onSubmit} noValidate>
        <input type="hidden" name="intent" value="upload" />
        <Stack>
          <TextInput
            type="file"
            accept=".csv,text/csv"
            label={t("org.import.file")}
            description={t("org.import.fileHint")}
            {...field("file")}
          />
          <Checkbox label={t("org.import.deactivateMissing")} {...field("deactivateMissing")} />
          <Group>
            <Button type="submit" loading={navigation.state === "submitting"}>
              {t("org.import.preview")}
            </Button>
          </Group>
        </Stack>
      </Form>
    </Card>
  );
}

function ImportResult({
  fileId,
  counts,
  written,
}: {
  fileId: string;
  counts: ImportCounts;
  written: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Alert
      color="teal"
      role="status"
      data-testid="import-result"
      title={t("org.import.resultTitle")}
    >
      <Stack gap="xs">
        <Text size="sm">
          {written ? t("org.import.done", { ...counts }) : t("org.import.doneNothing")}
        </Text>
        {counts.error > 0 && (
          <Text size="sm">
            {t("org.import.errorsSkippedCount", { count: counts.error })}{" "}
            <Anchor href={importErrorReportPath(fileId)}>{t("org.import.errorReport")}</Anchor>
          </Text>
        )}
        <Group>
          <Button component={Link} to="/admin/users" variant="light" size="xs">
            {t("org.import.viewUsers")}
          </Button>
          <Button component={Link} to="/admin/import" variant="subtle" size="xs">
            {t("org.import.another")}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** `/admin/import`: upload → preview (nothing written) → commit → result. */
export function ImportPage({
  preview,
  actionData,
}: {
  preview: ImportPreview | null;
  actionData: ImportActionData;
}) {
  const { t } = useTranslation();
  const committed = actionData?.ok && actionData.intent === "commit" ? actionData : null;
  return (
    <Stack>
      <PageHeader
        title={t("org.import.title")}
        actions={
          <Button component="a" href={IMPORT_TEMPLATE_PATH} variant="light">
            {t("org.import.template")}
          </Button>
        }
      />
      <Text size="sm" c="dimmed">
        {t("org.import.intro")}
      </Text>
      {committed ? (
        <ImportResult
          fileId={committed.fileId}
          counts={committed.counts}
          written={committed.written}
        />
      ) : (
        preview && (
          <ImportPreviewView preview={preview} actionData={actionDataFor(actionData, "commit")} />
        )
      )}
      <UploadForm actionData={actionData} />
    </Stack>
  );
}
