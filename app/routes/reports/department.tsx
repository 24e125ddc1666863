import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { parseQuery, parseWith, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { DrillDown, reportFiltersSchema } from "~/modules/reports";
import {
  getDepartmentHeader,
  drillDownReport,
  selectedReportOptions,
} from "~/modules/reports/index.server";

const paramsSchema = z.object({ departmentId: z.string().min(1).max(40) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Report");
  return runLoader(async () => {
    const { departmentId } = parseWith(paramsSchema, params);
    const filters = { ...parseQuery(request, reportFiltersSchema), department: departmentId };
    const department = await getDepartmentHeader(user, departmentId);
    const [{ summary, list }, selected] = await Promise.all([
      drillDownReport(user, filters),
      selectedReportOptions(user, { course: filters.course }),
    ]);
    return { department, summary, list, course: selected.course };
  });
}

export default function DepartmentReport() {
  const { department, summary, list, course } = useLoaderData<typeof loader>();
  return (
    <DrillDown
      title={department.name}
      summary={summary}
      list={list}
      pickers={{ course }}
      exportFilters={{ department: department.id }}
    />
  );
}
