import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { withIntent } from "~/lib/actions";
import { intentAction } from "~/lib/actions.server";
import { parseQuery, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import {
  commitImportUpload,
  previewImportUpload,
  storeImportUpload,
  uploadedFile,
} from "~/modules/org/index.server";
import {
  ImportPage,
  importCommitSchema,
  importPreviewPath,
  importPreviewQuerySchema,
  importUploadSchema,
} from "~/modules/org";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "import", "User");
  const query = parseQuery(request, importPreviewQuerySchema);
  return runLoader(async () => ({
    preview: query.file ? await previewImportUpload(user, query) : null,
  }));
}

const importForms = z.discriminatedUnion("intent", [
  withIntent("upload", importUploadSchema),
  withIntent("commit", importCommitSchema),
]);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "import", "User");
  // The form's fields are read from the request, the uploaded file from this copy.
  const upload = request.clone();
  return intentAction(request, importForms, {
    upload: async (input) => {
      const fileId = await storeImportUpload(user, await uploadedFile(upload));
      return redirect(importPreviewPath(fileId, input.deactivateMissing));
    },
    commit: async (input) => ({ fileId: input.fileId, ...(await commitImportUpload(user, input)) }),
  });
}

export default function ImportRoute() {
  const { preview } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return <ImportPage preview={preview} actionData={actionData} />;
}
