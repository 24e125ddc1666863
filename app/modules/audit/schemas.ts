import { z } from "zod";
import { optionalDateField, pageField } from "~/lib/fields";

export const auditQuerySchema = z.object({
  actor: z.string().trim().max(40).optional().catch(undefined),
  subjectType: z.string().trim().max(40).optional().catch(undefined),
  action: z.string().trim().max(60).optional().catch(undefined),
  /** "security", "changes" or one action, e.g. "security.signInFailed". */
  event: z.string().trim().max(60).optional().catch(undefined),
  from: optionalDateField.optional().catch(null),
  to: optionalDateField.optional().catch(null),
  page: pageField,
});

export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** AuditEvent.before / after: an object of what changed; its keys depend on the action. */
export const auditDetailsSchema = z.record(z.string(), z.json());

/** The free-text note some actions record with their details (a manual completion's). */
export const auditNoteSchema = z.object({ note: z.string().optional() });
