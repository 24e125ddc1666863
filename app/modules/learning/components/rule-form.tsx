import { Button, Checkbox, Group, MultiSelect, SimpleGrid, Stack } from "@mantine/core";
import { Form } from "@remix-run/react";
import { Controller } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { ActionResult } from "~/lib/actions";
import { ROLES } from "~/lib/permissions";
import { FormError, useSchemaForm } from "~/lib/ui/forms";
import { FormNativeSelect, FormTextInput } from "~/lib/ui/plain-inputs";
import { ruleSchema, TARGET_TYPES } from "../schemas";

export interface RuleFormOptions {
  courses: { id: string; title: string }[];
  departments: { id: string; name: string }[];
  people: { id: string; name: string; email: string }[];
  /** May target all staff, a role or a job title (not only departments and people). */
  everywhere: boolean;
}

function useRuleForm(options: RuleFormOptions, actionData: ActionResult<"create"> | undefined) {
  return useSchemaForm(ruleSchema, {
    defaultValues: {
      courseId: options.courses[0]?.id ?? "",
      targetType: options.everywhere ? "ALL" : "DEPARTMENT",
      departmentId: "",
      includeSubDepartments: true,
      role: "",
      jobTitle: "",
      userIds: "",
      dueMode: "DAYS",
      dueDays: "30",
      dueDate: "",
      newHiresOnly: false,
      hiredAfter: "",
      recurrenceMonths: "",
    },
    actionData,
    // Fields for other targets and due modes are hidden, so left out of the post.
    shouldUnregister: true,
  });
}
type RuleFormState = ReturnType<typeof useRuleForm>;

/** Named people, searched by name and e-mail; the form keeps their ids comma-separated. */
function PeoplePicker({
  state: { form, errorFor },
  people,
}: {
  state: RuleFormState;
  people: RuleFormOptions["people"];
}) {
  const { t } = useTranslation();
  return (
    <Controller
      control={form.control}
      name="userIds"
      render={({ field: controlled }) => (
        <MultiSelect
          label={t("learning.rule.people")}
          data={people.map((p) => ({ value: p.id, label: `${p.name} (${p.email})` }))}
          name="userIds"
          value={String(controlled.value ?? "")
            .split(",")
            .filter(Boolean)}
          onChange={(ids) => controlled.onChange(ids.join(","))}
          error={errorFor("userIds")}
          searchable
          limit={50}
        />
      )}
    />
  );
}

/** The fields of the chosen target: a department, a role, a job title or named people. */
function TargetFields({
  state,
  options,
  target,
}: {
  state: RuleFormState;
  options: RuleFormOptions;
  target: string;
}) {
  const { t } = useTranslation();
  const { form, field } = state;
  return (
    <>
      {target === "DEPARTMENT" && (
        <Group align="flex-end">
          <FormNativeSelect
            label={t("fields.department")}
            data={[
              { value: "", label: t("org.user.chooseDepartment") },
              ...options.departments.map((d) => ({ value: d.id, label: d.name })),
            ]}
            {...field("departmentId")}
          />
          <Checkbox
            label={t("learning.rule.includeSub")}
            {...form.register("includeSubDepartments")}
          />
        </Group>
      )}
      {target === "ROLE" && (
        <FormNativeSelect
          label={t("fields.role")}
          data={[
            { value: "", label: "—" },
            ...ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) })),
          ]}
          {...field("role")}
        />
      )}
      {target === "JOB_TITLE" && (
        <FormTextInput label={t("fields.jobTitle")} {...field("jobTitle")} />
      )}
      {target === "PEOPLE" && <PeoplePicker state={state} people={options.people} />}
    </>
  );
}

/** When it is due (in days or on a date), recurrence, and the new-hires option. */
function DueFields({
  state: { form, field },
  dueMode,
  newHires,
}: {
  state: RuleFormState;
  dueMode: string;
  newHires: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <FormNativeSelect
          label={t("learning.rule.dueMode")}
          data={[
            { value: "DAYS", label: t("learning.rule.dueInDays") },
            { value: "DATE", label: t("learning.rule.dueOnDate") },
          ]}
          {...field("dueMode")}
        />
        {dueMode === "DAYS" || newHires ? (
          <FormTextInput
            label={t("learning.rule.dueDays")}
            inputMode="numeric"
            {...field("dueDays")}
          />
        ) : (
          <FormTextInput label={t("learning.rule.dueDate")} type="date" {...field("dueDate")} />
        )}
        <FormTextInput
          label={t("learning.rule.recurrence")}
          description={t("learning.rule.recurrenceHelp")}
          inputMode="numeric"
          {...field("recurrenceMonths")}
        />
      </SimpleGrid>
      <Group align="flex-end">
        <Checkbox label={t("learning.rule.newHiresOnly")} {...form.register("newHiresOnly")} />
        {newHires && (
          <FormTextInput
            label={t("learning.rule.hiredAfter")}
            description={t("learning.rule.hiredAfterHelp")}
            type="date"
            {...field("hiredAfter")}
          />
        )}
      </Group>
    </>
  );
}

export function RuleForm({
  options,
  actionData,
}: {
  options: RuleFormOptions;
  actionData: ActionResult<"create"> | undefined;
}) {
  const { t } = useTranslation();
  const state = useRuleForm(options, actionData);
  const { form, field, onSubmit, formError } = state;
  const target = form.watch("targetType");
  const dueMode = form.watch("dueMode");
  const newHires = form.watch("newHiresOnly");
  // Managers assign within their own tree: departments or named people only.
  const targets = options.everywhere ? TARGET_TYPES : (["DEPARTMENT", "PEOPLE"] as const);
  return (
    <Form method="post" onSubmit={onSubmit} noValidate data-testid="rule-form">
      <input type="hidden" name="intent" value="create" />
      <FormError message={formError} />
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <FormNativeSelect
            label={t("learning.rule.course")}
            data={options.courses.map((c) => ({ value: c.id, label: c.title }))}
            {...field("courseId")}
          />
          <FormNativeSelect
            label={t("learning.rule.target")}
            data={targets.map((value) => ({ value, label: t(`learning.target.${value}`) }))}
            {...field("targetType")}
          />
        </SimpleGrid>
        <TargetFields state={state} options={options} target={target} />
        <DueFields state={state} dueMode={dueMode} newHires={Boolean(newHires)} />
        <Group>
          <Button type="submit">{t("learning.rule.create")}</Button>
        </Group>
      </Stack>
    </Form>
  );
}
