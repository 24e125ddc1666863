import {
  ActionIcon,
  Button,
  CloseButton,
  CloseIcon,
  Combobox,
  Group,
  Input,
  Pagination,
  Stack,
  Textarea,
  UnstyledButton,
} from "@mantine/core";
import { usePagination } from "@mantine/hooks";
import { useBrowserRender } from "./browser-render";
import { useFieldId } from "./plain";
import {
  cloneElement,
  forwardRef,
  Fragment,
  type ComponentPropsWithoutRef,
  type CSSProperties,
  type ReactNode,
} from "react";

// Plain stand-ins for inputs (decisions 030 and 048, issue 13): the list pages' filter bars,
// the schema forms' fields, a picker's closed select, editable tables' cells and row buttons.
// Each Mantine input is five components (the input, InputBase, InputWrapper, InputLabel,
// Input) with their style work. These render the same elements, classes and variables;
// test/integration/plain-ui.test.ts checks the markup against Mantine's. And the list
// pages' pagination.

const LABEL_STYLE = { "--input-label-size": "var(--mantine-font-size-sm)" } as CSSProperties;
const INPUT_SIZE = {
  "--input-height": "var(--input-height-sm)",
  "--input-fz": "var(--mantine-font-size-sm)",
} as CSSProperties;
const SELECT_WRAPPER_STYLE = {
  ...INPUT_SIZE,
  "--input-right-section-pointer-events": "none",
} as CSSProperties;

const WITH_ERROR = { "--input-margin-bottom": "calc(var(--mantine-spacing-xs) / 2)" };
const BELOW_DESCRIPTION = { "--input-margin-top": "calc(var(--mantine-spacing-xs) / 2)" };
const DESCRIPTION_STYLE = {
  "--input-description-size":
    "calc(var(--mantine-font-size-sm) - calc(0.125rem * var(--mantine-scale)))",
} as CSSProperties;
const ERROR_STYLE = {
  "--input-error-size": "calc(var(--mantine-font-size-sm) - calc(0.125rem * var(--mantine-scale)))",
} as CSSProperties;

/** A labelled field's outer markup; `kind` is the Mantine component named in the classes. */
function Field({
  kind,
  id,
  label,
  rootStyle,
  wrapperStyle,
  wrapperData,
  error,
  required,
  description,
  after,
  children,
}: {
  kind: "TextInput" | "NativeSelect" | "Select" | "Textarea";
  id: string;
  label: string;
  rootStyle?: CSSProperties;
  wrapperStyle: CSSProperties;
  wrapperData?: Record<`data-${string}`, string>;
  error?: string;
  required?: boolean;
  description?: string;
  /** What Mantine renders after the root (a Select's hidden value). */
  after?: ReactNode;
  children: ReactNode;
}) {
  const errorData = error ? "true" : undefined;
  return (
    <>
      <div
        style={rootStyle}
        className={`${Input.classes.root} mantine-InputWrapper-root mantine-${kind}-root`}
        data-size="sm"
        data-error={errorData}
      >
        <label
          style={LABEL_STYLE}
          className={`${Input.classes.label} mantine-InputWrapper-label mantine-${kind}-label`}
          data-size="sm"
          data-required={required ? "true" : undefined}
          htmlFor={id}
          id={`${id}-label`}
        >
          {label}
          {required && (
            <span
              className={`${Input.classes.required} mantine-InputWrapper-required mantine-${kind}-required`}
              aria-hidden="true"
            >
              {" *"}
            </span>
          )}
        </label>
        {description && (
          <p
            style={DESCRIPTION_STYLE}
            className={`${Input.classes.description} mantine-InputWrapper-description mantine-${kind}-description`}
            data-size="sm"
            id={`${id}-description`}
          >
            {description}
          </p>
        )}
        <div
          style={{
            ...(description ? BELOW_DESCRIPTION : undefined),
            ...(error ? WITH_ERROR : undefined),
            ...wrapperStyle,
          }}
          className={`${Input.classes.wrapper} mantine-Input-wrapper mantine-${kind}-wrapper`}
          data-variant="default"
          data-size="sm"
          data-error={errorData}
          {...wrapperData}
        >
          {children}
        </div>
        {error && (
          <p
            style={ERROR_STYLE}
            className={`${Input.classes.error} mantine-InputWrapper-error mantine-${kind}-error`}
            data-size="sm"
            id={`${id}-error`}
          >
            {error}
          </p>
        )}
      </div>
      {after}
    </>
  );
}

