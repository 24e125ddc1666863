import { Badge, Button, Card, Group, SimpleGrid, Text } from "@mantine/core";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader, UrlPagination } from "~/lib/ui/page";

/** One course of the learner's catalogue, as learnerCatalogue gives it. */
export interface CatalogueCourse {
  id: string;
  title: string;
  summary: string;
  category: string;
  coverIcon: string;
  enrolled: boolean;
}

/** Published courses to open (enrolled) or to enrol in, a page at a time. */
export function LearnerCatalogue({
  courses,
  page,
  pageCount,
}: {
  courses: CatalogueCourse[];
  page: number;
  pageCount: number;
}) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("learning.catalogueTitle")} />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {courses.map((course) => (
          <Card key={course.id} withBorder>
            <Group justify="space-between" mb="xs" wrap="nowrap">
              <Text fw={600}>
                <span aria-hidden>{course.coverIcon} </span>
                {course.title}
              </Text>
              <Badge variant="outline">{t(`courses.category.${course.category}`)}</Badge>
            </Group>
            <Text size="sm" c="dimmed" lineClamp={3} mb="sm">
              {course.summary}
            </Text>
            {course.enrolled ? (
              <Button component={Link} to={`/learn/${course.id}`} variant="light" size="xs">
                {t("learning.open")}
              </Button>
            ) : (
              <Form method="post">
                <input type="hidden" name="courseId" value={course.id} />
                <Button type="submit" size="xs">
                  {t("learning.enrol")}
                </Button>
              </Form>
            )}
          </Card>
        ))}
      </SimpleGrid>
      <UrlPagination page={page} pageCount={pageCount} />
    </>
  );
}
