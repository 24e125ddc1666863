import { Anchor } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { parseQuery, parseWith, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { PageHeader } from "~/lib/ui/page";
import { DrillDown, reportFiltersSchema } from "~/modules/reports";
import {
  getCourseHeader,
  getSummary,
  listEnrolmentRows,
  reportFilterOptions,
} from "~/modules/reports/index.server";

const paramsSchema = z.object({ courseId: z.string().min(1).max(40) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Report");
  return runLoader(async () => {
    const { courseId } = parseWith(paramsSchema, params);
    const filters = { ...parseQuery(request, reportFiltersSchema), course: courseId };
    const course = await getCourseHeader(user, courseId);
    const [summary, list, options] = await Promise.all([
      getSummary(user, filters),
      listEnrolmentRows(user, filters),
      reportFilterOptions(user),
    ]);
    return { course, summary, list, departments: options.departments };
  });
}

export default function CourseReport() {
  const { t } = useTranslation();
  const { course, summary, list, departments } = useLoaderData<typeof loader>();
  return (
    <>
      <Anchor component={Link} to="/reports" size="sm">
        ← {t("reports.title")}
      </Anchor>
      <PageHeader title={course.title} />
      <DrillDown
        summary={summary}
        list={list}
        departments={departments}
        exportPath="/reports/export/enrolments"
        exportFilters={{ course: course.id }}
      />
    </>
  );
}