/** `<TextInput name label type placeholder defaultValue>`, uncontrolled (a filter bar's). */
export function PlainTextInput(props: {
  name: string;
  label: string;
  type?: "date";
  placeholder?: string;
  defaultValue: string;
}) {
  return <FormTextInput {...props} />;
}

/** `<NativeSelect name label defaultValue data>`, uncontrolled (a filter bar's). */
export function PlainNativeSelect(props: {
  name: string;
  label: string;
  defaultValue: string;
  data: { value: string; label: string }[];
}) {
  return <FormNativeSelect {...props} />;
}

type FormFieldProps<E extends "input" | "select" | "textarea"> = Omit<
  ComponentPropsWithoutRef<E>,
  "size" | "aria-invalid"
> & {
  label: string;
  error?: string;
  /** A hint under the label. */
  description?: string;
  /** field() sets it with the error; the error decides here. */
  "aria-invalid"?: unknown;
};

type ControlKind = "TextInput" | "NativeSelect" | "Textarea" | "Select";

const SELECT_WRAPPER_DATA = { "data-pointer": "true", "data-with-right-section": "true" };

const TEXTAREA_WRAPPER_STYLE = {
  ...INPUT_SIZE,
  "--input-padding-y": "var(--input-padding-y-sm)",
} as CSSProperties;
const CONTROL_WRAPPERS: Record<
  ControlKind,
  { wrapperStyle: CSSProperties; wrapperData?: Record<`data-${string}`, string> }
> = {
  TextInput: { wrapperStyle: INPUT_SIZE },
  NativeSelect: { wrapperStyle: SELECT_WRAPPER_STYLE, wrapperData: SELECT_WRAPPER_DATA },
  Textarea: { wrapperStyle: TEXTAREA_WRAPPER_STYLE, wrapperData: { "data-multiline": "true" } },
  Select: {
    wrapperStyle: SELECT_WRAPPER_STYLE,
    wrapperData: { "data-with-right-section": "true" },
  },
};

/** A control's own attributes (classes, id, error state) as Mantine sets them. */
function controlAttributes(kind: ControlKind, id: string, error?: string, described = false) {
  const describedBy = [error && `${id}-error`, described && `${id}-description`].filter(Boolean);
  return {
    className: `${Input.classes.input} mantine-Input-input mantine-${kind}-input`,
    "data-variant": "default",
    "data-error": error ? "true" : undefined,
    "aria-invalid": error ? ("true" as const) : ("false" as const),
    "aria-describedby": describedBy.length > 0 ? describedBy.join(" ") : undefined,
    id,
  };
}

/** Mantine hands a field's error text to its chevron too. */
const chevronFor = (error?: string) =>
  error ? cloneElement(CHEVRON, { "data-error": error }) : CHEVRON;

/**
 * A schema form's field around its control: the label (with the asterisk when required), the
 * hint and the error; `control` gets the rest of the props with the control's own attributes.
 */
function SchemaField<P extends FormFieldProps<"input" | "select" | "textarea">>({
  kind,
  props: { label, error, description, "aria-invalid": _invalid, ...rest },
  control,
}: {
  kind: Exclude<ControlKind, "Select">;
  props: P;
  control: (
    props: Omit<P, "label" | "error" | "description" | "aria-invalid"> &
      ReturnType<typeof controlAttributes>,
  ) => ReactNode;
}) {
  const id = useFieldId();
  return (
    <Field
      kind={kind}
      id={id}
      label={label}
      error={error}
      required={rest.required}
      description={description}
      {...CONTROL_WRAPPERS[kind]}
    >
      {control({ ...rest, ...controlAttributes(kind, id, error, !!description) })}
    </Field>
  );
}

/**
 * `<TextInput label {...field(name)} />` of a schema form: the same markup, with the error
 * under it and the schema's constraints (`required` shows the asterisk). A page's forms
 * render many fields, and each Mantine input is five components.
 */
export const FormTextInput = forwardRef<HTMLInputElement, FormFieldProps<"input">>(
  function FormTextInput(props, ref) {
    return (
      <SchemaField kind="TextInput" props={props} control={(p) => <input {...p} ref={ref} />} />
    );
  },
);

