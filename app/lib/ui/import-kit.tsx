import {
  Alert,
  Anchor,
  Button,
  Group,
  List,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
  type SimpleGridProps,
} from "@mantine/core";
import { Form, Link, useNavigation } from "@remix-run/react";
import type { CSSProperties, ReactNode } from "react";
import type { DefaultValues, FieldValues, Path } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { ActionResult, ActionSuccess } from "~/lib/actions";
import type { ActionFailure } from "~/lib/errors";
import { actionDataFor, FormError, useSchemaForm, type SchemaFieldProps } from "./forms";
import { ListPage, ListTable, type ListSummary } from "./list-page";
import { PageHeader } from "./page";
import { PlainCard, PlainText } from "./plain";

// The CSV import kit: the pieces the staff import (/admin/import) and the KPI actuals import
// (/initiatives/kpis/import) share — upload → preview (nothing written) → commit → result.
// The pages keep their own columns, counts and wording (every text arrives translated, so
// the i18n keys stay literal in the modules) and pass them in as props or render functions.
// Forms, titles and alerts are Mantine components; cards, texts and the table's rows are the
// plain stand-ins (plain.tsx, decision 030).

type AnySchema = z.ZodType<FieldValues, FieldValues>;

/** A form's fields by name, as `useSchemaForm().field` gives them (for a form's own inputs). */
export type ImportFieldProps<S extends AnySchema> = (name: Path<z.input<S>>) => SchemaFieldProps;

/** The commit's answer: what was written (`R`), and the upload (for its error report). */
export type ImportCommitSuccess<R extends object> = ActionSuccess<"commit", R & { fileId: string }>;

/** An import page's action answer: a refusal of either form, or the commit's result. */
export type ImportActionData<R extends object> =
  ActionResult<"upload"> | ActionFailure<"commit"> | ImportCommitSuccess<R> | undefined;

/** The commit's result, when that is what the action answered (else null). */
export function committedImport<R extends object>(
  actionData: ImportActionData<R>,
): ImportCommitSuccess<R> | null {
  return actionData?.ok && actionData.intent === "commit"
    ? (actionData as ImportCommitSuccess<R>)
    : null;
}

/**
 * The import page: its title with the template download, the module's navigation, the intro,
 * then the commit's result (when there is one) or the preview, and the upload form last.
 */
export function ImportPageLayout({
  title,
  templateHref,
  templateLabel,
  nav,
  intro,
  result,
  preview,
  upload,
}: {
  title: string;
  templateHref: string;
  templateLabel: string;
  nav?: ReactNode;
  intro: string;
  /** The commit's result; shown instead of the preview. */
  result: ReactNode;
  preview: ReactNode;
  upload: ReactNode;
}) {
  return (
    <Stack>
      <PageHeader
        title={title}
        actions={
          <Button component="a" href={templateHref} variant="light">
            {templateLabel}
          </Button>
        }
      />
      {nav}
      <PlainText size="sm" color="dimmed">
        {intro}
      </PlainText>
      {result || preview}
      {upload}
    </Stack>
  );
}

/**
 * The upload form (intent "upload"): the CSV file, the form's own fields after it
 * (`children`), and the preview button. The schema names the file field `file`.
 */
export function ImportUploadForm<S extends AnySchema>({
  schema,
  defaultValues,
  actionData,
  title,
  fileLabel,
  fileHint,
  submitLabel,
  children,
}: {
  schema: S;
  defaultValues: DefaultValues<z.input<S>>;
  actionData: ImportActionData<object>;
  title: string;
  fileLabel: string;
  fileHint: string;
  submitLabel: string;
  children?: (field: ImportFieldProps<S>) => ReactNode;
}) {
  const navigation = useNavigation();
  const { field, onSubmit, formError } = useSchemaForm(schema, {
    defaultValues,
    actionData: actionDataFor(actionData, "upload"),
  });
  return (
    <PlainCard>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      <FormError message={formError} />
      <Form method="post" encType="multipart/form-data" onSubmit={onSubmit} noValidate>
        <input type="hidden" name="intent" value="upload" />
        <Stack>
          <TextInput
            type="file"
            accept=".csv,text/csv"
            label={fileLabel}
            description={fileHint}
            {...field("file" as Path<z.input<S>>)}
          />
          {children?.(field)}
          <Group>
            <Button type="submit" loading={navigation.state === "submitting"}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </Form>
    </PlainCard>
  );
}

/**
 * The preview of a stored upload: its file name and short hash, an optional note, the
 * problem with the whole file (its message key and columns) if any, then the plan's parts.
 */
export function ImportPreviewFrame({
  testId,
  fileLabel,
  fileHash,
  note,
  problem,
  problemTestId,
  children,
}: {
  testId: string;
  fileLabel: string;
  fileHash: string;
  note?: string;
  problem: { messageKey: string; columns: string[] } | null;
  problemTestId: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Stack data-testid={testId}>
      <PlainText size="sm">
        {fileLabel}{" "}
        <PlainText span size="xs" color="dimmed">
          {fileHash}
        </PlainText>
      </PlainText>
      {note && (
        <PlainText size="sm" color="dimmed">
          {note}
        </PlainText>
      )}
      {problem && (
        <Alert color="red" data-testid={problemTestId}>
          {t(problem.messageKey)} {problem.columns.join(", ")}
        </Alert>
      )}
      {children}
    </Stack>
  );
}

/** The short form of an upload's SHA-256 that the preview shows. */
export const shortHash = (sha256: string) => sha256.slice(0, 12);

