import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUserWith } from "~/lib/session.server";
import { ApiReferencePage } from "~/modules/api";
import { apiReference } from "~/modules/api/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWith(request, "read", "ApiToken");
  return { reference: apiReference(new URL(request.url).origin) };
}

export default function ApiReferenceRoute() {
  const { reference } = useLoaderData<typeof loader>();
  return <ApiReferencePage reference={reference} />;
}
