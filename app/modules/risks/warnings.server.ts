// Live warnings on the risk register (decision 043, issue 17 item 5), read when the page is
// shown: a staff-resistance risk names the departments whose readiness barrier is awareness
// or desire (the readiness report's own numbers, floor and reach); a data-loss or
// technical-failure risk shows the last verified backup's age against the schedule.
import type { Principal } from "~/lib/permissions";
import { backupHealth, type BackupSettings } from "~/modules/backups/index.server";
import { initiativeProgress, requireInitiative } from "~/modules/initiatives/index.server";
import type { RiskCategoryValue, RiskWarnings } from "./risk";

/** Barriers that mean people do not see why or do not want to change: resistance. */
export const RESISTANCE_BARRIERS = ["awareness", "desire"] as const;
/** Risks the state of the backups speaks to. */
export const BACKUP_CATEGORIES: readonly RiskCategoryValue[] = ["DATA_LOSS", "TECHNICAL_FAILURE"];

/** The warnings the given categories call for, each read only when one of them needs it. */
export async function riskWarnings(
  viewer: Principal,
  initiative: Awaited<ReturnType<typeof requireInitiative>>,
  categories: Iterable<RiskCategoryValue>,
  now = new Date(),
  backups?: BackupSettings,
): Promise<RiskWarnings> {
  const present = new Set(categories);
  const [progress, health] = await Promise.all([
    present.has("STAFF_RESISTANCE") ? initiativeProgress(viewer, initiative, "Risk") : null,
    BACKUP_CATEGORIES.some((category) => present.has(category)) ? backupHealth(now, backups) : null,
  ]);
  return {
    resistance: progress
      ? progress.departments.flatMap((department) => {
          const barrier = department.readiness?.barrier;
          return barrier && (RESISTANCE_BARRIERS as readonly string[]).includes(barrier)
            ? [{ departmentId: department.departmentId, name: department.name, barrier }]
            : [];
        })
      : null,
    backup: health
      ? {
          ...health,
          ageHours: health.lastVerifiedAt
            ? Math.floor((now.getTime() - Date.parse(health.lastVerifiedAt)) / 3_600_000)
            : null,
        }
      : null,
  };
}
