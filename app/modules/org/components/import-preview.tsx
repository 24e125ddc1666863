import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Code,
  Group,
  List,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from "@mantine/core";
import { Form, Link, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ActionResult } from "~/lib/actions";
import { FormError, useSchemaForm } from "~/lib/ui/forms";
import { ListPage, ListTable } from "~/lib/ui/list-page";
import {
  importCommitSchema,
  importErrorReportPath,
  importPreviewPath,
  ROW_KINDS,
  type ImportCounts,
  type ImportPreview,
  type PreviewRow,
  type RowKind,
} from "../staff-import";

type Plan = NonNullable<ImportPreview["plan"]>;
const COUNT_KEYS = [...ROW_KINDS, "departments", "deactivate"] as const;
const KIND_COLOR: Record<RowKind, string> = {
  create: "teal",
  update: "blue",
  unchanged: "gray",
  error: "red",
};

/** The counts; a row kind's card opens its rows. */
function PreviewCounts({
  counts,
  fileId,
  kind,
}: {
  counts: ImportCounts;
  fileId: string;
  kind: RowKind;
}) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const deactivate = params.get("deactivate") === "1";
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
      {COUNT_KEYS.map((key) => {
        const content = (
          <Card withBorder padding="sm" data-testid={`import-count-${key}`}>
            <Text size="xs" c="dimmed">
              {t(`org.import.counts.${key}`)}
            </Text>
            <Text fw={700} size="xl" c={key in KIND_COLOR ? KIND_COLOR[key as RowKind] : undefined}>
              {counts[key]}
            </Text>
          </Card>
        );
        if (!(ROW_KINDS as readonly string[]).includes(key)) return <div key={key}>{content}</div>;
        return (
          <UnstyledButton
            key={key}
            component={Link}
            to={importPreviewPath(fileId, deactivate, key as RowKind)}
            aria-current={key === kind ? "true" : undefined}
            style={
              key === kind
                ? { outline: "2px solid var(--mantine-primary-color-filled)", borderRadius: 4 }
                : undefined
            }
          >
            {content}
          </UnstyledButton>
        );
      })}
    </SimpleGrid>
  );
}

function RowDetail({ row }: { row: PreviewRow }) {
  const { t } = useTranslation();
  if (row.kind === "error") {
    return (
      <List size="sm">
        {row.problems.map((problem, i) => (
          <List.Item key={i}>
            <Code>{problem.column}</Code> {t(problem.messageKey)}
          </List.Item>
        ))}
      </List>
    );
  }
  return (
    <List size="sm">
      {row.changes.map((change) => (
        <List.Item key={change.field}>
          <Code>{change.field}</Code> {change.before || "—"} → {change.after || "—"}
        </List.Item>
      ))}
    </List>
  );
}

