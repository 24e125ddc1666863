import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { withIntent } from "~/lib/actions";
import { intentAction } from "~/lib/actions.server";
import { parseWith, runLoader } from "~/lib/http.server";
import { canOnAll } from "~/lib/permissions";
import { requireUserWith } from "~/lib/session.server";
import { CourseWorkspace, courseUpdateSchema, quizSettingsSchema } from "~/modules/courses";
import { applyCourseRules } from "~/modules/learning/index.server";
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

/** The buttons on a lesson or question row post the item's id. */
const itemSchema = z.object({ itemId: z.string().max(40).default("") });
const noFields = z.object({});

const workspaceForms = z.discriminatedUnion("intent", [
  withIntent("details", courseUpdateSchema),
  withIntent("quiz", quizSettingsSchema),
  withIntent("publish", noFields),
  withIntent("archive", noFields),
  withIntent("restore", noFields),
  withIntent("lesson.up", itemSchema),
  withIntent("lesson.down", itemSchema),
  withIntent("lesson.delete", itemSchema),
  withIntent("question.up", itemSchema),
  withIntent("question.down", itemSchema),
  withIntent("question.delete", itemSchema),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  // Reading a course is the gate; the module checks the right to edit this one (403).
  const user = await requireUserWith(request, "read", "Course");
  const courseId = () => parseWith(paramsSchema, params).courseId;
  const move =
    (kind: "lesson" | "question", direction: "up" | "down") =>
    async ({ itemId }: { itemId: string }) => {
      await moveItem(user, courseId(), kind, itemId, direction);
    };
  return intentAction(request, workspaceForms, {
    details: async (input) => {
      await updateCourse(user, courseId(), input);
    },
    quiz: (input) => updateQuizSettings(user, courseId(), input),
    publish: async () => ({ version: (await publishCourse(user, courseId())).number }),
    archive: async () => {
      await setArchived(user, courseId(), true);
    },
    restore: async () => {
      await setArchived(user, courseId(), false);
      // People who joined a rule's reach while the course was archived get it now.
      await applyCourseRules(courseId());
    },
    "lesson.up": move("lesson", "up"),
    "lesson.down": move("lesson", "down"),
    "lesson.delete": async ({ itemId }) => {
      await deleteLesson(user, courseId(), itemId);
    },
    "question.up": move("question", "up"),
    "question.down": move("question", "down"),
    "question.delete": async ({ itemId }) => {
      await deleteQuestion(user, courseId(), itemId);
    },
  });
}

export default function CourseWorkspacePage() {
  return (
    <CourseWorkspace
      data={useLoaderData<typeof loader>()}
      actionData={useActionData<typeof action>()}
    />
  );
}
