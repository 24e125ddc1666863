import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseQuery, runLoader } from "~/lib/http.server";
import { methodNotAllowed, resourceResponse } from "~/lib/resource.server";
import { requireUserWith } from "~/lib/session.server";
import { recordExport } from "~/lib/security-events.server";
import { backupDownload, downloadResponse } from "~/modules/backups/index.server";
import { backupDownloadSchema } from "~/modules/backups";

/** A backup file or its manifest, streamed; admins only, every download in the audit log. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return resourceResponse(context, async () => {
    const user = await requireUserWith(request, "read", "Backup");
    const { part } = parseQuery(request, backupDownloadSchema);
    const download = await runLoader(() => backupDownload(params.backupId ?? "", part));
    await recordExport(request, user, "Backup", download.fileName);
    return downloadResponse(download);
  });
}

/** Read-only: other methods are 405, not "Unexpected Server Error". */
export function action() {
  throw methodNotAllowed("GET, HEAD");
}
