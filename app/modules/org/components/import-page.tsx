import { Checkbox } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { actionDataFor } from "~/lib/ui/forms";
import {
  committedImport,
  ImportPageLayout,
  ImportResultAlert,
  ImportUploadForm,
  type ImportActionData as ImportKitActionData,
} from "~/lib/ui/import-kit";
import {
  IMPORT_TEMPLATE_PATH,
  importErrorReportPath,
  importUploadSchema,
  type ImportCounts,
  type ImportPreview,
} from "../staff-import";
import { ImportPreviewView } from "./import-preview";

/** The action's answer: a refusal of either form, or the commit's result. */
export type ImportActionData = ImportKitActionData<{ counts: ImportCounts; written: boolean }>;

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
    <ImportResultAlert
      testId="import-result"
      title={t("org.import.resultTitle")}
      summary={written ? t("org.import.done", { ...counts }) : t("org.import.doneNothing")}
      errorReport={
        counts.error > 0
          ? {
              text: t("org.import.errorsSkippedCount", { count: counts.error }),
              href: importErrorReportPath(fileId),
              linkText: t("org.import.errorReport"),
            }
          : null
      }
      next={{ to: "/admin/users", label: t("org.import.viewUsers") }}
      again={{ to: "/admin/import", label: t("org.import.another") }}
    />
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
  const committed = committedImport(actionData);
  return (
    <ImportPageLayout
      title={t("org.import.title")}
      templateHref={IMPORT_TEMPLATE_PATH}
      templateLabel={t("org.import.template")}
      intro={t("org.import.intro")}
      result={
        committed && (
          <ImportResult
            fileId={committed.fileId}
            counts={committed.counts}
            written={committed.written}
          />
        )
      }
      preview={
        preview && (
          <ImportPreviewView preview={preview} actionData={actionDataFor(actionData, "commit")} />
        )
      }
      upload={
        <ImportUploadForm
          schema={importUploadSchema}
          defaultValues={{ deactivateMissing: false }}
          actionData={actionData}
          title={t("org.import.uploadTitle")}
          fileLabel={t("org.import.file")}
          fileHint={t("org.import.fileHint")}
          submitLabel={t("org.import.preview")}
        >
          {(field) => (
            <Checkbox label={t("org.import.deactivateMissing")} {...field("deactivateMissing")} />
          )}
        </ImportUploadForm>
      }
    />
  );
}
