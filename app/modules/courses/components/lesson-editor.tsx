import {
  Box,
  Button,
  Grid,
  Group,
  Stack,
  Text,
  Textarea,
  TextInput,
  TypographyStylesProvider,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { Form, useFetcher } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { ActionResult } from "~/lib/actions";
import { FormError, useSchemaForm } from "~/lib/ui/forms";
import { lessonSchema, lessonUpdateSchema } from "../schemas";

export interface LessonValues {
  title: string;
  body: string;
  videoUrl: string;
  attachmentUrl: string;
  revision?: string;
}

/** Markdown rendered by the server's sanitiser, the same HTML learners will see. */
export function useMarkdownPreview(markdown: string) {
  const fetcher = useFetcher<{ html: string }>();
  const [debounced] = useDebouncedValue(markdown, 300);
  const { submit } = fetcher;
  useEffect(() => {
    submit({ markdown: debounced }, { method: "post", action: "/courses/markdown-preview" });
  }, [debounced, submit]);
  return fetcher.data?.html ?? "";
}

export function LessonEditor({
  mode,
  defaultValues,
  actionData,
}: {
  mode: "create" | "edit";
  defaultValues: LessonValues;
  actionData: ActionResult | undefined;
}) {
  const { t } = useTranslation();
  const editor = useSchemaForm(mode === "create" ? lessonSchema : lessonUpdateSchema, {
    defaultValues,
    actionData,
  });
  const { field, onSubmit, formError } = editor;
  return (
    <Form method="post" onSubmit={onSubmit} noValidate>
      {/* The revision the edit started from, never edited (the create schema has none). */}
      {mode === "edit" && (
        <input type="hidden" name="revision" defaultValue={defaultValues.revision} />
      )}
      <FormError message={formError} />
      <Stack>
        <TextInput label={t("courses.lesson.title")} {...field("title")} />
        <LessonBody editor={editor} />
        <TextInput
          label={t("courses.lesson.videoUrl")}
          placeholder="https://"
          {...field("videoUrl")}
        />
        <TextInput
          label={t("courses.lesson.attachmentUrl")}
          placeholder="https://"
          {...field("attachmentUrl")}
        />
        <Group>
          <Button type="submit">
            {mode === "create" ? t("courses.lesson.add") : t("actions.save")}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}

/** The Markdown body beside its rendered preview. */
function LessonBody({
  editor: { field, form },
}: {
  editor: ReturnType<typeof useSchemaForm<typeof lessonSchema>>;
}) {
  const { t } = useTranslation();
  const html = useMarkdownPreview(form.watch("body") ?? "");
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Textarea
          label={t("courses.lesson.body")}
          description={t("courses.lesson.bodyHelp")}
          autosize
          minRows={14}
          styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
          {...field("body")}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Text size="sm" fw={500} mb={4}>
          {t("courses.lesson.preview")}
        </Text>
        <Box
          p="sm"
          style={{
            border: "1px solid var(--mantine-color-default-border)",
            borderRadius: 8,
            minHeight: 300,
          }}
          data-testid="markdown-preview"
        >
          <TypographyStylesProvider>
            <div dangerouslySetInnerHTML={{ __html: html }} />
          </TypographyStylesProvider>
        </Box>
      </Grid.Col>
    </Grid>
  );
}
