import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { parseForm, parseWith, readFormFields, runAction, runLoader } from "~/lib/http.server";
import { canOnAll } from "~/lib/permissions";
import { requireUserWith } from "~/lib/session.server";
import { CourseWorkspace, courseUpdateSchema, quizSettingsSchema } from "~/modules/courses";
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

export default function CourseWorkspacePage() {
  return (
    <CourseWorkspace
      data={useLoaderData<typeof loader>()}
      actionData={useActionData<typeof action>()}
    />
  );
}
