import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from "@mantine/core";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ActionResult, ActionSuccess } from "~/lib/actions";
import type { ActionFailure } from "~/lib/errors";
import type { Principal } from "~/lib/permissions";
import { actionDataFor, FormError, useSchemaForm } from "~/lib/ui/forms";
import { ListPage, ListTable } from "~/lib/ui/list-page";
import { PageHeader } from "~/lib/ui/page";
import {
  KPI_IMPORT_OUTCOMES,
  KPI_IMPORT_PATH,
  KPI_IMPORT_TEMPLATE_PATH,
  kpiImportCommitSchema,
  kpiImportErrorsPath,
  kpiImportPreviewPath,
  kpiImportUploadSchema,
  type KpiImportOutcome,
  type KpiImportPreview,
  type KpiImportPreviewRow,
  type KpiImportResult,
} from "../import";
import { KpiNav } from "./kpi-nav";

type CommitSuccess = ActionSuccess<"commit", KpiImportResult & { fileId: string }>;
export type KpiImportActionData =
  ActionResult<"upload"> | ActionFailure<"commit"> | CommitSuccess | undefined;

type Plan = NonNullable<KpiImportPreview["plan"]>;

const OUTCOME_COLOR: Record<KpiImportOutcome, string> = {
  created: "teal",
  updated: "blue",
  unchanged: "gray",
  error: "red",
};

function UploadForm({ actionData }: { actionData: KpiImportActionData }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { field, onSubmit, formError } = useSchemaForm(kpiImportUploadSchema, {
    defaultValues: {},
    actionData: actionDataFor(actionData, "upload"),
  });
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t("kpis.import.uploadTitle")}
      </Title>
      <FormError message={formError} />
      <Form method="post" encType="multipart/form-data" onSubmit={onSubmit} noValidate>
        <input type="hidden" name="intent" value="upload" />
        <Stack>
          <TextInput
            type="file"
            accept=".csv,text/csv"
            label={t("kpis.import.file")}
            description={t("kpis.import.fileHint")}
            {...field("file")}
          />
          <Group>
            <Button type="submit" loading={navigation.state === "submitting"}>
              {t("kpis.import.preview")}
            </Button>
          </Group>
        </Stack>
      </Form>
    </Card>
  );
}

/** The counts; each opens its rows (the selected one again shows all). */
function Counts({ plan, fileId }: { plan: Plan; fileId: string }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }}>
      {KPI_IMPORT_OUTCOMES.map((outcome) => {
        const current = plan.outcome === outcome;
        return (
          <UnstyledButton
            key={outcome}
            component={Link}
            to={kpiImportPreviewPath(fileId, current ? undefined : outcome)}
            aria-current={current ? "true" : undefined}
            style={
              current
                ? { outline: "2px solid var(--mantine-primary-color-filled)", borderRadius: 4 }
                : undefined
            }
          >
            <Card withBorder padding="sm" data-testid={`kpi-import-count-${outcome}`}>
              <Text size="xs" c="dimmed">
                {t(`kpis.import.outcome.${outcome}`)}
              </Text>
              <Text fw={700} size="xl" c={OUTCOME_COLOR[outcome]}>
                {plan.counts[outcome]}
              </Text>
            </Card>
          </UnstyledButton>
        );
      })}
    </SimpleGrid>
  );
}

function RowDetail({ row }: { row: KpiImportPreviewRow }) {
  const { t } = useTranslation();
  if (row.outcome === "error")
    return (
      <List size="sm">
        {row.problems.map((problem, i) => (
          <List.Item key={i}>
            {t(`kpis.import.column.${problem.column}`)}: {t(problem.messageKey, problem.values)}
          </List.Item>
        ))}
      </List>
    );
  if (row.outcome === "updated")
    return (
      <Text size="sm">
        {row.before} → {row.after}
      </Text>
    );
  return <Text size="sm">{row.after}</Text>;
}

