import { Alert, Badge, Button, Card, Group, Stack, Title } from "@mantine/core";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ActionResult, ActionSuccess } from "~/lib/actions";
import { FormError, isFailure } from "~/lib/ui/forms";
import { PageHeader } from "~/lib/ui/page";
import type { Category, CourseStatus, QuestionType } from "../schemas";
import type { VersionChanges } from "../snapshot";
import { ChangeSummary } from "./change-summary";
import { CourseForm } from "./course-form";
import { CourseVersions, type CourseVersionRow } from "./course-versions";
import { OrderedItems } from "./ordered-items";
import { QuizSettingsForm } from "./quiz-settings-form";

export interface WorkspaceCourse {
  id: string;
  title: string;
  summary: string;
  category: Category;
  estimatedMinutes: number;
  tags: string;
  coverColor: string;
  coverIcon: string;
  ownerId: string;
  owner: { name: string };
  status: CourseStatus;
  latestVersion: number;
  revision: number;
  quizRevision: number;
  passMark: number;
  attemptsAllowed: number | null;
  timeLimitMinutes: number | null;
  drawCount: number;
  shuffleOptions: boolean;
  lessons: { id: string; title: string }[];
  questions: { id: string; prompt: string; type: QuestionType }[];
  versions: CourseVersionRow[];
}

/** What the authoring page's loader gives. */
export interface CourseWorkspaceData {
  course: WorkspaceCourse;
  canEdit: boolean;
  unpublishedChanges: boolean;
  pendingChanges: VersionChanges;
  owners: { id: string; name: string }[];
  canChooseOwner: boolean;
}

/** The forms of the authoring page, one intent each (the row buttons post their item). */
export type CourseWorkspaceIntent =
  | "details"
  | "quiz"
  | "publish"
  | "archive"
  | "restore"
  | `${"lesson" | "question"}.${"up" | "down" | "delete"}`;

/** What its action answers: a failure or success of one of its forms; publishing its version. */
export type CourseWorkspaceResult =
  | ActionResult<CourseWorkspaceIntent>
  | ActionSuccess<"publish", { version: number }>
  | ActionSuccess<"quiz", { revision: number }>;

/** What each card of the page gets. */
interface CardProps {
  course: WorkspaceCourse;
  editable: boolean;
  actionData: CourseWorkspaceResult | undefined;
}

function failureFor(actionData: CourseWorkspaceResult | undefined, intent: CourseWorkspaceIntent) {
  return isFailure(actionData) && actionData.intent === intent ? actionData : undefined;
}

/** The course authoring page: details, lessons, quiz, versions, publishing and archiving. */
export function CourseWorkspace({
  data,
  actionData,
}: {
  data: CourseWorkspaceData;
  actionData: CourseWorkspaceResult | undefined;
}) {
  const { course, canEdit, owners, canChooseOwner } = data;
  const archived = course.status === "ARCHIVED";
  const editable = canEdit && !archived;
  return (
    <Stack>
      <WorkspaceHeader
        course={course}
        editable={editable}
        unpublishedChanges={data.unpublishedChanges}
      />
      <WorkspaceNotices data={data} actionData={actionData} />
      <DetailsCard
        course={course}
        editable={editable}
        owners={owners}
        canChooseOwner={canChooseOwner}
        actionData={actionData}
      />
      <LessonsCard course={course} editable={editable} />
      <QuizCard course={course} editable={editable} actionData={actionData} />
      <CourseVersions
        courseId={course.id}
        versions={course.versions}
        canEdit={canEdit}
        archived={archived}
      />
    </Stack>
  );
}

function WorkspaceHeader({
  course,
  editable,
  unpublishedChanges,
}: {
  course: WorkspaceCourse;
  editable: boolean;
  unpublishedChanges: boolean;
}) {
  const { t } = useTranslation();
  const archived = course.status === "ARCHIVED";
  return (
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
  );
}

/** A refused button action, a fresh publication, and what state the course is in. */
function WorkspaceNotices({
  data,
  actionData,
}: {
  data: CourseWorkspaceData;
  actionData: CourseWorkspaceResult | undefined;
}) {
  const { t } = useTranslation();
  const { course, canEdit, unpublishedChanges, pendingChanges } = data;
  const archived = course.status === "ARCHIVED";
  const failure = isFailure(actionData) ? actionData : undefined;
  const published = actionData?.ok && "version" in actionData ? actionData.version : 0;
  return (
    <>
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
    </>
  );
}

