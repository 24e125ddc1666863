// The kpis module's subscribers (decision 041), installed by app/subscribers.server.ts.
import { subscribe } from "~/lib/domain-events.server";
import { refreshInitiativeKpis } from "./standing.server";

export function installKpiSubscribers(): void {
  // Phase targets sit at their phase's last day: moving a phase moves the target path.
  subscribe("initiative.phases_changed", (tx, event) =>
    refreshInitiativeKpis(tx, event.initiativeId),
  );
}