function PreviewRows({ plan, kind }: { plan: Plan; kind: RowKind }) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t(`org.import.kind.${kind}`)}
      </Title>
      <ListPage
        summary={{ total: plan.counts[kind], page: plan.page, pageCount: plan.pageCount }}
        isEmpty={plan.rows.length === 0}
        emptyText={t("org.import.noRows")}
      >
        <ListTable
          minWidth={640}
          data-testid="import-rows"
          columns={[
            t("org.import.row"),
            t("fields.email"),
            t("fields.name"),
            t("org.import.changes"),
          ]}
        >
          {plan.rows.map((row) => (
            <Table.Tr key={row.row}>
              <Table.Td>{row.row}</Table.Td>
              <Table.Td>{row.email}</Table.Td>
              <Table.Td style={{ wordBreak: "break-word" }}>{row.name.slice(0, 200)}</Table.Td>
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

function CappedNote({ shown, total }: { shown: number; total: number }) {
  const { t } = useTranslation();
  if (shown >= total) return null;
  return (
    <Text size="xs" c="dimmed">
      {t("org.import.listCapped", { shown, total })}
    </Text>
  );
}

function DepartmentsToCreate({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  if (plan.counts.departments === 0) return null;
  return (
    <Card withBorder data-testid="import-departments">
      <Title order={2} size="h4" mb="sm">
        {t("org.import.departmentsTitle")}
      </Title>
      <List size="sm">
        {plan.departments.map((department) => (
          <List.Item key={department.path}>
            {department.path} <Code>{department.code}</Code>
          </List.Item>
        ))}
      </List>
      <CappedNote shown={plan.departments.length} total={plan.counts.departments} />
    </Card>
  );
}

/** "Deactivate missing": a GET form (the preview is recomputed), then who would go. */
function Deactivations({ plan, fileId }: { plan: Plan; fileId: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const on = params.get("deactivate") === "1";
  return (
    <Card withBorder data-testid="import-deactivations">
      <Form method="get">
        <input type="hidden" name="file" value={fileId} />
        <Group align="flex-end">
          <Checkbox
            name="deactivate"
            value="1"
            defaultChecked={on}
            label={t("org.import.deactivateMissing")}
          />
          <Button type="submit" variant="light" size="xs">
            {t("org.import.updatePreview")}
          </Button>
        </Group>
      </Form>
      {on && (
        <Stack gap="xs" mt="sm">
          <Title order={2} size="h4">
            {t("org.import.deactivateTitle")}
          </Title>
          <Text size="sm">
            {t("org.import.deactivateSummary", {
              count: plan.counts.deactivate,
              active: plan.activeStaff,
              limit: plan.deactivationLimit,
            })}
          </Text>
          {plan.needsConfirmation && (
            <Alert color="red" data-testid="import-threshold">
              {t("org.import.overLimit", {
                count: plan.counts.deactivate,
                limit: plan.deactivationLimit,
              })}
            </Alert>
          )}
          <List size="sm">
            {plan.deactivate.map((person) => (
              <List.Item key={person.id}>
                {person.name} ({person.email})
              </List.Item>
            ))}
          </List>
          <CappedNote shown={plan.deactivate.length} total={plan.counts.deactivate} />
        </Stack>
      )}
    </Card>
  );
}

function CommitForm({
  preview,
  plan,
  actionData,
}: {
  preview: ImportPreview;
  plan: Plan;
  actionData: ActionResult<"commit"> | undefined;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const deactivateMissing = params.get("deactivate") === "1";
  const { form, field, onSubmit, formError } = useSchemaForm(importCommitSchema, {
    defaultValues: {
      fileId: preview.upload.id,
      sha256: preview.upload.sha256,
      planDigest: plan.digest,
      deactivateMissing: deactivateMissing ? "on" : "",
      confirmDeactivation: false,
    },
    actionData,
  });
  const counts = plan.counts;
  const nothingToDo = counts.create + counts.update + counts.departments + counts.deactivate === 0;
  return (
    <Card withBorder>
      <FormError message={formError} />
      {counts.error > 0 && (
        <Text size="sm" mb="sm">
          {t("org.import.errorsSkipped")}{" "}
          <Anchor href={importErrorReportPath(preview.upload.id)}>
            {t("org.import.errorReport")}
          </Anchor>
        </Text>
      )}
      {nothingToDo ? (
        <Text size="sm" data-testid="import-nothing">
          {t("org.import.nothingToDo")}
        </Text>
      ) : (
        <Form method="post" onSubmit={onSubmit} noValidate>
          <input type="hidden" name="intent" value="commit" />
          <input type="hidden" {...form.register("fileId")} />
          <input type="hidden" {...form.register("sha256")} />
          <input type="hidden" {...form.register("planDigest")} />
          <input type="hidden" {...form.register("deactivateMissing")} />
          <Stack>
            {plan.needsConfirmation && (
              <Checkbox
                label={t("org.import.confirmDeactivation", { count: counts.deactivate })}
                {...field("confirmDeactivation")}
              />
            )}
            <Group>
              <Button type="submit" loading={navigation.state === "submitting"}>
                {t("org.import.commit")}
              </Button>
            </Group>
          </Stack>
        </Form>
      )}
    </Card>
  );
}

/** The preview of a stored upload: nothing is written until the commit form is sent. */
export function ImportPreviewView({
  preview,
  actionData,
}: {
  preview: ImportPreview;
  actionData: ActionResult<"commit"> | undefined;
}) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const kind = (ROW_KINDS as readonly string[]).includes(params.get("kind") ?? "")
    ? (params.get("kind") as RowKind)
    : "create";
  const { upload, problem, plan } = preview;
  return (
    <Stack data-testid="import-preview">
      <Text size="sm">
        {t("org.import.fileLabel", { name: upload.fileName })}{" "}
        <Text span size="xs" c="dimmed">
          {t("org.import.fileHash", { hash: upload.sha256.slice(0, 12) })}
        </Text>
      </Text>
      {problem && (
        <Alert color="red" data-testid="import-file-problem">
          {t(problem.messageKey)} {problem.columns.join(", ")}
        </Alert>
      )}
      {plan && (
        <>
          <PreviewCounts counts={plan.counts} fileId={upload.id} kind={kind} />
          <PreviewRows plan={plan} kind={kind} />
          <DepartmentsToCreate plan={plan} />
          <Deactivations plan={plan} fileId={upload.id} />
          <CommitForm preview={preview} plan={plan} actionData={actionData} />
        </>
      )}
    </Stack>
  );
}
