import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { ActionResult } from "~/lib/actions";
import type { Principal } from "~/lib/permissions";
import { actionDataFor } from "~/lib/ui/forms";
import {
  committedImport,
  ImportCommitCard,
  ImportCountCards,
  ImportPageLayout,
  ImportPreviewFrame,
  ImportResultAlert,
  ImportRowsCard,
  ImportUploadForm,
  RowDetailList,
  shortHash,
  type ErrorReportLink,
  type ImportActionData,
  type ImportCommitSuccess,
} from "~/lib/ui/import-kit";
import { PlainBadge, PlainText } from "~/lib/ui/plain";
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

type CommitSuccess = ImportCommitSuccess<KpiImportResult>;
export type KpiImportActionData = ImportActionData<KpiImportResult>;

type Plan = NonNullable<KpiImportPreview["plan"]>;

const OUTCOME_COLOR: Record<KpiImportOutcome, string> = {
  created: "teal",
  updated: "blue",
  unchanged: "gray",
  error: "red",
};

/** The rows in error of an upload and the download of their report (none: null). */
function errorReport(t: TFunction, fileId: string, errors: number): ErrorReportLink | null {
  if (errors === 0) return null;
  return {
    text: t("kpis.import.errorsSkipped", { count: errors }),
    href: kpiImportErrorsPath(fileId),
    linkText: t("kpis.import.errorReport"),
  };
}

function RowDetail({ row }: { row: KpiImportPreviewRow }) {
  const { t } = useTranslation();
  if (row.outcome === "error")
    return (
      <RowDetailList items={row.problems}>
        {(problem) => (
          <>
            {t(`kpis.import.column.${problem.column}`)}: {t(problem.messageKey, problem.values)}
          </>
        )}
      </RowDetailList>
    );
  if (row.outcome === "updated")
    return (
      <PlainText size="sm">
        {row.before} → {row.after}
      </PlainText>
    );
  return <PlainText size="sm">{row.after}</PlainText>;
}

function Rows({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  return (
    <ImportRowsCard
      title={plan.outcome ? t(`kpis.import.outcome.${plan.outcome}`) : t("kpis.import.allRows")}
      summary={{ total: plan.total, page: plan.page, pageCount: plan.pageCount }}
      isEmpty={plan.rows.length === 0}
      emptyText={t("kpis.import.noRows")}
      minWidth={720}
      testId="kpi-import-rows"
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
        <tr key={row.row}>
          <td>{row.row}</td>
          <td style={{ wordBreak: "break-word" }}>{row.department}</td>
          <td style={{ wordBreak: "break-word" }}>{row.kpi}</td>
          <td>{row.period}</td>
          <td>{row.value}</td>
          <td>
            <PlainBadge color={OUTCOME_COLOR[row.outcome]} variant="light">
              {t(`kpis.import.outcome.${row.outcome}`)}
            </PlainBadge>
          </td>
          <td>
            <RowDetail row={row} />
          </td>
        </tr>
      ))}
    </ImportRowsCard>
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
  const toWrite = plan ? plan.counts.created + plan.counts.updated : 0;
  return (
    <ImportPreviewFrame
      testId="kpi-import-preview"
      fileLabel={t("kpis.import.fileLabel", { name: upload.fileName })}
      fileHash={t("kpis.import.fileHash", { hash: shortHash(upload.sha256) })}
      note={t("kpis.import.nothingWritten")}
      problem={problem}
      problemTestId="kpi-import-file-problem"
    >
      {plan && (
        <>
          {/* The counts; each opens its rows (the selected one again shows all). */}
          <ImportCountCards
            cols={{ base: 2, sm: 4 }}
            counts={KPI_IMPORT_OUTCOMES.map((outcome) => {
              const current = plan.outcome === outcome;
              return {
                key: outcome,
                label: t(`kpis.import.outcome.${outcome}`),
                count: plan.counts[outcome],
                color: OUTCOME_COLOR[outcome],
                testId: `kpi-import-count-${outcome}`,
                to: kpiImportPreviewPath(upload.id, current ? undefined : outcome),
                current,
              };
            })}
          />
          <Rows plan={plan} />
          <ImportCommitCard
            schema={kpiImportCommitSchema}
            defaultValues={{ fileId: upload.id, sha256: upload.sha256, planDigest: plan.digest }}
            hidden={["fileId", "sha256", "planDigest"]}
            actionData={actionData}
            errorReport={errorReport(t, upload.id, plan.counts.error)}
            blocked={
              upload.committed
                ? { testId: "kpi-import-committed", text: t("kpis.import.alreadyCommitted") }
                : toWrite === 0
                  ? { testId: "kpi-import-nothing", text: t("kpis.import.nothingToDo") }
                  : null
            }
            submitLabel={t("kpis.import.commit", { count: toWrite })}
          />
        </>
      )}
    </ImportPreviewFrame>
  );
}

function Result({ result }: { result: CommitSuccess }) {
  const { t } = useTranslation();
  return (
    <ImportResultAlert
      testId="kpi-import-result"
      title={t("kpis.import.resultTitle")}
      summary={
        result.alreadyCommitted
          ? t("kpis.import.alreadyCommitted")
          : result.written
            ? t("kpis.import.done", { ...result.counts })
            : t("kpis.import.doneNothing")
      }
      errorReport={errorReport(t, result.fileId, result.counts.error)}
      next={{ to: "/initiatives/kpis", label: t("kpis.import.viewBoard") }}
      again={{ to: KPI_IMPORT_PATH, label: t("kpis.import.another") }}
    />
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
  const committed = committedImport(actionData);
  return (
    <ImportPageLayout
      title={t("kpis.import.title")}
      templateHref={KPI_IMPORT_TEMPLATE_PATH}
      templateLabel={t("kpis.import.template")}
      nav={<KpiNav user={viewer} />}
      intro={t("kpis.import.intro")}
      result={committed && <Result result={committed} />}
      preview={
        preview && (
          <PreviewView preview={preview} actionData={actionDataFor(actionData, "commit")} />
        )
      }
      upload={
        <ImportUploadForm
          schema={kpiImportUploadSchema}
          defaultValues={{}}
          actionData={actionData}
          title={t("kpis.import.uploadTitle")}
          fileLabel={t("kpis.import.file")}
          fileHint={t("kpis.import.fileHint")}
          submitLabel={t("kpis.import.preview")}
        />
      }
    />
  );
}
