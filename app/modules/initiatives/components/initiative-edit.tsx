import { Card, Stack, Title } from "@mantine/core";
import { TextLink } from "~/lib/ui/plain";
import { useTranslation } from "react-i18next";
import { isoDate } from "~/lib/dates";
import { actionDataFor } from "~/lib/ui/forms";
import type { PickerOption } from "~/lib/ui/search-picker";
import { PageHeader } from "~/lib/ui/page";
import type { InitiativeStatusValue } from "../schemas";
import { InitiativeForm } from "./initiative-form";
import { PhasesEditor, type EditablePhase } from "./phases-editor";
import {
  AddRequiredCourseForm,
  RequiredCourseList,
  type RequiredCourseRow,
} from "./required-courses";
import { TargetsPicker, type DepartmentNode } from "./targets-picker";

export interface EditData {
  id: string;
  name: string;
  goal: string;
  status: InitiativeStatusValue;
  startDate: string;
  revision: number;
  owner: PickerOption | null;
  phases: EditablePhase[];
  targets: { departmentId: string; includeSubDepartments: boolean }[];
  courses: RequiredCourseRow[];
  departments: DepartmentNode[];
}

/**
 * The edit page: details, phases, target departments and required courses, each its own
 * form (intent). Each form remounts on a new revision, so it starts from what was saved.
 */
export function InitiativeEditPage({ data, actionData }: { data: EditData; actionData: unknown }) {
  const { t } = useTranslation();
  const answer = (intent: "details" | "phases" | "targets" | "addCourse" | "removeCourse") =>
    actionDataFor(actionData as { intent?: string } | undefined, intent);
  return (
    <Stack>
      <PageHeader
        title={t("initiatives.form.editTitle")}
        actions={<TextLink to={`/initiatives/${data.id}`}>{t("initiatives.form.back")}</TextLink>}
      />
      <Card withBorder>
        <Title order={3} mb="sm">
          {t("initiatives.form.detailsTitle")}
        </Title>
        <InitiativeForm
          key={`details-${data.revision}`}
          mode="edit"
          revision={data.revision}
          owner={data.owner}
          actionData={answer("details")}
          defaultValues={{
            name: data.name,
            goal: data.goal,
            ownerId: data.owner?.value ?? "",
            status: data.status,
            startDate: isoDate(data.startDate),
          }}
        />
      </Card>
      <Card withBorder>
        <Title order={3} mb="sm">
          {t("initiatives.phases.title")}
        </Title>
        <PhasesEditor
          key={`phases-${data.revision}`}
          phases={data.phases}
          revision={data.revision}
          actionData={answer("phases")}
        />
      </Card>
      <Card withBorder>
        <Title order={3} mb="sm">
          {t("initiatives.targets.title")}
        </Title>
        <TargetsPicker
          key={`targets-${data.revision}`}
          departments={data.departments}
          targets={data.targets}
          revision={data.revision}
          actionData={answer("targets")}
        />
      </Card>
      <Card withBorder>
        <Stack>
          <Title order={3}>{t("initiatives.courses.title")}</Title>
          <RequiredCourseList courses={data.courses} editable />
          <AddRequiredCourseForm
            key={data.courses.map((c) => c.courseId).join(",")}
            actionData={answer("addCourse") ?? answer("removeCourse")}
          />
        </Stack>
      </Card>
    </Stack>
  );
}
