import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { parseForm, runAction } from "~/lib/http.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { methodNotAllowed, resourceResponse } from "~/lib/resource.server";
import { requireUser, requireUserWith } from "~/lib/session.server";

const previewSchema = z.object({
  markdown: z.string().max(50_000, "validation.tooLong").default(""),
});

/** Only POST renders; a GET (a typed URL, a crawler) is 405, after the usual sign-in redirect. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  throw methodNotAllowed("POST");
}

/** Live preview for the lesson editor: the sanitised HTML learners will see. */
export async function action({ request, context }: ActionFunctionArgs) {
  return resourceResponse(context, async () => {
    await requireUserWith(request, "create", "Course");
    return runAction(async () => {
      const { markdown } = await parseForm(request, previewSchema);
      return { html: renderMarkdown(markdown) };
    });
  });
}
