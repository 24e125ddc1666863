import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formAction } from "~/lib/actions.server";
import { pageField } from "~/lib/fields";
import { parseQuery } from "~/lib/http.server";
import { requireOwn } from "~/lib/session.server";
import { LearnerCatalogue } from "~/modules/learning";
import { learnerCatalogue, selfEnrol } from "~/modules/learning/index.server";

const querySchema = z.object({ page: pageField });
const enrolSchema = z.object({ courseId: z.string().min(1).max(40) });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireOwn(request, "read", "Learning");
  return learnerCatalogue(user.id, parseQuery(request, querySchema).page);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireOwn(request, "read", "Learning");
  return formAction(request, enrolSchema, async ({ courseId }) => {
    await selfEnrol(user.id, courseId);
    return redirect(`/learn/${courseId}`);
  });
}

export default function LearnerCatalogueRoute() {
  return <LearnerCatalogue {...useLoaderData<typeof loader>()} />;
}
