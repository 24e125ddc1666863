import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formAction } from "~/lib/actions.server";
import { isoDate } from "~/lib/dates";
import { requireUserWith } from "~/lib/session.server";
import { PageHeader } from "~/lib/ui/page";
import { Text } from "@mantine/core";
import { createInitiativeSchema, InitiativeForm } from "~/modules/initiatives";
import { createInitiative } from "~/modules/initiatives/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "create", "Initiative");
  return {
    owner: { value: user.id, label: user.name },
    today: isoDate(new Date()),
    submissionKey: crypto.randomUUID(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "create", "Initiative");
  return formAction(request, createInitiativeSchema, async ({ submissionKey, ...input }) => {
    const initiative = await createInitiative(user, input, { submissionKey });
    return redirect(`/initiatives/${initiative.id}`);
  });
}

export default function NewInitiativeRoute() {
  const { t } = useTranslation();
  const { owner, today, submissionKey } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("initiatives.form.createTitle")} />
      <Text size="sm" c="dimmed" mb="md">
        {t("initiatives.form.templateHint")}
      </Text>
      <InitiativeForm
        mode="create"
        submissionKey={submissionKey}
        owner={owner}
        actionData={useActionData<typeof action>()}
        defaultValues={{
          name: "",
          goal: "",
          ownerId: owner.value,
          status: "PLANNED",
          startDate: today,
        }}
      />
    </>
  );
}
