import { Alert, Badge, Button, Card, Group, Stack, Table, Text, Title } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/dates";
import { z } from "zod";
import { parseForm, parseWith, readFormFields, runAction, runLoader } from "~/lib/http.server";
import { canOnAll } from "~/lib/permissions";
import { requireUserWith } from "~/lib/session.server";
import { FormError, isFailure } from "~/lib/ui/forms";
import { PageHeader } from "~/lib/ui/page";
import {
  ChangeSummary,
  CourseForm,
  OrderedItems,
  QuizSettingsForm,
  courseUpdateSchema,
  quizSettingsSchema,
} from "~/modules/courses";
import {
  deleteLesson,
  deleteQuestion,
  moveItem,
  publishCourse,
  getCourseForAuthoring,
  listPossibleOwners,
  setArchived,
  updateCourse,
  updateQuizSettings,
} from "~/modules/courses/index.server";

const paramsSchema = z.object({ courseId: z.string().min(1).max(40) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Course");
  return runLoader(async () => {
    const { courseId } = parseWith(paramsSchema, params);
    const authoring = await getCourseForAuthoring(user, courseId);
    const owners = await listPossibleOwners(authoring.course.ownerId);
    return { ...authoring, owners, canChooseOwner: canOnAll(user, "update", "Course") };
  });
}

const intentSchema = z.object({
  intent: z.enum([
    "details",
    "quiz",
    "publish",
    "archive",
    "restore",
    "lesson.up",
    "lesson.down",
    "lesson.delete",
    "question.up",
    "question.down",
    "question.delete",
  ]),
  itemId: z.string().max(40).optional(),
});

export async function action({ request, params }: ActionFunctionArgs) {
  // Reading a course is the gate; the module checks the right to edit this one (403).
  const user = await requireUserWith(request, "read", "Course");
  const fields = await readFormFields(request.clone());
  const intent = intentSchema.safeParse(fields).data?.intent;
  return runAction(async () => {
    const { courseId } = parseWith(paramsSchema, params);
    const { itemId = "" } = parseWith(intentSchema, fields);
    switch (intent) {
      case "details":
        await updateCourse(user, courseId, await parseForm(request, courseUpdateSchema));
        break;
      case "quiz":
        await updateQuizSettings(user, courseId, await parseForm(request, quizSettingsSchema));
        break;
      case "publish": {
        const version = await publishCourse(user, courseId);
        return data({ ok: true as const, intent, version: version.number });
      }
      case "archive":
      case "restore":
        await setArchived(user, courseId, intent === "archive");
        break;
      case "lesson.up":
      case "lesson.down":
      case "question.up":
      case "question.down": {
        const [kind, direction] = intent.split(".") as ["lesson" | "question", "up" | "down"];
        await moveItem(user, courseId, kind, itemId, direction);
        break;
      }
      case "lesson.delete":
        await deleteLesson(user, courseId, itemId);
        break;
      case "question.delete":
        await deleteQuestion(user, courseId, itemId);
        break;
    }
    return data({ ok: true as const, intent, version: 0 });
  }, intent);
}

function forIntent(actionData: unknown, intent: string) {
  return isFailure(actionData) && actionData.intent === intent ? actionData : undefined;
}

export default function CourseWorkspacePage() {
  const { t } = useTranslation();
  const { course, canEdit, unpublishedChanges, pendingChanges, owners, canChooseOwner } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const archived = course.status === "ARCHIVED";
  const editable = canEdit && !archived;
  const failure = isFailure(actionData) ? actionData : undefined;
  const published =
    actionData && !isFailure(actionData) && actionData.intent === "publish"
      ? actionData.version
      : 0;
  return (
    <Stack>
      <PageHeader
        title={course.title}
        actions={
          <Group>
            <Badge
              size="lg"
              variant="light"
              color={archived ? "orange" : course.latestVersion > 0 ? "teal" : "gray"}
            >
              {t(`courses.status.${course.status}`)}
            </Badge>
            <Button component={Link} to={`/courses/${course.id}/preview`} variant="default">
              {t("courses.preview.draft")}
            </Button>
            {editable && (
              <Form method="post">
                <Button type="submit" name="intent" value="publish" disabled={!unpublishedChanges}>
                  {course.latestVersion > 0
                    ? t("courses.publish.next", { version: course.latestVersion + 1 })
                    : t("courses.publish.first")}
                </Button>
              </Form>
            )}
          </Group>
        }
      />
      {failure && failure.intent !== "details" && failure.intent !== "quiz" && (
        <FormError message={t(failure.formError)} />
      )}
      {published > 0 && (
        <Alert color="teal" role="status">
          {t("courses.publish.done", { version: published })}
        </Alert>
      )}
      {archived && <Alert color="orange">{t("courses.course.archivedNote")}</Alert>}
      {!canEdit && (
        <Alert color="gray">{t("courses.course.readOnlyNote", { owner: course.owner.name })}</Alert>
      )}
      {course.latestVersion > 0 && unpublishedChanges && !archived && (
        <Alert color="yellow" title={t("courses.publish.pending")} data-testid="pending-changes">
          <ChangeSummary changes={pendingChanges} />
        </Alert>
      )}

      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t("courses.sections.details")}
        </Title>
        <CourseForm
          key={`details-${course.revision}`}
          mode="edit"
          owners={owners}
          canChooseOwner={canChooseOwner}
          actionData={forIntent(actionData, "details")}
          disabled={!editable}
          defaultValues={{
            title: course.title,
            summary: course.summary,
            category: course.category as "PROCESS",
            estimatedMinutes: String(course.estimatedMinutes),
            tags: course.tags.split(",").join(", "),
            coverColor: course.coverColor as "teal",
            coverIcon: course.coverIcon as "📘",
            ownerId: course.ownerId,
            revision: String(course.revision),
          }}
        />
      </Card>

      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            {t("courses.sections.lessons")}
          </Title>
          {editable && (
            <Button
              component={Link}
              to={`/courses/${course.id}/lessons/new`}
              variant="light"
              size="xs"
            >
              {t("courses.lesson.add")}
            </Button>
          )}
        </Group>
        <OrderedItems
          kind="lesson"
          canEdit={editable}
          editPath={(id) => `/courses/${course.id}/lessons/${id}`}
          items={course.lessons.map((lesson) => ({ id: lesson.id, label: lesson.title }))}
        />
      </Card>

      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            {t("courses.sections.quiz")}
          </Title>
          {editable && (
            <Button
              component={Link}
              to={`/courses/${course.id}/questions/new`}
              variant="light"
              size="xs"
            >
              {t("courses.question.add")}
            </Button>
          )}
        </Group>
        <QuizSettingsForm
          key={`quiz-${course.quizRevision}`}
          bankSize={course.questions.length}
          disabled={!editable}
          actionData={forIntent(actionData, "quiz")}
          saved={!!actionData && !isFailure(actionData) && actionData.intent === "quiz"}
          defaultValues={{
            passMark: String(course.passMark),
            attemptsAllowed: course.attemptsAllowed === null ? "" : String(course.attemptsAllowed),
            timeLimitMinutes:
              course.timeLimitMinutes === null ? "" : String(course.timeLimitMinutes),
            drawCount: String(course.drawCount),
            shuffleOptions: course.shuffleOptions,
            revision: String(course.quizRevision),
          }}
        />
        <Title order={3} size="h5" mt="lg" mb="xs">
          {t("courses.question.bank", { count: course.questions.length })}
        </Title>
        <OrderedItems
          kind="question"
          canEdit={editable}
          editPath={(id) => `/courses/${course.id}/questions/${id}`}
          items={course.questions.map((question) => ({
            id: question.id,
            label: question.prompt,
            detail: t(`courses.questionType.${question.type}`),
          }))}
        />
      </Card>

      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t("courses.sections.versions")}
        </Title>
        {course.versions.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t("courses.versions.none")}
          </Text>
        ) : (
          <Table data-testid="versions-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("courses.versions.number")}</Table.Th>
                <Table.Th>{t("courses.versions.published")}</Table.Th>
                <Table.Th>{t("courses.versions.changes")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {course.versions.map((version) => (
                <Table.Tr key={version.id}>
                  <Table.Td>{t("courses.versions.label", { number: version.number })}</Table.Td>
                  <Table.Td>
                    {formatDateTime(version.publishedAt)}
                    <Text size="xs" c="dimmed">
                      {version.publishedBy?.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <ChangeSummary changes={version.changes} />
                  </Table.Td>
                  <Table.Td>
                    <Button
                      component={Link}
                      to={`/courses/${course.id}/preview?version=${version.number}`}
                      size="xs"
                      variant="subtle"
                    >
                      {t("courses.preview.version")}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {canEdit && (
          <Form method="post" style={{ marginTop: 16 }}>
            <Button
              type="submit"
              name="intent"
              value={archived ? "restore" : "archive"}
              variant="light"
              color={archived ? "teal" : "orange"}
            >
              {archived ? t("courses.course.restore") : t("courses.course.archive")}
            </Button>
          </Form>
        )}
      </Card>
    </Stack>
  );
}
