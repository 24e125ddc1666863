import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { parseQuery, parseWith, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { DrillDown, reportFiltersSchema } from "~/modules/reports";
import {
  getCourseHeader,
  drillDownReport,
  selectedReportOptions,
} from "~/modules/reports/index.server";

const paramsSchema = z.object({ courseId: z.string().min(1).max(40) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Report");
  return runLoader(async () => {
    const { courseId } = parseWith(paramsSchema, params);
    const filters = { ...parseQuery(request, reportFiltersSchema), course: courseId };
    const course = await getCourseHeader(user, courseId);
    const [{ summary, list }, selected] = await Promise.all([
      drillDownReport(user, filters),
      selectedReportOptions(user, { department: filters.department }),
    ]);
    return { course, summary, list, department: selected.department };
  });
}

export default function CourseReport() {
  const { course, summary, list, department } = useLoaderData<typeof loader>();
  return (
    <DrillDown
      title={course.title}
      summary={summary}
      list={list}
      pickers={{ department }}
      exportFilters={{ course: course.id }}
    />
  );
}
