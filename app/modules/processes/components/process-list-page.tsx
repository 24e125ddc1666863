import { Button, NativeSelect, Stack, Textarea, TextInput, Title } from "@mantine/core";
import type { SerializeFrom } from "@remix-run/node";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Principal } from "~/lib/permissions";
import { FormError, useSchemaForm } from "~/lib/ui/forms";
import { EmptyState, ResultCount } from "~/lib/ui/list-page";
import { PageHeader, UrlPagination } from "~/lib/ui/page";
import { ALIGN_END, DimmedText, PlainCard, PlainTable, TextLink } from "~/lib/ui/plain";
import { ScrollTable } from "~/lib/ui/scroll-table";
import { InitiativeTabs } from "~/modules/initiatives";
import { createProcessSchema } from "../schemas";
import type { ProcessListView as ProcessList } from "../types";
import { formatMinutes } from "./figures";

type Choice = { value: string; label: string };

/** /initiatives/:id/processes: the initiative's processes and, for HR, a new one. */
export function ProcessListPage({
  principal,
  list,
  departments,
  submissionKey,
  actionData,
}: {
  principal: Principal;
  list: SerializeFrom<ProcessList>;
  departments: Choice[];
  submissionKey: string;
  actionData: unknown;
}) {
  const { t } = useTranslation();
  const base = `/initiatives/${list.initiative.id}/processes` as const;
  return (
    <Stack>
      <InitiativeTabs user={principal} initiativeId={list.initiative.id} />
      <PageHeader title={`${t("processes.list.title")}: ${list.initiative.name}`} />
      <ResultCount total={list.page.total} />
      {list.rows.length === 0 ? (
        <EmptyState>{t("processes.list.empty")}</EmptyState>
      ) : (
        <ScrollTable minWidth={640}>
          <PlainTable data-testid="process-list">
            <thead>
              <tr>
                <th scope="col">{t("processes.fields.name")}</th>
                <th scope="col">{t("processes.fields.department")}</th>
                <th scope="col" style={ALIGN_END}>
                  {t("processes.list.asIsSteps")}
                </th>
                <th scope="col" style={ALIGN_END}>
                  {t("processes.list.asIsCritical")}
                </th>
                <th scope="col" style={ALIGN_END}>
                  {t("processes.list.toBeSteps")}
                </th>
                <th scope="col" style={ALIGN_END}>
                  {t("processes.list.toBeCritical")}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <TextLink to={`${base}/${row.id}`}>{row.name}</TextLink>
                    {row.outcome && <DimmedText>{row.outcome}</DimmedText>}
                  </td>
                  <td>{row.departmentName}</td>
                  <td style={ALIGN_END}>{row.asIs.steps}</td>
                  <td style={ALIGN_END}>{formatMinutes(t, row.asIs.criticalPathMinutes)}</td>
                  <td style={ALIGN_END}>{row.toBe.steps}</td>
                  <td style={ALIGN_END}>{formatMinutes(t, row.toBe.criticalPathMinutes)}</td>
                </tr>
              ))}
            </tbody>
          </PlainTable>
        </ScrollTable>
      )}
      <UrlPagination page={list.page.page} pageCount={list.page.pageCount} />
      {list.canCreate && (
        <NewProcessForm
          departments={departments}
          submissionKey={submissionKey}
          actionData={actionData}
        />
      )}
    </Stack>
  );
}

function NewProcessForm({
  departments,
  submissionKey,
  actionData,
}: {
  departments: Choice[];
  submissionKey: string;
  actionData: unknown;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { form, field, onSubmit, formError } = useSchemaForm(createProcessSchema, {
    defaultValues: { name: "", departmentId: "", outcome: "", submissionKey },
    actionData,
  });
  return (
    <PlainCard>
      <Title order={2} size="h4" mb="sm">
        {t("processes.list.newTitle")}
      </Title>
      <Form method="post" onSubmit={onSubmit} noValidate data-testid="new-process-form">
        <FormError message={formError} />
        <input type="hidden" {...form.register("submissionKey")} />
        <Stack gap="sm" maw={520}>
          <TextInput label={t("processes.fields.name")} {...field("name")} />
          <NativeSelect
            label={t("processes.fields.department")}
            data={[{ value: "", label: t("processes.fields.chooseDepartment") }, ...departments]}
            {...field("departmentId")}
          />
          <Textarea
            label={t("processes.fields.outcome")}
            autosize
            minRows={2}
            {...field("outcome")}
          />
          <div>
            <Button type="submit" loading={navigation.state === "submitting"}>
              {t("processes.list.create")}
            </Button>
          </div>
        </Stack>
      </Form>
    </PlainCard>
  );
}
