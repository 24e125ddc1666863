import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { parseForm, runAction } from "~/lib/http.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { requireUserWith } from "~/lib/session.server";

const previewSchema = z.object({
  markdown: z.string().max(50_000, "validation.tooLong").default(""),
});

/** Live preview for the lesson editor: the sanitised HTML learners will see. */
export async function action({ request }: ActionFunctionArgs) {
  await requireUserWith(request, "create", "Course");
  return runAction(async () => {
    const { markdown } = await parseForm(request, previewSchema);
    return { html: renderMarkdown(markdown) };
  });
}
