import type { CurrentUser } from "~/lib/session.server";
import { recordManualCompletion, sendManualReminders } from "~/modules/learning/index.server";
import { deliverOutboxSoon } from "~/modules/notifications/index.server";

/**
 * The report pages' form handlers (intentAction): reminders (overdue list and person page)
 * and HR's manual completion (person page). Record-level checks are learning's.
 */
export function reportFormHandlers(user: CurrentUser) {
  return {
    remind: async ({ enrolmentIds }: { enrolmentIds: string[] }) => {
      const { sent, skipped } = await sendManualReminders(user, enrolmentIds);
      deliverOutboxSoon();
      return { sent, skipped };
    },
    complete: async (input: { enrolmentId: string; note: string }) => {
      await recordManualCompletion(user, input);
    },
  };
}
