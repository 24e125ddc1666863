import { zodResolver } from "@hookform/resolvers/zod";
import { Alert } from "@mantine/core";
import { useSubmit, type SubmitFunction } from "@remix-run/react";
import { useMemo, type FormEvent } from "react";
import {
  get,
  useForm,
  type DefaultValues,
  type FieldValues,
  type Path,
  type RegisterOptions,
  type UseFormRegisterReturn,
  type UseFormReturn,
} from "react-hook-form";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { constraintsFor } from "~/lib/constraints";
import type { ActionFailure } from "~/lib/errors";

type AnySchema = z.ZodType<FieldValues, FieldValues>;

/** The intents an action's answer can carry (any string while its type is unknown). */
type IntentsOf<R> = unknown extends R
  ? string
  : R extends { intent?: infer I }
    ? Extract<I, string>
    : never;

/** The members of an action's answer that can answer one of these intents, as they do. */
type AnswerTo<R, I extends string> = unknown extends R
  ? unknown
  : R extends { intent?: infer Own }
    ? string extends Own
      ? R
      : [Extract<Own, I>] extends [never]
        ? never
        : Omit<R, "intent"> & { intent: Extract<Own, I> }
    : never;

/**
 * The action's answer when it answers one of these intents (pages with several forms), typed
 * from `useActionData<typeof action>()`: a form reads its own success or refusal, no cast.
 */
export function actionDataFor<R, I extends IntentsOf<R>>(
  actionData: R | undefined,
  ...intents: I[]
): AnswerTo<R, I> | undefined {
  if (typeof actionData !== "object" || actionData === null || !("intent" in actionData)) {
    return undefined;
  }
  const { intent } = actionData;
  return typeof intent === "string" && (intents as string[]).includes(intent)
    ? (actionData as AnswerTo<R, I>)
    : undefined;
}

export function isFailure(value: unknown): value is ActionFailure {
  return typeof value === "object" && value !== null && (value as { ok?: unknown }).ok === false;
}

type SchemaFormOptions<S extends AnySchema> = {
  defaultValues: DefaultValues<z.input<S>>;
  actionData?: unknown;
  action?: string;
  /** Send the values as JSON (forms with lists of sub-fields) instead of form fields. */
  json?: boolean;
  /**
   * Forms that hide fields: a hidden field is left out of the values checked here, as it
   * is left out of the post, so a stale hidden value cannot block the submit unseen.
   */
  shouldUnregister?: boolean;
};

/**
 * `form.register` gives uncontrolled inputs with no value until the script runs, so the
 * server HTML showed empty fields (a Save clicked before hydration posted blanks). This
 * one adds the field's current value as `defaultValue` (or `defaultChecked`), which the
 * server renders and react-hook-form then reads back.
 */
function registerWithValue<V extends FieldValues, O>(form: UseFormReturn<V, unknown, O>) {
  return (
    name: Path<V>,
    rules?: RegisterOptions<V, Path<V>>,
  ): UseFormRegisterReturn<Path<V>> & {
    defaultValue?: string;
    defaultChecked?: boolean;
  } => {
    const registered = form.register(name, rules);
    const value: unknown = form.getValues(name);
    if (typeof value === "boolean") return { ...registered, defaultChecked: value };
    if (typeof value === "string" || typeof value === "number")
      return { ...registered, defaultValue: String(value) };
    if (value === null) return { ...registered, defaultValue: "" };
    return registered;
  };
}

/** A field's message, translated: the browser check's first, else the server's. */
function fieldErrorReader<V extends FieldValues, O>(
  form: UseFormReturn<V, unknown, O>,
  failure: ActionFailure | undefined,
  t: TFunction,
) {
  return (name: Path<V>): string | undefined => {
    // Errors on a whole list (useFieldArray) sit under `root`.
    const own = get(form.formState.errors, name) as
      { message?: string; root?: { message?: string } } | undefined;
    const message = own?.message ?? own?.root?.message ?? failure?.fieldErrors[name];
    return message ? t(message) : undefined;
  };
}

/** Checks the schema in the browser, then posts the form (with its clicked button) or JSON. */
function submitHandler<V extends FieldValues, O>(
  form: UseFormReturn<V, unknown, O>,
  submit: SubmitFunction,
  options: { action?: string; json?: boolean },
) {
  return (event: FormEvent<HTMLFormElement>) => {
    const formElement = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void form.handleSubmit(() =>
      options.json
        ? submit(form.getValues() as never, {
            method: "post",
            action: options.action,
            encType: "application/json",
          })
        : submit(submitter ?? formElement, { method: "post", action: options.action }),
    )(event);
  };
}