/** One count of the preview; with `to`, a link that opens its rows. */
export interface ImportCountCard {
  key: string;
  label: string;
  count: number;
  color?: string;
  testId: string;
  to?: string;
  /** Its rows are the ones shown (the link is marked current). */
  current?: boolean;
}

const CURRENT_OUTLINE: CSSProperties = {
  outline: "2px solid var(--mantine-primary-color-filled)",
  borderRadius: 4,
};

/** The preview's counts, as cards; those with a link open their rows. */
export function ImportCountCards({
  cols,
  counts,
}: {
  cols: SimpleGridProps["cols"];
  counts: ImportCountCard[];
}) {
  return (
    <SimpleGrid cols={cols}>
      {counts.map((count) => {
        const content = (
          <PlainCard padding="sm" data-testid={count.testId}>
            <PlainText size="xs" color="dimmed">
              {count.label}
            </PlainText>
            <Text fw={700} size="xl" c={count.color}>
              {count.count}
            </Text>
          </PlainCard>
        );
        if (count.to === undefined) return <div key={count.key}>{content}</div>;
        return (
          <UnstyledButton
            key={count.key}
            component={Link}
            to={count.to}
            aria-current={count.current ? "true" : undefined}
            style={count.current ? CURRENT_OUTLINE : undefined}
          >
            {content}
          </UnstyledButton>
        );
      })}
    </SimpleGrid>
  );
}

/**
 * One page of the preview's rows: a card with its title, the result count, the table
 * (`children`: plain <tr>/<td> rows under `columns`), the empty text and the pagination.
 */
export function ImportRowsCard({
  title,
  summary,
  isEmpty,
  emptyText,
  minWidth,
  testId,
  columns,
  children,
}: {
  title: string;
  summary: ListSummary;
  isEmpty: boolean;
  emptyText: string;
  minWidth: number;
  testId: string;
  columns: ReactNode[];
  children: ReactNode;
}) {
  return (
    <PlainCard>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      <ListPage summary={summary} isEmpty={isEmpty} emptyText={emptyText}>
        <ListTable minWidth={minWidth} data-testid={testId} columns={columns}>
          {children}
        </ListTable>
      </ListPage>
    </PlainCard>
  );
}

/** A row's problems (or its changes) in its detail cell: a small list, one item each. */
export function RowDetailList<T>({
  items,
  children,
}: {
  items: readonly T[];
  children: (item: T) => ReactNode;
}) {
  return (
    <List size="sm">
      {items.map((item, index) => (
        <List.Item key={index}>{children(item)}</List.Item>
      ))}
    </List>
  );
}

/** "N rows have errors and are skipped." and the link to download them. */
export interface ErrorReportLink {
  text: string;
  href: string;
  linkText: string;
}

/** The rows in error: what happens to them, and the download of the error report. */
export function ErrorReportLine({ text, href, linkText, mb }: ErrorReportLink & { mb?: "sm" }) {
  return (
    <PlainText size="sm" mb={mb}>
      {text} <Anchor href={href}>{linkText}</Anchor>
    </PlainText>
  );
}

/**
 * The commit step (intent "commit"): the rows in error and their report, then either why
 * there is nothing to commit (`blocked`) or the form: the schema's `hidden` fields (the
 * upload and the plan it confirms), the form's own fields (`children`) and the button.
 */
export function ImportCommitCard<S extends AnySchema>({
  schema,
  defaultValues,
  hidden,
  actionData,
  errorReport,
  blocked,
  submitLabel,
  children,
}: {
  schema: S;
  defaultValues: DefaultValues<z.input<S>>;
  hidden: Path<z.input<S>>[];
  actionData: ActionResult<"commit"> | undefined;
  errorReport: ErrorReportLink | null;
  blocked: { testId: string; text: string } | null;
  submitLabel: string;
  children?: (field: ImportFieldProps<S>) => ReactNode;
}) {
  const navigation = useNavigation();
  const { form, field, onSubmit, formError } = useSchemaForm(schema, {
    defaultValues,
    actionData,
  });
  const button = (
    <Group>
      <Button type="submit" loading={navigation.state === "submitting"}>
        {submitLabel}
      </Button>
    </Group>
  );
  return (
    <PlainCard>
      <FormError message={formError} />
      {errorReport && <ErrorReportLine {...errorReport} mb="sm" />}
      {blocked ? (
        <PlainText size="sm" testId={blocked.testId}>
          {blocked.text}
        </PlainText>
      ) : (
        <Form method="post" onSubmit={onSubmit} noValidate>
          <input type="hidden" name="intent" value="commit" />
          {hidden.map((name) => (
            <input key={name} type="hidden" {...form.register(name)} />
          ))}
          {children ? (
            <Stack>
              {children(field)}
              {button}
            </Stack>
          ) : (
            button
          )}
        </Form>
      )}
    </PlainCard>
  );
}

/** A link button under the result. */
export interface ImportResultLink {
  to: string;
  label: string;
}

/**
 * The commit's result: what was written, the rows in error and their report, then a link to
 * what was imported (`next`) and one to import another file (`again`).
 */
export function ImportResultAlert({
  testId,
  title,
  summary,
  errorReport,
  next,
  again,
}: {
  testId: string;
  title: string;
  summary: string;
  errorReport: ErrorReportLink | null;
  next: ImportResultLink;
  again: ImportResultLink;
}) {
  return (
    <Alert color="teal" role="status" data-testid={testId} title={title}>
      <Stack gap="xs">
        <PlainText size="sm">{summary}</PlainText>
        {errorReport && <ErrorReportLine {...errorReport} />}
        <Group>
          <Button component={Link} to={next.to} variant="light" size="xs">
            {next.label}
          </Button>
          <Button component={Link} to={again.to} variant="subtle" size="xs">
            {again.label}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
