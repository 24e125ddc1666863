import { Button, Group, NativeSelect, SimpleGrid, Text, TextInput } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseQuery } from "~/lib/http.server";
import { can } from "~/lib/permissions";
import { requireUserWith } from "~/lib/session.server";
import { PageHeader, UrlPagination } from "~/lib/ui/page";
import { CourseCard, CATEGORIES, courseListQuerySchema, STATUSES } from "~/modules/courses";
import { listCourses } from "~/modules/courses/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Course");
  const result = await listCourses(parseQuery(request, courseListQuerySchema));
  return { ...result, canCreate: can(user, "create", "Course") };
}

export default function CourseCataloguePage() {
  const { t } = useTranslation();
  const { courses, total, owners, page, pageCount, canCreate } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const all = { value: "", label: t("common.all") };
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
      <Form method="get" role="search">
        <Group align="flex-end" mb="md" wrap="wrap">
          <TextInput name="q" label={t("common.search")} defaultValue={params.get("q") ?? ""} />
          <NativeSelect
            name="category"
            label={t("courses.fields.category")}
            defaultValue={params.get("category") ?? ""}
            data={[
              all,
              ...CATEGORIES.map((value) => ({ value, label: t(`courses.category.${value}`) })),
            ]}
          />
          <NativeSelect
            name="status"
            label={t("fields.status")}
            defaultValue={params.get("status") ?? ""}
            data={[
              all,
              ...STATUSES.map((value) => ({ value, label: t(`courses.status.${value}`) })),
            ]}
          />
          <NativeSelect
            name="ownerId"
            label={t("courses.fields.owner")}
            defaultValue={params.get("ownerId") ?? ""}
            data={[all, ...owners.map((owner) => ({ value: owner.id, label: owner.name }))]}
          />
          <Button type="submit" variant="light">
            {t("actions.filter")}
          </Button>
        </Group>
      </Form>
      <Text size="sm" c="dimmed" mb="xs">
        {t("common.resultCount", { count: total })}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {courses.map((course) => (
          <CourseCard key={course.id} course={course} />
        ))}
      </SimpleGrid>
      {courses.length === 0 && (
        <Text c="dimmed" ta="center" py="lg">
          {t("common.noResults")}
        </Text>
      )}
      <UrlPagination page={page} pageCount={pageCount} />
    </>
  );
}
