import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireOwn } from "~/lib/session.server";
import { MyCertificates } from "~/modules/learning";
import { listMyCertificates } from "~/modules/learning/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireOwn(request, "read", "Learning");
  return { certificates: await listMyCertificates(user.id) };
}

export default function CertificatesRoute() {
  return <MyCertificates {...useLoaderData<typeof loader>()} />;
}