function Rows({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {plan.outcome ? t(`kpis.import.outcome.${plan.outcome}`) : t("kpis.import.allRows")}
      </Title>
      <ListPage
        summary={{ total: plan.total, page: plan.page, pageCount: plan.pageCount }}
        isEmpty={plan.rows.length === 0}
        emptyText={t("kpis.import.noRows")}
      >
        <ListTable
          minWidth={720}
          data-testid="kpi-import-rows"
          columns={[
            t("kpis.import.row"),
            t("kpis.import.column.department"),
            t("kpis.import.column.kpi"),
            t("kpis.import.column.period"),
            t("kpis.import.column.value"),
            t("kpis.import.result"),
            t("kpis.import.detail"),
          ]}
        >
          {plan.rows.map((row) => (
            <Table.Tr key={row.row}>
              <Table.Td>{row.row}</Table.Td>
              <Table.Td style={{ wordBreak: "break-word" }}>{row.department}</Table.Td>
              <Table.Td style={{ wordBreak: "break-word" }}>{row.kpi}</Table.Td>
              <Table.Td>{row.period}</Table.Td>
              <Table.Td>{row.value}</Table.Td>
              <Table.Td>
                <Badge color={OUTCOME_COLOR[row.outcome]} variant="light">
                  {t(`kpis.import.outcome.${row.outcome}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <RowDetail row={row} />
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </ListPage>
    </Card>
  );
}

function CommitForm({
  preview,
  plan,
  actionData,
}: {
  preview: KpiImportPreview;
  plan: Plan;
  actionData: ActionResult<"commit"> | undefined;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { form, onSubmit, formError } = useSchemaForm(kpiImportCommitSchema, {
    defaultValues: {
      fileId: preview.upload.id,
      sha256: preview.upload.sha256,
      planDigest: plan.digest,
    },
    actionData,
  });
  const nothingToDo = plan.counts.created + plan.counts.updated === 0;
  return (
    <Card withBorder>
      <FormError message={formError} />
      {plan.counts.error > 0 && (
        <Text size="sm" mb="sm">
          {t("kpis.import.errorsSkipped", { count: plan.counts.error })}{" "}
          <Anchor href={kpiImportErrorsPath(preview.upload.id)}>
            {t("kpis.import.errorReport")}
          </Anchor>
        </Text>
      )}
      {preview.upload.committed ? (
        <Text size="sm" data-testid="kpi-import-committed">
          {t("kpis.import.alreadyCommitted")}
        </Text>
      ) : nothingToDo ? (
        <Text size="sm" data-testid="kpi-import-nothing">
          {t("kpis.import.nothingToDo")}
        </Text>
      ) : (
        <Form method="post" onSubmit={onSubmit} noValidate>
          <input type="hidden" name="intent" value="commit" />
          <input type="hidden" {...form.register("fileId")} />
          <input type="hidden" {...form.register("sha256")} />
          <input type="hidden" {...form.register("planDigest")} />
          <Group>
            <Button type="submit" loading={navigation.state === "submitting"}>
              {t("kpis.import.commit", {
                count: plan.counts.created + plan.counts.updated,
              })}
            </Button>
          </Group>
        </Form>
      )}
    </Card>
  );
}

function PreviewView({
  preview,
  actionData,
}: {
  preview: KpiImportPreview;
  actionData: ActionResult<"commit"> | undefined;
}) {
  const { t } = useTranslation();
  const { upload, problem, plan } = preview;
  return (
    <Stack data-testid="kpi-import-preview">
      <Text size="sm">
        {t("kpis.import.fileLabel", { name: upload.fileName })}{" "}
        <Text span size="xs" c="dimmed">
          {t("kpis.import.fileHash", { hash: upload.sha256.slice(0, 12) })}
        </Text>
      </Text>
      <Text size="sm" c="dimmed">
        {t("kpis.import.nothingWritten")}
      </Text>
      {problem && (
        <Alert color="red" data-testid="kpi-import-file-problem">
          {t(problem.messageKey)} {problem.columns.join(", ")}
        </Alert>
      )}
      {plan && (
        <>
          <Counts plan={plan} fileId={upload.id} />
          <Rows plan={plan} />
          <CommitForm preview={preview} plan={plan} actionData={actionData} />
        </>
      )}
    </Stack>
  );
}

function Result({ result }: { result: CommitSuccess }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="teal"
      role="status"
      data-testid="kpi-import-result"
      title={t("kpis.import.resultTitle")}
    >
      <Stack gap="xs">
        <Text size="sm">
          {result.alreadyCommitted
            ? t("kpis.import.alreadyCommitted")
            : result.written
              ? t("kpis.import.done", { ...result.counts })
              : t("kpis.import.doneNothing")}
        </Text>
        {result.counts.error > 0 && (
          <Text size="sm">
            {t("kpis.import.errorsSkipped", { count: result.counts.error })}{" "}
            <Anchor href={kpiImportErrorsPath(result.fileId)}>
              {t("kpis.import.errorReport")}
            </Anchor>
          </Text>
        )}
        <Group>
          <Button component={Link} to="/initiatives/kpis" variant="light" size="xs">
            {t("kpis.import.viewBoard")}
          </Button>
          <Button component={Link} to={KPI_IMPORT_PATH} variant="subtle" size="xs">
            {t("kpis.import.another")}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** `/initiatives/kpis/import`: upload → preview (nothing written) → commit → result. */
export function KpiImportPage({
  viewer,
  preview,
  actionData,
}: {
  viewer: Principal;
  preview: KpiImportPreview | null;
  actionData: KpiImportActionData;
}) {
  const { t } = useTranslation();
  const committed = actionData?.ok && actionData.intent === "commit" ? actionData : null;
  return (
    <Stack>
      <PageHeader
        title={t("kpis.import.title")}
        actions={
          <Button component="a" href={KPI_IMPORT_TEMPLATE_PATH} variant="light">
            {t("kpis.import.template")}
          </Button>
        }
      />
      <KpiNav user={viewer} />
      <Text size="sm" c="dimmed">
        {t("kpis.import.intro")}
      </Text>
      {committed ? (
        <Result result={committed as CommitSuccess} />
      ) : (
        preview && (
          <PreviewView preview={preview} actionData={actionDataFor(actionData, "commit")} />
        )
      )}
      <UploadForm actionData={actionData} />
    </Stack>
  );
}
