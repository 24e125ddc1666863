// KPI actuals for BI tools (the API's feeds, decision 044): every actual with its KPI and
// department, in id order a batch at a time, names read once per batch.
import { getDb } from "~/lib/db.server";
import { periodKey } from "./periods";

export async function* kpiActualFeedBatches(batchSize = 1000) {
  const db = getDb();
  const kpis = new Map(
    (
      await db.kpiDefinition.findMany({
        select: { id: true, name: true, unit: true, direction: true, period: true },
      })
    ).map((kpi) => [kpi.id, kpi]),
  );
  let afterId = "";
  for (;;) {
    const rows = await db.kpiActual.findMany({
      where: afterId ? { id: { gt: afterId } } : {},
      orderBy: { id: "asc" },
      take: batchSize,
      select: {
        id: true,
        kpiId: true,
        departmentId: true,
        periodStart: true,
        value: true,
        source: true,
        updatedAt: true,
      },
    });
    if (rows.length === 0) return;
    const departments = new Map(
      (
        await db.department.findMany({
          where: { id: { in: [...new Set(rows.map((row) => row.departmentId))] } },
          select: { id: true, name: true, code: true },
        })
      ).map((d) => [d.id, d]),
    );
    yield rows.map((row) => {
      const kpi = kpis.get(row.kpiId);
      const department = departments.get(row.departmentId);
      return {
        kpi_id: row.kpiId,
        kpi: kpi?.name ?? "",
        unit: kpi?.unit ?? "",
        direction: kpi?.direction ?? "",
        department_id: row.departmentId,
        department_code: department?.code ?? "",
        department: department?.name ?? "",
        period: kpi ? periodKey(row.periodStart, kpi.period) : "",
        period_start: row.periodStart.toISOString(),
        value: row.value,
        source: row.source,
        updated_at: row.updatedAt.toISOString(),
      };
    });
    if (rows.length < batchSize) return;
    afterId = rows.at(-1)!.id;
  }
}
