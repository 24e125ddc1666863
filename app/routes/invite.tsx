import {
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { formAction } from "~/lib/actions.server";
import { clientInfo } from "~/lib/request.server";
import { ErrorPage } from "~/lib/ui/error-page";
import { signIn } from "~/modules/account/index.server";
import { acceptInvitation, openInvitation } from "~/modules/org/index.server";
import { InvitePage, invitationSchema } from "~/modules/org";

export const meta: MetaFunction = () => [
  { title: "Uptake" },
  { name: "robots", content: "noindex" },
];

/** A refusal's Retry-After reaches the browser (see routes/verify.tsx). */
export const headers: HeadersFunction = ({ errorHeaders, loaderHeaders }) =>
  errorHeaders ?? loaderHeaders;

/**
 * Public by design: the link is the credential (decision 025). Dead links are counted per
 * client address and refused with 429 past the limit.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const person = await openInvitation(params.token ?? "", clientInfo(request, context).ipAddress);
  return { person: person && { name: person.name, email: person.email } };
}

/** Sets the first password, then signs in with it as the sign-in page does. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const client = clientInfo(request, context);
  return formAction(request, invitationSchema, async (input) => {
    const { email } = await acceptInvitation(params.token ?? "", input, client.ipAddress);
    const { cookie, secondFactor } = await signIn({ email, password: input.password }, client);
    return redirect(secondFactor ? "/login/two-factor" : "/", {
      headers: { "Set-Cookie": cookie },
    });
  });
}

export default function InviteRoute() {
  const { person } = useLoaderData<typeof loader>();
  return <InvitePage person={person} actionData={useActionData<typeof action>()} />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