/**
 * The props `field()` gives an input, for a part of a form drawn by a component of its own
 * (the register props already type the HTML constraints).
 */
export type SchemaFieldProps = UseFormRegisterReturn & {
  defaultValue?: string;
  defaultChecked?: boolean;
  error: string | undefined;
  "aria-invalid": true | undefined;
};

/**
 * One zod schema for a form: react-hook-form checks it in the browser before submitting,
 * the action parses the same schema on the server. Server field errors (from the action's
 * ActionFailure) show in the same place as browser ones.
 */
export function useSchemaForm<S extends AnySchema>(schema: S, options: SchemaFormOptions<S>) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    // Zod 4 schemas with transforms: the resolver maps input to output types.
    resolver: zodResolver(schema as never) as never,
    defaultValues: options.defaultValues,
    // Validate on submit, then live: validating on blur shifts the layout under the pointer
    // and swallows the click on the submit button.
    mode: "onSubmit",
    reValidateMode: "onChange",
    shouldUnregister: options.shouldUnregister ?? false,
  });
  const failure = isFailure(options.actionData) ? options.actionData : undefined;
  const register = registerWithValue(form);
  const errorFor = fieldErrorReader(form, failure, t);
  const onSubmit = submitHandler(form, submit, options);

  /**
   * Props for a Mantine input bound to the field, its error shown under it, with the HTML
   * constraints (`required`, `maxLength`…) the schema states (lib/constraints).
   */
  const field = (name: Path<z.input<S>>): SchemaFieldProps => {
    const error = errorFor(name);
    return {
      ...register(name),
      ...constraintsFor(schema, name),
      error,
      // Set explicitly: some Mantine inputs (PasswordInput) do not mark the inner input.
      "aria-invalid": error ? true : undefined,
    };
  };

  const formError = failure ? t(failure.formError) : undefined;

  // Every `form.register(...)` in a form (hidden revision fields, checkboxes) renders its value
  // too. The object keeps one identity (effects depend on it) and reads the current formState.
  const formWithValues = useMemo(() => {
    const copy = { ...form, register };
    Object.defineProperty(copy, "formState", { get: () => form.formState });
    return copy;
    // `register` only closes over the stable `form`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [form]);

  return { form: formWithValues, field, errorFor, onSubmit, formError };
}

/**
 * A form that creates a record or edits one: the create form posts its submission key (a
 * repeated post creates once), the edit form the revision it was opened at.
 */
export type ModeFormProps =
  { mode: "create"; submissionKey: string } | { mode: "edit"; revision: number };

/** The edit schema's intent literal: to give when the schema has one, else not at all. */
type ModeIntent<E extends AnySchema> =
  z.input<E> extends { intent: infer I } ? { intent: I } : { intent?: never };

type ModeFormOptions<C extends AnySchema, E extends AnySchema> = Omit<
  SchemaFormOptions<C | E>,
  "defaultValues"
> & {
  schemas: { create: C; edit: E };
  /** The fields both modes share; the key, or the revision (and intent), are added here. */
  defaultValues: DefaultValues<z.input<C>> & DefaultValues<z.input<E>>;
} & ModeIntent<E>;

/**
 * useSchemaForm for a form drawn in both modes, which all chose their schema, added their
 * hidden fields' values and named their button the same way (here once): the create schema
 * with `submissionKey`, or the edit schema with `revision` (as the text the hidden input
 * holds) and its `intent`. `isEdit` picks the hidden inputs and the button's label.
 */
export function useModeForm<C extends AnySchema, E extends AnySchema>(
  props: ModeFormProps,
  { schemas, defaultValues, intent, ...options }: ModeFormOptions<C, E>,
) {
  const isEdit = props.mode === "edit";
  const values = isEdit
    ? {
        ...defaultValues,
        revision: String(props.revision),
        ...(intent === undefined ? {} : { intent }),
      }
    : { ...defaultValues, submissionKey: props.submissionKey };
  const schemaForm = useSchemaForm<C | E>(isEdit ? schemas.edit : schemas.create, {
    ...options,
    // The generic schemas cannot show TypeScript that these fields are theirs.
    defaultValues: values as DefaultValues<z.input<C | E>>,
  });
  return { ...schemaForm, isEdit };
}

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <Alert color="red" role="alert" mb="md">
      {message}
    </Alert>
  );
}
