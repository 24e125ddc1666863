import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { withIntent } from "~/lib/actions";
import { intentAction } from "~/lib/actions.server";
import { parseWith, runLoader } from "~/lib/http.server";
import { requireOwn } from "~/lib/session.server";
import { isFailure } from "~/lib/ui/forms";
import { CoursePlayer } from "~/modules/learning";
import { getPlayer, markLessonDone, startAttempt } from "~/modules/learning/index.server";

const paramsSchema = z.object({ courseId: z.string().min(1).max(40) });
const playerForms = z.discriminatedUnion("intent", [
  withIntent(
    "done",
    z.object({ lessonId: z.string().min(1).max(40), next: z.coerce.number().int().min(0) }),
  ),
  withIntent("quiz", z.object({})),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireOwn(request, "read", "Learning");
  return runLoader(async () => getPlayer(user.id, parseWith(paramsSchema, params).courseId));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireOwn(request, "read", "Learning");
  const courseId = () => parseWith(paramsSchema, params).courseId;
  return intentAction(request, playerForms, {
    done: async ({ lessonId, next }) => {
      await markLessonDone(user.id, courseId(), lessonId);
      return redirect(`/learn/${courseId()}?lesson=${next}`);
    },
    quiz: async () => {
      const attemptId = await startAttempt(user.id, courseId());
      return redirect(`/learn/${courseId()}/quiz/${attemptId}`);
    },
  });
}

export default function CoursePlayerRoute() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <CoursePlayer
      player={useLoaderData<typeof loader>()}
      requestedStep={params.get("lesson")}
      formError={isFailure(actionData) ? actionData.formError : undefined}
    />
  );
}