function DetailsCard({
  course,
  editable,
  owners,
  canChooseOwner,
  actionData,
}: CardProps & Pick<CourseWorkspaceData, "owners" | "canChooseOwner">) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t("courses.sections.details")}
      </Title>
      <CourseForm
        key={`details-${course.revision}`}
        mode="edit"
        owners={owners}
        canChooseOwner={canChooseOwner}
        actionData={failureFor(actionData, "details")}
        disabled={!editable}
        defaultValues={{
          title: course.title,
          summary: course.summary,
          category: course.category,
          estimatedMinutes: String(course.estimatedMinutes),
          tags: course.tags.split(",").join(", "),
          coverColor: course.coverColor,
          coverIcon: course.coverIcon,
          ownerId: course.ownerId,
          revision: String(course.revision),
        }}
      />
    </Card>
  );
}

/** A card's title, with a link to add an item for those who may edit. */
function SectionTitle({
  title,
  add,
}: {
  title: string;
  add: { to: string; label: string } | null;
}) {
  return (
    <Group justify="space-between" mb="sm">
      <Title order={2} size="h4">
        {title}
      </Title>
      {add && (
        <Button component={Link} to={add.to} variant="light" size="xs">
          {add.label}
        </Button>
      )}
    </Group>
  );
}

/** The lessons or the question bank in order, editable (and addable) by editors. */
function CourseItems({
  course,
  kind,
  editable,
}: {
  course: WorkspaceCourse;
  kind: "lesson" | "question";
  editable: boolean;
}) {
  const { t } = useTranslation();
  const items =
    kind === "lesson"
      ? course.lessons.map((lesson) => ({ id: lesson.id, label: lesson.title }))
      : course.questions.map((question) => ({
          id: question.id,
          label: question.prompt,
          detail: t(`courses.questionType.${question.type}`),
        }));
  return (
    <OrderedItems
      kind={kind}
      canEdit={editable}
      editPath={(id) => `/courses/${course.id}/${kind}s/${id}`}
      items={items}
    />
  );
}

/** The add link of a lessons or questions card, for editors. */
const addLink = (course: WorkspaceCourse, kind: "lesson" | "question", label: string) => ({
  to: `/courses/${course.id}/${kind}s/new`,
  label,
});

function LessonsCard({ course, editable }: Omit<CardProps, "actionData">) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <SectionTitle
        title={t("courses.sections.lessons")}
        add={editable ? addLink(course, "lesson", t("courses.lesson.add")) : null}
      />
      <CourseItems course={course} kind="lesson" editable={editable} />
    </Card>
  );
}

function QuizCard({ course, editable, actionData }: CardProps) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <SectionTitle
        title={t("courses.sections.quiz")}
        add={editable ? addLink(course, "question", t("courses.question.add")) : null}
      />
      <QuizSettingsForm
        key={`quiz-${course.quizRevision}`}
        bankSize={course.questions.length}
        disabled={!editable}
        actionData={failureFor(actionData, "quiz")}
        // The action answers before the revalidated course arrives: "saved" waits for the
        // revision it wrote, so the message and the remounted form appear together.
        saved={
          !!actionData?.ok &&
          actionData.intent === "quiz" &&
          "revision" in actionData &&
          actionData.revision === course.quizRevision
        }
        defaultValues={{
          passMark: String(course.passMark),
          attemptsAllowed: course.attemptsAllowed === null ? "" : String(course.attemptsAllowed),
          timeLimitMinutes: course.timeLimitMinutes === null ? "" : String(course.timeLimitMinutes),
          drawCount: String(course.drawCount),
          shuffleOptions: course.shuffleOptions,
          revision: String(course.quizRevision),
        }}
      />
      <Title order={3} size="h5" mt="lg" mb="xs">
        {t("courses.question.bank", { count: course.questions.length })}
      </Title>
      <CourseItems course={course} kind="question" editable={editable} />
    </Card>
  );
}
