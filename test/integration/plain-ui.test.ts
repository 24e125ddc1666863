import {
  ActionIcon,
  Anchor,
  Badge,
  Card,
  Checkbox,
  Code,
  Group,
  Button,
  MantineProvider,
  NativeSelect,
  NavLink,
  Pagination,
  Progress,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { Link } from "@remix-run/react";
import { StaticRouter } from "react-router-dom/server";
import { createElement, type FunctionComponent, type ReactElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import {
  CodeBlock,
  DimmedText,
  InlineCode,
  PlainBadge,
  PlainCard,
  PlainCardLink,
  PlainGroup,
  PlainNavLink,
  PlainText,
  RowCheckbox,
  SmallCheckbox,
  SmallProgress,
  TextLink,
} from "~/lib/ui/plain";
import { PageHeader } from "~/lib/ui/page";
import {
  ClosedSelect,
  ClosedTextarea,
  FormNativeSelect,
  FormTextInput,
  LightSubmitButton,
  PlainCellInput,
  PlainNativeSelect,
  PlainPagination,
  PlainTextInput,
  SubtleIconButton,
  SubtleRemoveButton,
} from "~/lib/ui/plain-inputs";
import { theme } from "~/lib/ui/theme";

// The plain stand-ins of lib/ui/plain.tsx (decision 030) must render what the Mantine
// components they replace render, so that pages look the same: the same elements, Mantine
// classes (hashed and static), data attributes and inline styles (CSS variables). Generated
// ids are not compared (the plain checkbox is labelled by aria-label, not a <label for>).

/** The markup inside the provider, ids left out, attributes and style declarations sorted. */
function markup(element: ReactElement) {
  const html = renderToStaticMarkup(
    createElement(
      StaticRouter,
      { location: "/" },
      createElement(MantineProvider, { theme }, element),
    ),
  );
  // A Mantine Select takes three ids where its stand-in takes one: the references between
  // label, input and error are compared by order of appearance.
  const ids = new Map<string, string>();
  const idOf = (id: string) => ids.get(id) ?? ids.set(id, `id${ids.size}`).get(id)!;
  return html
    .replace(/<style[^>]*>.*?<\/style>/gs, "")
    .replace(
      / (for|aria-describedby)="(mantine-[A-Za-z0-9]+)/g,
      (_all, name: string, id: string) => ` ${name}="${idOf(id)}`,
    )
    .replace(/ id="[^"]*"/g, "")
    .replace(/ class=""/g, "")
    .replace(/style="([^"]*)"/g, (_all, style: string) => {
      const sorted = style.split(";").filter(Boolean).sort().join(";");
      return `style="${sorted}"`;
    })
    .replace(/<(\w+)((?:\s[\w:-]+(?:="[^"]*")?)*)(\/?)>/g, (_all, tag, attributes, close) => {
      const sorted = (attributes.match(/[\w:-]+(?:="[^"]*")?/g) ?? []).sort().join(" ");
      return `<${tag}${sorted ? ` ${sorted}` : ""}${close}>`;
    });
}

const noop = () => {};
// What a schema form's field() hands an input (react-hook-form's register and the value).
const REGISTERED = { name: "title", onChange: noop, onBlur: noop, defaultValue: "Agents resist" };
const CHOICES = [
  { value: "a", label: "First" },
  { value: "b", label: "Second" },
];
// What SearchPicker passes to Mantine's Select, and the same field closed.
const PICKER = {
  name: "courseId",
  label: "Course",
  w: 200,
  searchable: true,
  clearable: true,
  clearButtonProps: { "aria-label": "Clear" },
  placeholder: "All",
  nothingFoundMessage: "Nothing found",
  filter: ({ options }: { options: unknown[] }) => options,
} as const;
const CLOSED = {
  name: "courseId",
  label: "Course",
  width: 200,
  placeholder: "All",
  clearLabel: "Clear",
};
const ACTIONS = [
  { value: "", label: "All" },
  { value: "b", label: "B" },
];

/** createElement without JSX (test files are .ts); Mantine's polymorphic types defeat its overloads. */
const h = (type: unknown, props: Record<string, unknown> | null, ...children: ReactNode[]) =>
  createElement(type as FunctionComponent, props, ...children);

describe("plain stand-ins for Mantine components", () => {
  it.each([
    [
      "a light badge with a minimum width",
      h(Badge, { color: "red", variant: "light", miw: 96 }, "Overdue"),
      h(PlainBadge, { color: "red", minWidth: 96 }, "Overdue"),
    ],
    [
      "a small outline badge",
      h(Badge, { color: "teal", variant: "outline", size: "sm" }, "Soft skills"),
      h(PlainBadge, { color: "teal", variant: "outline", size: "sm" }, "Soft skills"),
    ],
    [
      "a large light badge",
      h(Badge, { color: "gray", variant: "light", size: "lg" }, "Inactive"),
      h(PlainBadge, { color: "gray", size: "lg" }, "Inactive"),
    ],
    [
      "a filled badge",
      h(Badge, { color: "dark" }, "Hidden"),
      h(PlainBadge, { color: "dark", variant: "filled" }, "Hidden"),
    ],
    [
      "a dimmed detail line",
      h(Text, { size: "xs", c: "dimmed" }, "someone@example.test"),
      h(DimmedText, null, "someone@example.test"),
    ],
    [
      "a clamped, spaced, coloured paragraph",
      h(Text, { size: "sm", c: "dimmed", lineClamp: 2, mb: "xs" }, "Summary"),
      h(PlainText, { size: "sm", color: "dimmed", lineClamp: 2, mb: "xs" }, "Summary"),
    ],
    [
      "a bold theme-coloured paragraph",
      h(Text, { size: "sm", fw: 700, c: "teal" }, "24 votes"),
      h(PlainText, { size: "sm", weight: 700, color: "teal" }, "24 votes"),
    ],
    [
      "a group",
      h(Group, { justify: "space-between", wrap: "nowrap", align: "flex-start", mb: "xs" }, "x"),
      h(
        PlainGroup,
        { justify: "space-between", wrap: "nowrap", align: "flex-start", mb: "xs" },
        "x",
      ),
    ],
    [
      "a group with a gap in pixels",
      h(Group, { gap: 6, wrap: "nowrap" }, "x"),
      h(PlainGroup, { gap: 6, wrap: "nowrap" }, "x"),
    ],
    [
      "a card with a border",
      h(Card, { withBorder: true, padding: "md", "data-testid": "c" }, "x"),
      h(PlainCard, { "data-testid": "c" }, "x"),
    ],
    [
      "a card with small padding",
      h(Card, { withBorder: true, padding: "sm", "data-testid": "c" }, "x"),
      h(PlainCard, { padding: "sm", "data-testid": "c" }, "x"),
    ],
    [
      "a bold text link",
      h(Anchor, { component: Link, to: "/rewards/people/p1", fw: 600 }, "Ben"),
      h(TextLink, { to: "/rewards/people/p1", style: { fontWeight: 600 } }, "Ben"),
    ],
    [
      "a small text link",
      h(Anchor, { component: Link, to: "/initiatives/kpis", size: "sm" }, "Call Centre"),
      h(TextLink, { to: "/initiatives/kpis", size: "sm" }, "Call Centre"),
    ],
    [
      "a coloured bold span",
      h(Text, { c: "red", fw: 600, span: true }, "-5"),
      h(PlainText, { span: true, color: "red", weight: 600 }, "-5"),
    ],
    [
      "a small span",
      h(Text, { span: true, size: "xs" }, "Barrier"),
      h(PlainText, { span: true, size: "xs" }, "Barrier"),
    ],
    [
      "a paragraph keeping its line breaks",
      h(Text, { mt: "xs", style: { whiteSpace: "pre-wrap" } }, "a\nb"),
      h(PlainText, { mt: "xs", style: { whiteSpace: "pre-wrap" } }, "a\nb"),
    ],
    [
      "a link card with large padding",
      h(Card, { component: Link, to: "/ideas", withBorder: true, padding: "lg" }, "x"),
      h(PlainCardLink, { to: "/ideas", padding: "lg" }, "x"),
    ],
    [
      "a small progress bar",
      h(Progress, { value: 40, size: "sm", "aria-label": "40%" }),
      h(SmallProgress, { value: 40, label: "40%" }),
    ],
    [
      "a checkbox without a visible label",
      h(Checkbox, { "aria-label": "Select Ben", checked: true, onChange: noop }),
      h(RowCheckbox, { label: "Select Ben", checked: true, onChange: noop }),
    ],
    [
      "an unchecked checkbox",
      h(Checkbox, { "aria-label": "Select Ben", checked: false, onChange: noop }),
      h(RowCheckbox, { label: "Select Ben", checked: false, onChange: noop }),
    ],
    [
      "a search picker's closed select, empty",
      h(Select, { ...PICKER, data: [], value: null }),
      h(ClosedSelect, { ...CLOSED, selected: null }),
    ],
    [
      "a search picker's closed select, required and in error",
      h(Select, { ...PICKER, data: [], value: null, error: "Choose one", required: true }),
      h(ClosedSelect, { ...CLOSED, selected: null, error: "Choose one", required: true }),
    ],
    [
      "a search picker's closed select with a choice, full width",
      h(Select, { ...PICKER, w: "100%", data: [{ value: "c1", label: "Safety" }], value: "c1" }),
      h(ClosedSelect, { ...CLOSED, width: "100%", selected: { value: "c1", label: "Safety" } }),
    ],
    [
      "a schema form's required text field",
      h(TextInput, { label: "Title", ...REGISTERED, required: true, maxLength: 200 }),
      h(FormTextInput, { label: "Title", ...REGISTERED, required: true, maxLength: 200 }),
    ],
    [
      "a schema form's text field in error",
      h(TextInput, { label: "Title", ...REGISTERED, error: "Too long", "aria-invalid": true }),
      h(FormTextInput, { label: "Title", ...REGISTERED, error: "Too long", "aria-invalid": true }),
    ],
    [
      "a schema form's date field",
      h(TextInput, { type: "date", label: "Next review", ...REGISTERED, defaultValue: "" }),
      h(FormTextInput, { type: "date", label: "Next review", ...REGISTERED, defaultValue: "" }),
    ],
    [
      "a schema form's field with a hint",
      h(TextInput, { label: "Unit", description: "e.g. %", ...REGISTERED, inputMode: "decimal" }),
      h(FormTextInput, {
        label: "Unit",
        description: "e.g. %",
        ...REGISTERED,
        inputMode: "decimal",
      }),
    ],
    [
      "a schema form's field with a hint, in error",
      h(TextInput, { label: "Unit", description: "e.g. %", ...REGISTERED, error: "Bad" }),
      h(FormTextInput, { label: "Unit", description: "e.g. %", ...REGISTERED, error: "Bad" }),
    ],
    [
      "a schema form's select with a hint",
      h(NativeSelect, { label: "Period", description: "Locked", data: CHOICES, ...REGISTERED }),
      h(FormNativeSelect, { label: "Period", description: "Locked", data: CHOICES, ...REGISTERED }),
    ],
    [
      "a schema form's select",
      h(NativeSelect, { label: "Category", data: CHOICES, ...REGISTERED, defaultValue: "b" }),
      h(FormNativeSelect, { label: "Category", data: CHOICES, ...REGISTERED, defaultValue: "b" }),
    ],
    [
      "a schema form's select in error",
      h(NativeSelect, { label: "Owner", data: CHOICES, ...REGISTERED, error: "Gone" }),
      h(FormNativeSelect, { label: "Owner", data: CHOICES, ...REGISTERED, error: "Gone" }),
    ],
    [
      "a schema form's growing text area, as the server sends it",
      h(Textarea, { label: "Notes", autosize: true, minRows: 2, ...REGISTERED, maxLength: 2000 }),
      h(ClosedTextarea, { label: "Notes", ...REGISTERED, maxLength: 2000 }),
    ],
    [
      "a schema form's text area in error, as the server sends it",
      h(Textarea, { label: "Notes", autosize: true, minRows: 2, ...REGISTERED, error: "Empty" }),
      h(ClosedTextarea, { label: "Notes", ...REGISTERED, error: "Empty" }),
    ],
    [
      "a small labelled checkbox (an editable table's option)",
      h(Checkbox, {
        size: "xs",
        label: "Automated",
        "aria-label": "Step 1: Automated",
        name: "steps.0.automated",
        onChange: noop,
      }),
      h(SmallCheckbox, {
        label: "Automated",
        "aria-label": "Step 1: Automated",
        name: "steps.0.automated",
        onChange: noop,
      }),
    ],
    [
      "a small labelled checkbox below another",
      h(Checkbox, { size: "xs", mt: 4, label: "Parallel", "aria-label": "Step 2: Parallel" }),
      h(SmallCheckbox, { label: "Parallel", "aria-label": "Step 2: Parallel", below: true }),
    ],
    [
      "a navigation link",
      h(NavLink, { component: Link, to: "/learn", label: "My learning" }),
      h(PlainNavLink, { to: "/learn", label: "My learning" }),
    ],
    [
      "the current page's navigation link",
      h(NavLink, { component: Link, to: "/ideas", label: "Ideas", active: true }),
      h(PlainNavLink, { to: "/ideas", label: "Ideas", active: true }),
    ],
    [
      "a select with the current value",
      h(NativeSelect, {
        name: "action",
        label: "Action",
        defaultValue: "b",
        data: ACTIONS,
      }),
      h(PlainNativeSelect, {
        name: "action",
        label: "Action",
        defaultValue: "b",
        data: ACTIONS,
      }),
    ],
    [
      "a text field with a placeholder",
      h(TextInput, { name: "q", label: "Search", placeholder: "Name", defaultValue: "x" }),
      h(PlainTextInput, { name: "q", label: "Search", placeholder: "Name", defaultValue: "x" }),
    ],
    [
      "a date field",
      h(TextInput, { name: "from", type: "date", label: "From", defaultValue: "" }),
      h(PlainTextInput, { name: "from", type: "date", label: "From", defaultValue: "" }),
    ],
    [
      "a table cell's field",
      h(TextInput, {
        size: "xs",
        "aria-label": "Step 1: Name",
        inputMode: "decimal",
        w: 180,
        name: "steps.0.name",
      }),
      h(PlainCellInput, {
        label: "Step 1: Name",
        inputMode: "decimal",
        width: 180,
        name: "steps.0.name",
      }),
    ],
    [
      "a table cell's field with an error",
      h(TextInput, {
        size: "xs",
        "aria-label": "Step 1: Minutes",
        error: "Too long",
        "aria-invalid": true,
        w: 80,
        name: "steps.0.minutes",
      }),
      h(PlainCellInput, {
        label: "Step 1: Minutes",
        error: "Too long",
        width: 80,
        name: "steps.0.minutes",
      }),
    ],
    ...[true, false].map((disabled): [string, ReactElement, ReactElement] => [
      `a row's small action${disabled ? ", disabled" : ""}`,
      h(
        ActionIcon,
        { size: "sm", variant: "subtle", "aria-label": "Move up", disabled, onClick: noop },
        "↑",
      ),
      h(SubtleIconButton, { label: "Move up", disabled, onClick: noop }, "↑"),
    ]),
    [
      "a row's remove button",
      h(
        Button,
        {
          size: "compact-xs",
          variant: "subtle",
          color: "red",
          "aria-label": "Remove 1",
          onClick: noop,
        },
        "Remove",
      ),
      h(SubtleRemoveButton, { label: "Remove 1", onClick: noop }, "Remove"),
    ],
    [
      "a row's small remove submit",
      h(
        Button,
        {
          type: "submit",
          name: "intent",
          value: "remove",
          size: "xs",
          color: "red",
          variant: "subtle",
        },
        "Remove",
      ),
      h(
        SubtleRemoveButton,
        { type: "submit", name: "intent", value: "remove", size: "xs" },
        "Remove",
      ),
    ],
    [
      "a light submit button",
      h(Button, { type: "submit", variant: "light" }, "Filter"),
      h(LightSubmitButton, null, "Filter"),
    ],
    [
      "a page title with actions",
      h(
        Group,
        { justify: "space-between", mb: "md", wrap: "wrap" },
        h(Title, { order: 1, size: "h2" }, "People"),
        "actions",
      ),
      h(PageHeader, { title: "People", actions: "actions" }),
    ],
    ...[
      [1, 3],
      [5, 12],
      [12, 12],
      [2, 9],
    ].map(([value, total]): [string, ReactElement, ReactElement] => [
      `pagination on page ${value} of ${total}`,
      h(
        Stack,
        { align: "center", mt: "md" },
        h(Pagination, {
          total,
          value,
          onChange: noop,
          getControlProps: (control: string) => ({ "aria-label": control }),
          getItemProps: (page: number) => ({
            "aria-label": `Page ${page}`,
            "aria-current": page === value ? "page" : undefined,
          }),
        }),
      ),
      h(PlainPagination, {
        total,
        value,
        onChange: noop,
        controlLabel: (control: string) => control,
        pageLabel: (page: number) => `Page ${page}`,
      }),
    ]),
    ["inline code", h(Code, null, "user.update"), h(InlineCode, null, "user.update")],
    [
      "a code block",
      h(Code, { block: true, tabIndex: 0 }, "+ x"),
      h(CodeBlock, { tabIndex: 0 }, "+ x"),
    ],
  ] satisfies [string, ReactElement, ReactElement][])("%s", (_name, mantine, plain) => {
    expect(markup(plain)).toBe(markup(mantine));
  });
});
