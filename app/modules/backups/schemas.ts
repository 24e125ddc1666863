import { z } from "zod";
import { pageField } from "~/lib/fields";

export const backupListSchema = z.object({ page: pageField });

/** "Back up now" has no fields: the post itself is the request. */
export const backupNowSchema = z.object({});

/** A download: the backup file (default) or its manifest. */
export const backupDownloadSchema = z.object({
  part: z.enum(["file", "manifest"]).catch("file"),
});
