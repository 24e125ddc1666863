// The one place that wires domain events to their subscribers (decision 031). Every process
// that changes data imports it once: the server (entry.server.tsx), the jobs, the seed and the
// tests. Raising an event before this ran is an error (lib/domain-events.server.ts).
import { markSubscribersInstalled } from "~/lib/domain-events.server";
import {
  installIncentiveSubscribers,
  setInitiativeFinishersPage,
  setRunningPhaseResolver,
} from "~/modules/incentives/index.server";
import {
  initiativeFinishersPage,
  installInitiativeSubscribers,
  runningPhaseOf,
} from "~/modules/initiatives/index.server";
import { installKpiSubscribers } from "~/modules/kpis/index.server";
import { installWebhookSubscribers } from "~/modules/webhooks/index.server";

let done = false;

export function installSubscribers(): void {
  if (done) return;
  done = true;
  // Initiatives first: their course.completed subscriber raises an event incentives award on.
  installInitiativeSubscribers();
  installIncentiveSubscribers();
  installKpiSubscribers();
  // Last: the outbox records each event after its other subscribers' writes (decision 045).
  installWebhookSubscribers();
  // The ledger stamps entries with the initiative phase they fall in (issue 15).
  setRunningPhaseResolver(runningPhaseOf);
  // …and the initiative badge's backfill finds who has finished an initiative's courses.
  setInitiativeFinishersPage(initiativeFinishersPage);
  markSubscribersInstalled();
}

installSubscribers();
