import { Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { useFieldArray } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { isoDate } from "~/lib/dates";
import { FormError, useSchemaForm } from "~/lib/ui/forms";
import { initiativeEditForms, isPhaseKey, MAX_PHASES } from "../schemas";

export interface EditablePhase {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  hasPulses: boolean;
}

const phasesForm = initiativeEditForms.options[1];

/**
 * The phases in order: rename, move up or down, change the dates, add, remove (not a phase
 * with pulses). The whole list is saved at once; each phase's problem shows at its field.
 */
export function PhasesEditor({
  phases,
  revision,
  actionData,
}: {
  phases: EditablePhase[];
  revision: number;
  actionData: unknown;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { form, field, errorFor, onSubmit, formError } = useSchemaForm(phasesForm, {
    json: true,
    defaultValues: {
      intent: "phases",
      revision: String(revision),
      phases: phases.map((phase) => ({
        id: phase.id,
        name: isPhaseKey(phase.name) ? t(phase.name) : phase.name,
        storedName: phase.name,
        startsOn: isoDate(phase.startsOn),
        endsOn: isoDate(phase.endsOn),
      })),
    },
    actionData,
  });
  const list = useFieldArray({ control: form.control, name: "phases" });
  const withPulses = new Set(phases.filter((p) => p.hasPulses).map((p) => p.id));
  const listError = errorFor("phases");
  return (
    <Form method="post" onSubmit={onSubmit} noValidate data-testid="phases-editor">
      <FormError message={formError} />
      <Stack>
        {listError && (
          <Text c="red" size="sm" role="alert">
            {listError}
          </Text>
        )}
        {list.fields.map((item, index) => {
          const id = form.getValues(`phases.${index}.id`) ?? "";
          return (
            <fieldset key={item.id} style={{ border: 0, padding: 0, margin: 0 }}>
              <legend>
                <Text fw={600} size="sm">
                  {t("initiatives.phases.phaseLabel", { n: index + 1 })}
                </Text>
              </legend>
              <Group align="flex-start" wrap="wrap">
                <TextInput
                  label={t("initiatives.phases.name")}
                  {...field(`phases.${index}.name`)}
                />
                <TextInput
                  type="date"
                  label={t("initiatives.phases.startsOn")}
                  {...field(`phases.${index}.startsOn`)}
                />
                <TextInput
                  type="date"
                  label={t("initiatives.phases.endsOn")}
                  {...field(`phases.${index}.endsOn`)}
                />
                <Group gap="xs" mt="lg">
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    disabled={index === 0}
                    onClick={() => list.move(index, index - 1)}
                  >
                    {t("initiatives.phases.moveUp")}
                  </Button>
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    disabled={index === list.fields.length - 1}
                    onClick={() => list.move(index, index + 1)}
                  >
                    {t("initiatives.phases.moveDown")}
                  </Button>
                  <Button
                    variant="subtle"
                    color="red"
                    size="compact-sm"
                    disabled={list.fields.length === 1 || withPulses.has(id)}
                    onClick={() => list.remove(index)}
                  >
                    {t("initiatives.phases.remove")}
                  </Button>
                </Group>
              </Group>
            </fieldset>
          );
        })}
        <Group>
          <Button
            variant="light"
            disabled={list.fields.length >= MAX_PHASES}
            onClick={() => {
              const last = form.getValues(`phases.${list.fields.length - 1}.endsOn`);
              const start = last ? new Date(`${last}T00:00:00.000Z`) : new Date();
              start.setUTCDate(start.getUTCDate() + 1);
              const end = new Date(start);
              end.setUTCMonth(end.getUTCMonth() + 1);
              list.append({
                id: "",
                name: "",
                storedName: "",
                startsOn: isoDate(start),
                endsOn: isoDate(end),
              });
            }}
          >
            {t("initiatives.phases.add")}
          </Button>
          <Button type="submit" loading={navigation.state === "submitting"}>
            {t("initiatives.phases.save")}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}
