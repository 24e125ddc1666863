import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { withIntent } from "~/lib/actions";
import { intentAction } from "~/lib/actions.server";
import { parseQuery, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import {
  KpiImportPage,
  kpiImportCommitSchema,
  kpiImportPreviewPath,
  kpiImportPreviewQuerySchema,
  kpiImportUploadSchema,
} from "~/modules/kpis";
import {
  commitKpiImport,
  previewKpiImport,
  storeKpiImportUpload,
} from "~/modules/kpis/index.server";
import { uploadedFile } from "~/modules/org/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "import", "KpiActual");
  const query = parseQuery(request, kpiImportPreviewQuerySchema);
  return runLoader(async () => ({
    viewer: { id: user.id, role: user.role, scopeDepartmentIds: [] },
    preview: query.file ? await previewKpiImport(user, query) : null,
  }));
}

const importForms = z.discriminatedUnion("intent", [
  withIntent("upload", kpiImportUploadSchema),
  withIntent("commit", kpiImportCommitSchema),
]);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "import", "KpiActual");
  // The form's fields are read from the request, the uploaded file from this copy.
  const upload = request.clone();
  return intentAction(request, importForms, {
    upload: async () => {
      const fileId = await storeKpiImportUpload(user, await uploadedFile(upload));
      return redirect(kpiImportPreviewPath(fileId));
    },
    commit: async (input) => ({ fileId: input.fileId, ...(await commitKpiImport(user, input)) }),
  });
}

export default function KpiImportRoute() {
  const { viewer, preview } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return <KpiImportPage viewer={viewer} preview={preview} actionData={actionData} />;
}