/** `<NativeSelect label data {...field(name)} />` of a schema form (see FormTextInput). */
export const FormNativeSelect = forwardRef<
  HTMLSelectElement,
  FormFieldProps<"select"> & { data: { value: string; label: string }[] }
>(function FormNativeSelect({ data, ...props }, ref) {
  return (
    <SchemaField
      kind="NativeSelect"
      props={props}
      control={(p) => (
        <>
          <select {...p} ref={ref}>
            {data.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <div
            data-position="right"
            className={`${Input.classes.section} mantine-Input-section mantine-NativeSelect-section`}
          >
            {chevronFor(props.error)}
          </div>
        </>
      )}
    />
  );
});

/**
 * What `<Textarea label autosize {...field(name)} />` renders on the server: the server and
 * the hydrating render send this, and FormTextarea swaps in Mantine's (which measures its
 * text to grow) before the browser paints.
 */
export const ClosedTextarea = forwardRef<HTMLTextAreaElement, FormFieldProps<"textarea">>(
  function ClosedTextarea(props, ref) {
    return (
      <SchemaField
        kind="Textarea"
        props={props}
        control={(p) => <textarea {...p} ref={ref} data-no-overflow="true" />}
      />
    );
  },
);

/** `<Textarea label autosize minRows {...field(name)} />`, cheap on the server. */
export const FormTextarea = forwardRef<
  HTMLTextAreaElement,
  FormFieldProps<"textarea"> & { minRows: number }
>(function FormTextarea({ minRows, ...props }, ref) {
  const inBrowser = useBrowserRender();
  if (!inBrowser) return <ClosedTextarea {...props} ref={ref} />;
  const { label, error, "aria-invalid": _invalid, ...rest } = props;
  return <Textarea {...rest} ref={ref} label={label} error={error} autosize minRows={minRows} />;
});

const CLEAR_SECTION_STYLE: CSSProperties = {
  display: "flex",
  gap: 2,
  alignItems: "center",
  paddingInlineEnd: 8,
};
const CLEAR_BUTTON_STYLE = {
  "--cb-size": "var(--cb-size-sm)",
  pointerEvents: "all",
  background: "var(--input-bg)",
} as CSSProperties;

/**
 * What `<Select searchable clearable name label w placeholder error required value>` renders
 * while closed, without its combobox: the server's and the first browser render of a
 * SearchPicker, which a page may repeat dozens of times (a process's steps). The picker
 * mounts the real Select in the browser straight after.
 */
export const ClosedSelect = forwardRef<
  HTMLInputElement,
  {
    name: string;
    label: string;
    width: number | string;
    placeholder: string;
    clearLabel: string;
    selected: { value: string; label: string } | null;
    error?: string;
    required?: boolean;
  }
>(function ClosedSelect(
  { name, label, width, placeholder, clearLabel, selected, error, required },
  ref,
) {
  const id = useFieldId();
  return (
    <Field
      kind="Select"
      id={id}
      label={label}
      rootStyle={{
        width: typeof width === "number" ? `calc(${width / 16}rem * var(--mantine-scale))` : width,
      }}
      {...CONTROL_WRAPPERS.Select}
      error={error}
      required={required}
      after={<input type="hidden" name={name} value={selected?.value ?? ""} />}
    >
      <input
        ref={ref}
        {...controlAttributes("Select", id, error)}
        placeholder={placeholder}
        aria-haspopup="listbox"
        autoComplete="off"
        required={required}
        defaultValue={selected?.label ?? ""}
      />
      <div
        data-position="right"
        className={`${Input.classes.section} mantine-Input-section mantine-Select-section`}
      >
        {selected ? (
          <div data-combined-clear-section="true" style={CLEAR_SECTION_STYLE}>
            <button
              style={CLEAR_BUTTON_STYLE}
              className={`mantine-focus-auto mantine-active ${CloseButton.classes.root} mantine-InputClearButton-root ${UnstyledButton.classes.root} mantine-UnstyledButton-root`}
              data-variant="transparent"
              data-size="sm"
              type="button"
              tabIndex={-1}
              aria-hidden="true"
              aria-label={clearLabel}
            >
              {CROSS}
            </button>
            {chevronFor(error)}
          </div>
        ) : (
          chevronFor(error)
        )}
      </div>
    </Field>
  );
});

const CHEVRON = (
  <svg
    className={`${Combobox.classes.chevron} mantine-ComboboxChevron-chevron`}
    data-combobox-chevron="true"
    viewBox="0 0 15 15"
    fill="none"
    xmlns="http://www.w3.org/2000/svg"
  >
    <path
      d="M4.93179 5.43179C4.75605 5.60753 4.75605 5.89245 4.93179 6.06819C5.10753 6.24392 5.39245 6.24392 5.56819 6.06819L7.49999 4.13638L9.43179 6.06819C9.60753 6.24392 9.89245 6.24392 10.0682 6.06819C10.2439 5.89245 10.2439 5.60753 10.0682 5.43179L7.81819 3.18179C7.73379 3.0974 7.61933 3.04999 7.49999 3.04999C7.38064 3.04999 7.26618 3.0974 7.18179 3.18179L4.93179 5.43179ZM10.0682 9.56819C10.2439 9.39245 10.2439 9.10753 10.0682 8.93179C9.89245 8.75606 9.60753 8.75606 9.43179 8.93179L7.49999 10.8636L5.56819 8.93179C5.39245 8.75606 5.10753 8.75606 4.93179 8.93179C4.75605 9.10753 4.75605 9.39245 4.93179 9.56819L7.18179 11.8182C7.35753 11.9939 7.64245 11.9939 7.81819 11.8182L10.0682 9.56819Z"
      fill="currentColor"
      fillRule="evenodd"
      clipRule="evenodd"
    />
  </svg>
);

// Mantine's own icon (a plain component, no style work), so its path is not copied here.
const CROSS = <CloseIcon />;

const LIGHT_BUTTON_STYLE = {
  "--button-bg": "var(--mantine-color-teal-light)",
  "--button-hover": "var(--mantine-color-teal-light-hover)",
  "--button-color": "var(--mantine-color-teal-light-color)",
  "--button-bd": "calc(0.0625rem * var(--mantine-scale)) solid transparent",
} as CSSProperties;
const BUTTON_CLASSES = `mantine-focus-auto mantine-active ${Button.classes.root} mantine-Button-root ${UnstyledButton.classes.root} mantine-UnstyledButton-root`;

/** `<Button type="submit" variant="light">` in the theme's primary colour (teal). */
export function LightSubmitButton({ children }: { children: ReactNode }) {
  return (
    <button
      style={LIGHT_BUTTON_STYLE}
      className={BUTTON_CLASSES}
      data-variant="light"
      type="submit"
    >
      <span className={`${Button.classes.inner} mantine-Button-inner`}>
        <span className={`${Button.classes.label} mantine-Button-label`}>{children}</span>
      </span>
    </button>
  );
}

const ARROW_STYLE = {
  width: "calc(var(--pagination-control-size) / 1.8)",
  height: "calc(var(--pagination-control-size) / 1.8)",
};
const PREVIOUS_ICON = (
  <svg
    viewBox="0 0 16 16"
    xmlns="http://www.w3.org/2000/svg"
    style={ARROW_STYLE}
    className="mantine-rotate-rtl"
  >
    <path d="M7.219 8l3.3 3.3-.943.943L5.333 8l4.243-4.243.943.943-3.3 3.3z" fill="currentColor" />
  </svg>
);
const NEXT_ICON = (
  <svg
    viewBox="0 0 16 16"
    xmlns="http://www.w3.org/2000/svg"
    style={ARROW_STYLE}
    className="mantine-rotate-rtl"
  >
    <path
      d="M8.781 8l-3.3-3.3.943-.943L10.667 8l-4.243 4.243-.943-.943 3.3-3.3z"
      fill="currentColor"
    />
  </svg>
);
const DOTS = (
  <div className={`${Pagination.classes.dots} mantine-Pagination-dots`}>
    <svg viewBox="0 0 16 16" xmlns="http://www.w3.org/2000/svg" style={ARROW_STYLE}>
      <path
        d="M2 8c0-.733.6-1.333 1.333-1.333.734 0 1.334.6 1.334 1.333s-.6 1.333-1.334 1.333C2.6 9.333 2 8.733 2 8zm9.333 0c0-.733.6-1.333 1.334-1.333C13.4 6.667 14 7.267 14 8s-.6 1.333-1.333 1.333c-.734 0-1.334-.6-1.334-1.333zM6.667 8c0-.733.6-1.333 1.333-1.333s1.333.6 1.333 1.333S8.733 9.333 8 9.333 6.667 8.733 6.667 8z"
        fill="currentColor"
      />
    </svg>
  </div>
);
const CONTROL = `${Pagination.classes.control} mantine-Pagination-control ${UnstyledButton.classes.root} mantine-UnstyledButton-root`;
const PAGINATION_GROUP_STYLE = {
  "--group-gap": "calc(0.5rem * var(--mantine-scale))",
  "--group-align": "center",
  "--group-justify": "flex-start",
  "--group-wrap": "wrap",
} as CSSProperties;
const PAGINATION_STACK_STYLE = {
  "--stack-gap": "var(--mantine-spacing-md)",
  "--stack-align": "center",
  "--stack-justify": "flex-start",
  marginTop: "var(--mantine-spacing-md)",
} as CSSProperties;

/**
 * `<Stack align="center" mt="md"><Pagination …/></Stack>` with Mantine's page range (one
 * sibling, one boundary). Labels name the arrows and pages for screen readers.
 */
export function PlainPagination({
  total,
  value,
  onChange,
  controlLabel,
  pageLabel,
}: {
  total: number;
  value: number;
  onChange: (page: number) => void;
  controlLabel: (control: "previous" | "next") => string;
  pageLabel: (page: number) => string;
}) {
  const { range } = usePagination({ total, page: value, onChange });
  const arrow = (control: "previous" | "next", disabled: boolean, target: number) => (
    <button
      className={
        disabled ? `mantine-focus-auto ${CONTROL}` : `mantine-focus-auto mantine-active ${CONTROL}`
      }
      data-disabled={disabled || undefined}
      type="button"
      disabled={disabled}
      aria-label={controlLabel(control)}
      onClick={() => onChange(target)}
    >
      {control === "previous" ? PREVIOUS_ICON : NEXT_ICON}
    </button>
  );
  return (
    <div style={PAGINATION_STACK_STYLE} className={`${Stack.classes.root} mantine-Stack-root`}>
      <div className={`${Pagination.classes.root} mantine-Pagination-root`}>
        <div style={PAGINATION_GROUP_STYLE} className={`${Group.classes.root} mantine-Group-root`}>
          {arrow("previous", value <= 1, value - 1)}
          {range.map((item, index) =>
            item === "dots" ? (
              <Fragment key={`dots-${index}`}>{DOTS}</Fragment>
            ) : (
              <button
                key={item}
                className={`mantine-focus-auto mantine-active ${CONTROL}`}
                data-active={item === value || undefined}
                data-with-padding="true"
                type="button"
                aria-current={item === value ? "page" : undefined}
                aria-label={pageLabel(item)}
                onClick={() => onChange(item)}
              >
                {item}
              </button>
            ),
          )}
          {arrow("next", value >= total, value + 1)}
        </div>
      </div>
    </div>
  );
}

const XS_INPUT = {
  "--input-height": "var(--input-height-xs)",
  "--input-fz": "var(--mantine-font-size-xs)",
} as CSSProperties;
const XS_INPUT_WITH_ERROR = {
  ...XS_INPUT,
  "--input-margin-bottom": "calc(var(--mantine-spacing-xs) / 2)",
} as CSSProperties;
const XS_ERROR_STYLE = {
  "--input-error-size": "calc(var(--mantine-font-size-xs) - calc(0.125rem * var(--mantine-scale)))",
} as CSSProperties;

/**
 * `<TextInput size="xs" w={width} aria-label error>` for an editable table's cells, where a
 * page renders dozens: the field's name is its label (no visible label), and `error` shows
 * under it. Other props (react-hook-form's `register`: name, ref, onChange, onBlur) go to
 * the input.
 */
export const PlainCellInput = forwardRef<
  HTMLInputElement,
  Omit<ComponentPropsWithoutRef<"input">, "size" | "width"> & {
    label: string;
    width: number;
    error?: string;
  }
>(function PlainCellInput({ label, width, error, ...props }, ref) {
  const id = useFieldId();
  const errorId = `${id}-error`;
  return (
    <div
      style={{ width: `calc(${width / 16}rem * var(--mantine-scale))` }}
      className={`${Input.classes.root} mantine-InputWrapper-root mantine-TextInput-root`}
      data-size="xs"
      data-error={error ? "true" : undefined}
    >
      <div
        style={error ? XS_INPUT_WITH_ERROR : XS_INPUT}
        className={`${Input.classes.wrapper} mantine-Input-wrapper mantine-TextInput-wrapper`}
        data-variant="default"
        data-size="xs"
        data-error={error ? "true" : undefined}
      >
        <input
          {...props}
          ref={ref}
          className={`${Input.classes.input} mantine-Input-input mantine-TextInput-input`}
          data-variant="default"
          data-error={error ? "true" : undefined}
          aria-label={label}
          aria-invalid={error ? "true" : "false"}
          aria-describedby={error ? errorId : undefined}
          id={id}
        />
      </div>
      {error && (
        <p
          style={XS_ERROR_STYLE}
          className={`${Input.classes.error} mantine-InputWrapper-error mantine-TextInput-error`}
          data-size="xs"
          id={errorId}
        >
          {error}
        </p>
      )}
    </div>
  );
});

const SUBTLE_ICON_STYLE = {
  "--ai-size": "var(--ai-size-sm)",
  "--ai-bg": "transparent",
  "--ai-hover": "var(--mantine-color-teal-light-hover)",
  "--ai-color": "var(--mantine-color-teal-light-color)",
  "--ai-bd": "calc(0.0625rem * var(--mantine-scale)) solid transparent",
} as CSSProperties;
const ICON_BUTTON = `${ActionIcon.classes.root} mantine-ActionIcon-root ${UnstyledButton.classes.root} mantine-UnstyledButton-root`;

/** `<ActionIcon size="sm" variant="subtle" aria-label onClick disabled>`: a row's small action. */
export function SubtleIconButton({
  label,
  disabled,
  onClick,
  children,
}: {
  label: string;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      style={SUBTLE_ICON_STYLE}
      className={
        disabled
          ? `mantine-focus-auto ${ICON_BUTTON}`
          : `mantine-focus-auto mantine-active ${ICON_BUTTON}`
      }
      data-variant="subtle"
      data-size="sm"
      data-disabled={disabled || undefined}
      type="button"
      aria-label={label}
      disabled={disabled}
      onClick={onClick}
    >
      <span className={`${ActionIcon.classes.icon} mantine-ActionIcon-icon`}>{children}</span>
    </button>
  );
}

const RED_SUBTLE = {
  "--button-fz": "var(--mantine-font-size-xs)",
  "--button-bg": "transparent",
  "--button-hover": "var(--mantine-color-red-light-hover)",
  "--button-color": "var(--mantine-color-red-light-color)",
  "--button-bd": "calc(0.0625rem * var(--mantine-scale)) solid transparent",
};
const RED_SUBTLE_STYLES = {
  "compact-xs": {
    "--button-height": "var(--button-height-compact-xs)",
    "--button-padding-x": "var(--button-padding-x-compact-xs)",
    ...RED_SUBTLE,
  } as CSSProperties,
  xs: {
    "--button-height": "var(--button-height-xs)",
    "--button-padding-x": "var(--button-padding-x-xs)",
    ...RED_SUBTLE,
  } as CSSProperties,
};

/**
 * `<Button size="compact-xs|xs" variant="subtle" color="red">`: a row's remove button, a
 * plain button (`onClick`) or a form's submit (`type="submit" name value`).
 */
export function SubtleRemoveButton({
  label,
  size = "compact-xs",
  type = "button",
  children,
  ...props
}: Omit<ComponentPropsWithoutRef<"button">, "className" | "style"> & {
  label?: string;
  size?: "compact-xs" | "xs";
  type?: "button" | "submit";
  children: ReactNode;
}) {
  return (
    <button
      {...props}
      style={RED_SUBTLE_STYLES[size]}
      className={BUTTON_CLASSES}
      data-variant="subtle"
      data-size={size}
      type={type}
      aria-label={label}
    >
      <span className={`${Button.classes.inner} mantine-Button-inner`}>
        <span className={`${Button.classes.label} mantine-Button-label`}>{children}</span>
      </span>
    </button>
  );
}
