import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { parseQuery, parseWith, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { DrillDown, reportFiltersSchema } from "~/modules/reports";
import {
  getDepartmentHeader,
  getSummary,
  listEnrolmentRows,
  reportFilterOptions,
} from "~/modules/reports/index.server";

const paramsSchema = z.object({ departmentId: z.string().min(1).max(40) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Report");
  return runLoader(async () => {
    const { departmentId } = parseWith(paramsSchema, params);
    const filters = { ...parseQuery(request, reportFiltersSchema), department: departmentId };
    const department = await getDepartmentHeader(user, departmentId);
    const [summary, list, options] = await Promise.all([
      getSummary(user, filters),
      listEnrolmentRows(user, filters),
      reportFilterOptions(user),
    ]);
    return { department, summary, list, courses: options.courses };
  });
}

export default function DepartmentReport() {
  const { department, summary, list, courses } = useLoaderData<typeof loader>();
  return (
    <DrillDown
      title={department.name}
      summary={summary}
      list={list}
      courses={courses}
      exportFilters={{ department: department.id }}
    />
  );
}
