import { Card } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { TextLink } from "~/lib/ui/plain";
import { useTranslation } from "react-i18next";
import { formAction } from "~/lib/actions.server";
import { redirect } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { PageHeader } from "~/lib/ui/page";
import { IdeaForm, ideaSchema } from "~/modules/ideas";
import { createIdea, ideaFormOptions } from "~/modules/ideas/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "create", "Idea");
  const { departments } = await ideaFormOptions();
  return { departments, defaultDepartmentId: user.departmentId ?? "" };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "create", "Idea");
  return formAction(request, ideaSchema, async (input) =>
    redirect(`/ideas/${await createIdea(user, input)}`),
  );
}

export default function NewIdea() {
  const { t } = useTranslation();
  const { departments, defaultDepartmentId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <TextLink to="/ideas" size="sm">
        ← {t("ideas.title")}
      </TextLink>
      <PageHeader title={t("ideas.new")} />
      <Card withBorder maw={760}>
        <IdeaForm
          departments={departments}
          defaultDepartmentId={defaultDepartmentId}
          actionData={actionData}
        />
      </Card>
    </>
  );
}
