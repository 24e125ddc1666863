import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireOwn } from "~/lib/session.server";
import { MyLearningPage } from "~/modules/learning";
import { getMyLearning } from "~/modules/learning/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireOwn(request, "read", "Learning");
  return getMyLearning(user.id);
}

export default function MyLearningRoute() {
  return <MyLearningPage learning={useLoaderData<typeof loader>()} />;
}
