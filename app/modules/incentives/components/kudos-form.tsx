import { Alert, Button, Card, Group, Stack, Title } from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { ActionResult } from "~/lib/actions";
import { FormError, useSchemaForm } from "~/lib/ui/forms";
import { FormNativeSelect, FormTextarea, FormTextInput } from "~/lib/ui/plain-inputs";
import { SearchPicker, type PickerOption } from "~/lib/ui/search-picker";
import { kudosSchema } from "../kudos";

export interface GivingAllowanceLeft {
  allowance: number;
  used: number;
  left: number;
}

/**
 * The send form: receiver (searched), company value, points from the giving allowance and the
 * message. The page remounts it (`key`) after each kudos sent, which empties it.
 */
export function KudosForm({
  receiver,
  values,
  allowance,
  submissionKey,
  actionData,
}: {
  /** The receiver chosen in advance (`?to=`), if any. */
  receiver: PickerOption | null;
  /** The active company values. */
  values: { id: string; name: string }[];
  allowance: GivingAllowanceLeft;
  submissionKey: string;
  actionData: ActionResult | undefined;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { form, field, errorFor, onSubmit, formError } = useSchemaForm(kudosSchema, {
    defaultValues: {
      toId: receiver?.value ?? "",
      message: "",
      valueId: "",
      points: "",
      submissionKey: "",
    },
    actionData,
  });
  // The picker resets to `selected` whenever it changes: the loader's answer after a refused
  // post must not clear the receiver the person chose.
  const selected = useMemo(() => receiver, [receiver?.value]); // eslint-disable-line react-hooks/exhaustive-deps
  const toIdError = errorFor("toId");
  return (
    <Card withBorder data-testid="kudos-form">
      <Title order={2} size="h4" mb="sm">
        {t("rewards.kudos.send.title")}
      </Title>
      <FormError message={formError} />
      <Form method="post" onSubmit={onSubmit} noValidate>
        {/* Not a form value: a fresh key comes with every page load. */}
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <Stack>
          <Group align="flex-start" grow wrap="wrap">
            <SearchPicker
              name="toId"
              label={t("rewards.kudos.send.receiver")}
              placeholder={t("rewards.kudos.send.receiverPlaceholder")}
              source="/rewards/kudos/people"
              selected={selected}
              width="100%"
              required
              error={toIdError}
              onChange={(value) =>
                form.setValue("toId", value, { shouldValidate: form.formState.isSubmitted })
              }
            />
            <FormNativeSelect
              label={t("rewards.kudos.send.value")}
              data={[
                { value: "", label: t("rewards.kudos.send.noValue") },
                ...values.map((value) => ({ value: value.id, label: value.name })),
              ]}
              {...field("valueId")}
            />
            <FormTextInput
              label={t("rewards.kudos.send.points")}
              description={t("rewards.kudos.send.allowanceLeft", { ...allowance })}
              inputMode="numeric"
              placeholder="0"
              {...field("points")}
            />
          </Group>
          <FormTextarea label={t("rewards.kudos.send.message")} minRows={3} {...field("message")} />
          <Group>
            <Button type="submit" loading={navigation.state === "submitting"}>
              {t("rewards.kudos.send.submit")}
            </Button>
          </Group>
        </Stack>
      </Form>
    </Card>
  );
}

/** After a send: the kudos is on the wall, first. */
export function KudosSent() {
  const { t } = useTranslation();
  return (
    <Alert color="teal" role="status">
      {t("rewards.kudos.send.sent")}
    </Alert>
  );
}
