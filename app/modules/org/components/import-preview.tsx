import { Alert, Button, Card, Checkbox, Group, List, Stack, Text, Title } from "@mantine/core";
import { Form, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ActionResult } from "~/lib/actions";
import {
  ImportCommitCard,
  ImportCountCards,
  ImportPreviewFrame,
  ImportRowsCard,
  RowDetailList,
  shortHash,
} from "~/lib/ui/import-kit";
import { InlineCode } from "~/lib/ui/plain";
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
    <ImportCountCards
      cols={{ base: 2, sm: 3, lg: 6 }}
      counts={COUNT_KEYS.map((key) => {
        const rowKind = (ROW_KINDS as readonly string[]).includes(key) ? (key as RowKind) : null;
        return {
          key,
          label: t(`org.import.counts.${key}`),
          count: counts[key],
          color: rowKind ? KIND_COLOR[rowKind] : undefined,
          testId: `import-count-${key}`,
          to: rowKind ? importPreviewPath(fileId, deactivate, rowKind) : undefined,
          current: key === kind,
        };
      })}
    />
  );
}

function RowDetail({ row }: { row: PreviewRow }) {
  const { t } = useTranslation();
  if (row.kind === "error") {
    return (
      <RowDetailList items={row.problems}>
        {(problem) => (
          <>
            <InlineCode>{problem.column}</InlineCode> {t(problem.messageKey)}
          </>
        )}
      </RowDetailList>
    );
  }
  return (
    <RowDetailList items={row.changes}>
      {(change) => (
        <>
          <InlineCode>{change.field}</InlineCode> {change.before || "—"} → {change.after || "—"}
        </>
      )}
    </RowDetailList>
  );
}

function PreviewRows({ plan, kind }: { plan: Plan; kind: RowKind }) {
  const { t } = useTranslation();
  return (
    <ImportRowsCard
      title={t(`org.import.kind.${kind}`)}
      summary={{ total: plan.counts[kind], page: plan.page, pageCount: plan.pageCount }}
      isEmpty={plan.rows.length === 0}
      emptyText={t("org.import.noRows")}
      minWidth={640}
      testId="import-rows"
      columns={[t("org.import.row"), t("fields.email"), t("fields.name"), t("org.import.changes")]}
    >
      {plan.rows.map((row) => (
        <tr key={row.row}>
          <td>{row.row}</td>
          <td>{row.email}</td>
          <td style={{ wordBreak: "break-word" }}>{row.name.slice(0, 200)}</td>
          <td>
            <RowDetail row={row} />
          </td>
        </tr>
      ))}
    </ImportRowsCard>
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
            {department.path} <InlineCode>{department.code}</InlineCode>
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
  const [params] = useSearchParams();
  const deactivateMissing = params.get("deactivate") === "1";
  const counts = plan.counts;
  const nothingToDo = counts.create + counts.update + counts.departments + counts.deactivate === 0;
  return (
    <ImportCommitCard
      schema={importCommitSchema}
      defaultValues={{
        fileId: preview.upload.id,
        sha256: preview.upload.sha256,
        planDigest: plan.digest,
        deactivateMissing: deactivateMissing ? "on" : "",
        confirmDeactivation: false,
      }}
      hidden={["fileId", "sha256", "planDigest", "deactivateMissing"]}
      actionData={actionData}
      errorReport={
        counts.error > 0
          ? {
              text: t("org.import.errorsSkipped"),
              href: importErrorReportPath(preview.upload.id),
              linkText: t("org.import.errorReport"),
            }
          : null
      }
      blocked={nothingToDo ? { testId: "import-nothing", text: t("org.import.nothingToDo") } : null}
      submitLabel={t("org.import.commit")}
    >
      {(field) =>
        plan.needsConfirmation && (
          <Checkbox
            label={t("org.import.confirmDeactivation", { count: counts.deactivate })}
            {...field("confirmDeactivation")}
          />
        )
      }
    </ImportCommitCard>
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
    <ImportPreviewFrame
      testId="import-preview"
      fileLabel={t("org.import.fileLabel", { name: upload.fileName })}
      fileHash={t("org.import.fileHash", { hash: shortHash(upload.sha256) })}
      problem={problem}
      problemTestId="import-file-problem"
    >
      {plan && (
        <>
          <PreviewCounts counts={plan.counts} fileId={upload.id} kind={kind} />
          <PreviewRows plan={plan} kind={kind} />
          <DepartmentsToCreate plan={plan} />
          <Deactivations plan={plan} fileId={upload.id} />
          <CommitForm preview={preview} plan={plan} actionData={actionData} />
        </>
      )}
    </ImportPreviewFrame>
  );
}
