import { Button, SimpleGrid } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseQuery } from "~/lib/http.server";
import { can } from "~/lib/permissions";
import { requireUserWith } from "~/lib/session.server";
import { FilterSelect, FilterText, ListPage } from "~/lib/ui/list-page";
import { PageHeader } from "~/lib/ui/page";
import { CourseCard, CATEGORIES, courseListQuerySchema, STATUSES } from "~/modules/courses";
import { listCourses } from "~/modules/courses/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Course");
  const result = await listCourses(parseQuery(request, courseListQuerySchema));
  return { ...result, canCreate: can(user, "create", "Course") };
}

export default function CourseCataloguePage() {
  const { t } = useTranslation();
  const { courses, owners, canCreate, ...summary } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title={t("courses.title")}
        actions={
          canCreate && (
            <Button component={Link} to="/courses/new">
              {t("courses.create")}
            </Button>
          )
        }
      />
      <ListPage
        summary={summary}
        isEmpty={courses.length === 0}
        filters={
          <>
            <FilterText name="q" label={t("common.search")} />
            <FilterSelect
              name="category"
              label={t("courses.fields.category")}
              options={CATEGORIES.map((value) => ({
                value,
                label: t(`courses.category.${value}`),
              }))}
            />
            <FilterSelect
              name="status"
              label={t("fields.status")}
              options={STATUSES.map((value) => ({ value, label: t(`courses.status.${value}`) }))}
            />
            <FilterSelect
              name="ownerId"
              label={t("courses.fields.owner")}
              options={owners.map((owner) => ({ value: owner.id, label: owner.name }))}
            />
          </>
        }
      >
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {courses.map((course) => (
            <CourseCard key={course.id} course={course} />
          ))}
        </SimpleGrid>
      </ListPage>
    </>
  );
}
