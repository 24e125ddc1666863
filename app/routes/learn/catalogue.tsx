import { Badge, Button, Card, Group, SimpleGrid, Text } from "@mantine/core";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { parseForm, parseQuery, runAction } from "~/lib/http.server";
import { requirePermission, requireUser } from "~/lib/session.server";
import { PageHeader, UrlPagination } from "~/lib/ui/page";
import { learnerCatalogue, selfEnrol } from "~/modules/learning/index.server";

const querySchema = z.object({ page: z.coerce.number().int().min(1).max(10000).catch(1) });
const enrolSchema = z.object({ courseId: z.string().min(1).max(40) });

async function requireLearner(request: Request) {
  const user = await requireUser(request);
  requirePermission(user, "read", { type: "Learning", ownerId: user.id });
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireLearner(request);
  return learnerCatalogue(user.id, parseQuery(request, querySchema).page);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireLearner(request);
  return runAction(async () => {
    const { courseId } = await parseForm(request, enrolSchema);
    await selfEnrol(user.id, courseId);
    return redirect(`/learn/${courseId}`);
  });
}

export default function LearnerCataloguePage() {
  const { t } = useTranslation();
  const { courses, page, pageCount } = useLoaderData<typeof loader>();
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
