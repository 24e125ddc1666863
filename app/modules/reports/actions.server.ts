import { parseJson } from "~/lib/http.server";
import type { CurrentUser } from "~/lib/session.server";
import { recordManualCompletion, sendManualReminders } from "~/modules/learning/index.server";
import { deliverOutboxSoon } from "~/modules/notifications/index.server";
import { personActionSchema, reminderSchema } from "./schemas";

/** The JSON actions of the report pages: reminders, and (person page) manual completion. */
export async function handleReportAction(
  request: Request,
  user: CurrentUser,
  allowCompletion: boolean,
) {
  const input = await parseJson(request, allowCompletion ? personActionSchema : reminderSchema);
  if (input.intent === "remind") {
    const result = await sendManualReminders(user, input.enrolmentIds);
    deliverOutboxSoon();
    return { ok: true as const, intent: "remind" as const, ...result };
  }
  await recordManualCompletion(user, input);
  return { ok: true as const, intent: "complete" as const };
}
