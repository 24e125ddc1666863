// The benchmark organisation's customer measures (issue 16, bench:kpis): ten monthly KPIs
// (the six templates and four custom ones, half following the benchmark initiative), each
// applying to every department (150) with a baseline and a target, and 36 months of actuals
// (54,000 rows), with the standings the app keeps on KpiDepartment computed by the app's own
// pure status rule. Added to the file generate-readiness.ts extended, straight through
// better-sqlite3; a further stage, marked by a table outside the app's schema.
import crypto from "node:crypto";
import Database from "better-sqlite3";
import { nextPeriodStart, periodEndOf, periodStartOf } from "~/modules/kpis/periods";
import {
  expectedOn,
  kpiStatus,
  roundingEpsilon,
  roundTo,
  targetPath,
  type KpiDirectionValue,
} from "~/modules/kpis/status";
import { KPI_TEMPLATES } from "~/modules/kpis/templates";
import { isoDate, prng } from "./generate";
import { storedStageTime } from "./generate-incentives";
import { BENCH_INITIATIVE_ID } from "./generate-readiness";

export const KPI_SIZES = { kpis: 10, months: 36 } as const;

const MARKER_TABLE = "_BenchKpis";

/** When the file's KPIs were generated (ms since the epoch), or 0 when it has none. */
export const storedKpiTime = (file: string) => storedStageTime(file, MARKER_TABLE);

interface BenchKpi {
  id: string;
  template: string | null;
  name: string;
  unit: string;
  direction: KpiDirectionValue;
  precision: number;
  minValue: number | null;
  maxValue: number | null;
  /** Typical baseline and the planned change. */
  level: number;
  change: number;
}

function benchKpis(): BenchKpi[] {
  const levels: Record<string, [number, number]> = {
    csat5: [3.5, 0.5],
    csat100: [70, 8],
    complaintRate: [9, -3],
    firstResponseTime: [14, -6],
    repeatPurchaseRate: [36, 6],
    referralScore: [15, 12],
  };
  const templates = KPI_TEMPLATES.map((t): BenchKpi => {
    const [level, change] = levels[t.key] ?? [50, 5];
    return {
      id: `bench-kpi-${t.key}`,
      template: t.key,
      name: t.nameKey,
      unit: t.unitKey,
      direction: t.direction,
      precision: t.precision,
      minValue: t.minValue,
      maxValue: t.maxValue,
      level,
      change,
    };
  });
  const custom = ["Order accuracy", "Callback kept", "First-contact resolution", "Churn"].map(
    (name, index): BenchKpi => ({
      id: `bench-kpi-custom-${index + 1}`,
      template: null,
      name,
      unit: "%",
      direction: name === "Churn" ? "LOWER_IS_BETTER" : "HIGHER_IS_BETTER",
      precision: 1,
      minValue: 0,
      maxValue: 100,
      level: name === "Churn" ? 12 : 80,
      change: name === "Churn" ? -3 : 6,
    }),
  );
  return [...templates, ...custom].slice(0, KPI_SIZES.kpis);
}

/** Adds the KPIs to the organisation in `file` (which must have none); its time in ms. */
export function addKpiHistory(file: string, now: number, seed = 20261203): number {
  const started = performance.now();
  const random = prng(seed);
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = OFF");
    db.pragma("foreign_keys = OFF");
    const departments = db.prepare(`SELECT "id" FROM "Department" ORDER BY "id"`).all() as {
      id: string;
    }[];
    const current = periodStartOf(new Date(now), "MONTHLY");
    const months: Date[] = [];
    for (
      let month = new Date(Date.UTC(current.getUTCFullYear(), current.getUTCMonth() - 36, 1));
      month < current;
      month = nextPeriodStart(month, "MONTHLY")
    )
      months.push(month);
    const baselineOn = months[12]!;
    const targetOn = new Date(Date.UTC(current.getUTCFullYear() + 1, current.getUTCMonth(), 1));
    const stamp = isoDate(now);

    const definition = db.prepare(
      `INSERT INTO "KpiDefinition" ("id","template","name","unit","direction","precision",
        "period","minValue","maxValue","description","initiativeId","archived","revision",
        "createdAt","updatedAt") VALUES (?,?,?,?,?,?,'MONTHLY',?,?,'',?,0,0,?,?)`,
    );
    const pair = db.prepare(
      `INSERT INTO "KpiDepartment" ("kpiId","departmentId","baselineValue","baselineOn",
        "targetValue","targetOn","latestValue","latestPeriod","expectedValue","status","addedAt")
       VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
    );
    const actual = db.prepare(
      `INSERT INTO "KpiActual" ("id","kpiId","departmentId","periodStart","value","source",
        "createdAt","updatedAt") VALUES (?,?,?,?,?,'IMPORT',?,?)`,
    );
    for (const [index, kpi] of benchKpis().entries()) {
      db.transaction(() => {
        definition.run(
          kpi.id,
          kpi.template,
          kpi.name,
          kpi.unit,
          kpi.direction,
          kpi.precision,
          kpi.minValue,
          kpi.maxValue,
          index % 2 === 0 ? BENCH_INITIATIVE_ID : null,
          stamp,
          stamp,
        );
        const clamp = (v: number) =>
          roundTo(
            Math.min(kpi.maxValue ?? Infinity, Math.max(kpi.minValue ?? -Infinity, v)),
            kpi.precision,
          );
        for (const department of departments) {
          const baseline = clamp(kpi.level * (0.85 + random.next() * 0.3));
          const target = clamp(baseline + kpi.change);
          // Some departments move towards the target, some stay, a few slip.
          const pace = random.next() * 1.4 - 0.2;
          let latest = { value: baseline, periodStart: months[0]! };
          for (const [m, periodStart] of months.entries()) {
            const moved = m <= 12 ? 0 : ((m - 12) / 36) * pace;
            const value = clamp(
              baseline + kpi.change * moved + (random.next() - 0.5) * 0.1 * Math.abs(kpi.change),
            );
            actual.run(
              crypto.randomUUID(),
              kpi.id,
              department.id,
              isoDate(periodStart.getTime()),
              value,
              stamp,
              stamp,
            );
            latest = { value, periodStart };
          }
          const path = targetPath({
            baselineValue: baseline,
            baselineOn,
            targetValue: target,
            targetOn,
            phaseTargets: [],
          });
          const expected = expectedOn(path, periodEndOf(latest.periodStart, "MONTHLY"));
          const expectedValue = expected === null ? null : roundTo(expected, kpi.precision + 2);
          const status = kpiStatus({
            direction: kpi.direction,
            baselineValue: baseline,
            targetValue: target,
            expectedValue,
            latestValue: latest.value,
            epsilon: roundingEpsilon(kpi.precision),
          });
          pair.run(
            kpi.id,
            department.id,
            baseline,
            isoDate(baselineOn.getTime()),
            target,
            isoDate(targetOn.getTime()),
            latest.value,
            isoDate(latest.periodStart.getTime()),
            expectedValue,
            status,
            stamp,
          );
        }
      })();
    }
    db.exec(`CREATE TABLE "${MARKER_TABLE}" ("generatedAt" INTEGER NOT NULL)`);
    db.prepare(`INSERT INTO "${MARKER_TABLE}" VALUES (?)`).run(now);
    db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.close();
  }
  return performance.now() - started;
}
