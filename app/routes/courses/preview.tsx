import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { z } from "zod";
import { parseJson, parseWith, runAction, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { CoursePreview, previewAnswersSchema } from "~/modules/courses";
import { getPreview, gradePreview } from "~/modules/courses/index.server";

const paramsSchema = z.object({ courseId: z.string().min(1).max(40) });
const querySchema = z.object({
  version: z.coerce.number().int().min(1).optional().catch(undefined),
});

function versionOf(request: Request) {
  return (
    parseWith(querySchema, Object.fromEntries(new URL(request.url).searchParams)).version ?? null
  );
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Course");
  return runLoader(async () => {
    const { courseId } = parseWith(paramsSchema, params);
    const version = versionOf(request);
    return { courseId, version, ...(await getPreview(user, courseId, version)) };
  });
}

/** Grades a preview attempt (it shows the key: editors of this course only); nothing is recorded. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "update", "Course");
  return runAction(async () => {
    const { courseId } = parseWith(paramsSchema, params);
    const { nonce, answers } = await parseJson(request, previewAnswersSchema);
    return gradePreview(user, courseId, versionOf(request), nonce, answers);
  });
}

// The quiz is drawn and shuffled per load: grading it, or moving between lessons, must not
// draw a new one under the learner's answers.
export const shouldRevalidate: ShouldRevalidateFunction = ({
  formMethod,
  currentUrl,
  nextUrl,
  defaultShouldRevalidate,
}) => {
  if (formMethod === "POST") return false;
  if (
    currentUrl.pathname === nextUrl.pathname &&
    currentUrl.searchParams.get("version") === nextUrl.searchParams.get("version")
  ) {
    return false;
  }
  return defaultShouldRevalidate;
};

export default function CoursePreviewPage() {
  return <CoursePreview data={useLoaderData<typeof loader>()} />;
}
