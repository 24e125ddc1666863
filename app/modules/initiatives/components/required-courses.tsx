import { Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates";
import { FormError, useSchemaForm } from "~/lib/ui/forms";
import { SearchPicker } from "~/lib/ui/search-picker";
import { initiativeEditForms } from "../schemas";

export interface RequiredCourseRow {
  courseId: string;
  title: string;
  dueDate: string | null;
  effectiveDueDate: string | null;
  assigned: number;
  completed: number;
}

/** The required courses, each with its due date and completion; read-only or with Remove. */
export function RequiredCourseList({
  courses,
  editable,
  scope,
}: {
  courses: RequiredCourseRow[];
  editable: boolean;
  scope?: "all" | "tree";
}) {
  const { t, i18n } = useTranslation();
  if (courses.length === 0) return <Text c="dimmed">{t("initiatives.courses.none")}</Text>;
  return (
    <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="required-courses">
      {courses.map((course) => (
        <li key={course.courseId}>
          <Group gap="sm" wrap="wrap">
            <Text fw={500}>{course.title}</Text>
            {course.effectiveDueDate && (
              <Text size="sm" c="dimmed">
                {t("initiatives.courses.due", {
                  date: formatDate(course.effectiveDueDate, i18n.language),
                })}
              </Text>
            )}
            {!editable && (
              <Text size="sm">
                {t(
                  scope === "tree"
                    ? "initiatives.courses.completionTree"
                    : "initiatives.courses.completion",
                  { completed: course.completed, assigned: course.assigned },
                )}
              </Text>
            )}
            {editable && (
              <Form method="post">
                <input type="hidden" name="intent" value="removeCourse" />
                <input type="hidden" name="courseId" value={course.courseId} />
                <Button
                  type="submit"
                  size="compact-sm"
                  variant="subtle"
                  color="red"
                  aria-label={t("initiatives.courses.removeLabel", { title: course.title })}
                >
                  {t("initiatives.courses.remove")}
                </Button>
              </Form>
            )}
          </Group>
        </li>
      ))}
    </ul>
  );
}

const addForm = initiativeEditForms.options[3];

/** Adds a published course (searched), with an optional due date. */
export function AddRequiredCourseForm({ actionData }: { actionData: unknown }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { form, field, onSubmit, formError } = useSchemaForm(addForm, {
    defaultValues: { intent: "addCourse", courseId: "", dueDate: "" },
    actionData,
  });
  return (
    <Form method="post" onSubmit={onSubmit} noValidate data-testid="add-course-form">
      <FormError message={formError} />
      <input type="hidden" {...form.register("intent")} />
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {t("initiatives.courses.hint")}
        </Text>
        <Group align="flex-start" wrap="wrap">
          <SearchPicker
            name="courseId"
            label={t("initiatives.courses.course")}
            placeholder={t("initiatives.courses.coursePlaceholder")}
            source="/initiatives/published-courses"
            selected={null}
            width={320}
            required
            error={field("courseId").error}
            onChange={(value) =>
              form.setValue("courseId", value, { shouldValidate: form.formState.isSubmitted })
            }
          />
          <TextInput type="date" label={t("initiatives.courses.dueDate")} {...field("dueDate")} />
          <Button type="submit" mt="lg" loading={navigation.state === "submitting"}>
            {t("initiatives.courses.add")}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}
