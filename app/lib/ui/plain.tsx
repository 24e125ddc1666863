import {
  Anchor,
  Badge,
  Card,
  CheckIcon,
  Checkbox,
  Code,
  Group,
  NavLink,
  Paper,
  Progress,
  Table,
  Text,
  Title,
  UnstyledButton,
  type TableProps,
} from "@mantine/core";
import { RouterAnchor, type RouterAnchorProps } from "./router-anchor";
import {
  forwardRef,
  useId,
  type ComponentPropsWithoutRef,
  type CSSProperties,
  type ReactNode,
} from "react";

// Cheap stand-ins for the Mantine components that big tables and lists repeat per row
// (decision 030). Each Mantine component runs useProps, useStyles and the style-prop parser
// on every render: a 150-row report table took 62 ms with Table.Td cells and 3 ms with plain
// ones. These render the same elements with Mantine's own classes (`Component.classes`) and
// CSS variables (and its static `mantine-*` class names, which tests and print styles select),
// so a page looks the same in both colour schemes, without the per-component work;
// test/integration/plain-ui.test.ts checks that the markup matches Mantine's.

/**
 * A Mantine Table whose rows and cells are plain <tr>, <th> and <td> (styled once in
 * app.css, `.uptake-table`): one Mantine component per table instead of one per cell.
 */
export function PlainTable({
  striped,
  highlightOnHover,
  withColumnBorders,
  className,
  children,
  ...props
}: Omit<TableProps, "striped"> & { striped?: boolean; children: ReactNode }) {
  return (
    <Table
      {...props}
      className={className ? `uptake-table ${className}` : "uptake-table"}
      data-striped={striped || undefined}
      data-hover={highlightOnHover || undefined}
      data-column-borders={withColumnBorders || undefined}
    >
      {children}
    </Table>
  );
}

/** A cell's bold text (`<Table.Td fw={700}>`). */
export const BOLD: CSSProperties = { fontWeight: 700 };

/** A cell's text aligned to the end (numbers). */
export const ALIGN_END: CSSProperties = { textAlign: "right" };

/** Mantine Text's class, for an element that looks like a Text. */
export const TEXT_CLASS = Text.classes.root;
const TEXT = `mantine-focus-auto ${TEXT_CLASS} mantine-Text-root`;
const XS = {
  "--text-fz": "var(--mantine-font-size-xs)",
  "--text-lh": "var(--mantine-line-height-xs)",
} as CSSProperties;
const SM = {
  "--text-fz": "var(--mantine-font-size-sm)",
  "--text-lh": "var(--mantine-line-height-sm)",
} as CSSProperties;
const XS_DIMMED = {
  "--text-fz": "var(--mantine-font-size-xs)",
  "--text-lh": "var(--mantine-line-height-xs)",
  color: "var(--mantine-color-dimmed)",
} as CSSProperties;
const SM_DIMMED = {
  "--text-fz": "var(--mantine-font-size-sm)",
  "--text-lh": "var(--mantine-line-height-sm)",
  color: "var(--mantine-color-dimmed)",
} as CSSProperties;

/** `<Text size="xs|sm" c="dimmed">`: a detail line under a cell's main text. */
export function DimmedText({ size = "xs", children }: { size?: "xs" | "sm"; children: ReactNode }) {
  return (
    <p className={TEXT} data-size={size} style={size === "xs" ? XS_DIMMED : SM_DIMMED}>
      {children}
    </p>
  );
}

/** `<Anchor component={Link}>` with the theme's underline ("always", lib/ui/theme.ts). */
export function TextLink({
  className,
  size,
  style,
  ...props
}: RouterAnchorProps & { size?: "xs" | "sm" }) {
  const classes = `mantine-focus-auto ${Anchor.classes.root} ${TEXT_CLASS} mantine-Text-root mantine-Anchor-root`;
  return (
    <RouterAnchor
      {...props}
      style={size ? { ...(size === "xs" ? XS : SM), ...style } : style}
      className={className ? `${classes} ${className}` : classes}
      data-size={size}
      data-underline="always"
    />
  );
}

/** `<Code>`: inline code. */
export function InlineCode({ children }: { children: ReactNode }) {
  return (
    <code className={`${Code.classes.root} mantine-Code-root`} dir="ltr">
      {children}
    </code>
  );
}

/** `<Code block>`: a block of code (a <pre>); extra props go to the element. */
export function CodeBlock(props: ComponentPropsWithoutRef<"pre">) {
  return (
    <pre
      {...props}
      className={`${Code.classes.root} mantine-Code-root`}
      data-block="true"
      dir="ltr"
    />
  );
}

const BADGE_SIZES = new Set(["xs", "sm", "lg", "xl"]);

const BORDER = "calc(0.0625rem * var(--mantine-scale)) solid";

/** The colours of a Mantine badge variant (its variantColorResolver, theme colours). */
function badgeColors(variant: "light" | "outline" | "filled", color: string) {
  if (variant === "outline") {
    return {
      "--badge-bg": "transparent",
      "--badge-color": `var(--mantine-color-${color}-outline)`,
      "--badge-bd": `${BORDER} var(--mantine-color-${color}-outline)`,
    };
  }
  return {
    "--badge-bg": `var(--mantine-color-${color}-${variant})`,
    "--badge-color":
      variant === "light"
        ? `var(--mantine-color-${color}-light-color)`
        : "var(--mantine-color-white)",
    "--badge-bd": `${BORDER} transparent`,
  };
}

/**
 * `<Badge color={color} variant={variant}>` as the theme renders it (a <span>, never cut
 * short). `size` is one of Mantine's badge sizes; md is the default.
 */
export function PlainBadge({
  color,
  variant = "light",
  size,
  minWidth,
  children,
}: {
  color: string;
  variant?: "light" | "outline" | "filled";
  size?: "xs" | "sm" | "md" | "lg" | "xl";
  minWidth?: number;
  children: ReactNode;
}) {
  const sized = size && BADGE_SIZES.has(size);
  const style = {
    flexShrink: 0,
    maxWidth: "none",
    ...(sized && {
      "--badge-height": `var(--badge-height-${size})`,
      "--badge-padding-x": `var(--badge-padding-x-${size})`,
      "--badge-fz": `var(--badge-fz-${size})`,
    }),
    ...badgeColors(variant, color),
    ...(minWidth !== undefined && { minWidth: `calc(${minWidth / 16}rem * var(--mantine-scale))` }),
  } as CSSProperties;
  return (
    <span
      style={style}
      className={`${Badge.classes.root} mantine-Badge-root`}
      // Filled is Mantine's default variant, which it does not mark.
      data-variant={variant === "filled" ? undefined : variant}
      data-size={sized ? size : undefined}
    >
      <span
        className={`${Badge.classes.label} mantine-Badge-label`}
        style={{ overflow: "visible" }}
      >
        {children}
      </span>
    </span>
  );
}

type Spacing = "xs" | "sm" | "md" | "lg" | "xl";
const spacing = (size: Spacing) => `var(--mantine-spacing-${size})`;

/** `<Group>`: a flex row (Mantine's Group CSS, its variables set inline). */
export function PlainGroup({
  gap = "md",
  justify = "flex-start",
  align = "center",
  wrap = "wrap",
  mb,
  children,
}: {
  /** A theme spacing, or pixels (scaled like Mantine's rem). */
  gap?: Spacing | number;
  justify?: "flex-start" | "space-between";
  align?: "center" | "flex-start" | "flex-end";
  wrap?: "wrap" | "nowrap";
  mb?: Spacing;
  children: ReactNode;
}) {
  const style = {
    "--group-gap":
      typeof gap === "number" ? `calc(${gap / 16}rem * var(--mantine-scale))` : spacing(gap),
    "--group-align": align,
    "--group-justify": justify,
    "--group-wrap": wrap,
    ...(mb && { marginBottom: spacing(mb) }),
  } as CSSProperties;
  return (
    <div style={style} className={`${Group.classes.root} mantine-Group-root`}>
      {children}
    </div>
  );
}

/** `<Card withBorder padding="md">`, extra props (data-*) go to the element. */
export function PlainCard({
  padding = "md",
  children,
  ...props
}: {
  padding?: "sm" | "md";
  children: ReactNode;
  [data: `data-${string}`]: string;
}) {
  return (
    <div
      {...props}
      style={padding === "md" ? CARD_STYLE : CARD_STYLE_SM}
      className={CARD_CLASSES}
      data-with-border="true"
    >
      {children}
    </div>
  );
}

/** PlainCard as a link (`<Card component={Link} withBorder padding>`, md by default). */
export function PlainCardLink({
  padding = "md",
  ...props
}: RouterAnchorProps & { padding?: "md" | "lg" }) {
  return (
    <RouterAnchor
      {...props}
      style={padding === "md" ? CARD_STYLE : CARD_STYLE_LG}
      className={CARD_CLASSES}
      data-with-border="true"
    />
  );
}

const CARD_STYLE = { "--card-padding": "var(--mantine-spacing-md)" } as CSSProperties;
const CARD_STYLE_SM = { "--card-padding": "var(--mantine-spacing-sm)" } as CSSProperties;
const CARD_STYLE_LG = { "--card-padding": "var(--mantine-spacing-lg)" } as CSSProperties;
const CARD_CLASSES = `${Card.classes.root} mantine-Card-root ${Paper.classes.root} mantine-Paper-root`;

/**
 * `<Text size fw c lineClamp mt mb>`: a paragraph. `color` is "dimmed" or a theme colour
 * (its text shade).
 */
export function PlainText({
  size,
  weight,
  color,
  lineClamp,
  mt,
  mb,
  title,
  testId,
  style: extraStyle,
  span,
  children,
}: {
  style?: CSSProperties;
  /** A <span> inside a line (`<Text span>`) instead of a paragraph. */
  span?: boolean;
  size?: "xs" | "sm";
  weight?: number;
  color?: string;
  lineClamp?: number;
  mt?: Spacing;
  mb?: Spacing;
  title?: string;
  testId?: string;
  children: ReactNode;
}) {
  const style = {
    ...(size && {
      "--text-fz": `var(--mantine-font-size-${size})`,
      "--text-lh": `var(--mantine-line-height-${size})`,
    }),
    ...(lineClamp && { "--text-line-clamp": lineClamp }),
    ...(mt && { marginTop: spacing(mt) }),
    ...(mb && { marginBottom: spacing(mb) }),
    ...(color && {
      color:
        color === "dimmed" ? "var(--mantine-color-dimmed)" : `var(--mantine-color-${color}-text)`,
    }),
    ...(weight && { fontWeight: weight }),
    ...extraStyle,
  } as CSSProperties;
  const Element = span ? "span" : "p";
  return (
    <Element
      style={style}
      className={TEXT}
      data-size={size}
      data-line-clamp={lineClamp ? "true" : undefined}
      data-testid={testId}
      title={title}
    >
      {children}
    </Element>
  );
}

/** `<Progress value={value} size="sm">` in the primary colour, labelled by `label`. */
export function SmallProgress({ value, label }: { value: number; label: string }) {
  return (
    <div
      style={{ "--progress-size": "var(--progress-size-sm)" } as CSSProperties}
      className={`${Progress.classes.root} mantine-Progress-root`}
      data-size="sm"
    >
      <div
        style={
          {
            "--progress-section-size": `${value}%`,
            "--progress-section-color": "var(--mantine-color-teal-filled)",
          } as CSSProperties
        }
        className={`${Progress.classes.section} mantine-Progress-section`}
        aria-label={label}
        role="progressbar"
        aria-valuemax={100}
        aria-valuemin={0}
        aria-valuenow={value}
        aria-valuetext={label}
      />
    </div>
  );
}

/** Mantine's id for a field (`mantine-` and React's id without colons), stable over hydration. */
export function useFieldId() {
  return `mantine-${useId().replace(/:/g, "")}`;
}

// Mantine's InlineInput (the checkbox's frame) does not export its classes, and
// Checkbox.classes.root is InlineInput's; the markup test fails if an update renames them.
const INLINE_INPUT = {
  root: "m_5f75b09e",
  body: "m_5f6e695e",
  labelWrapper: "m_d3ea56bb",
  label: "m_8ee546b8",
};
const CHECKBOX_ROOT = "m_bf2d988c";

const CHECK_ICON = <CheckIcon className={`${Checkbox.classes.icon} mantine-Checkbox-icon`} />;
const CHECKBOX_INPUT = `mantine-focus-auto ${Checkbox.classes.input} mantine-Checkbox-input`;

/** The checkbox's root, body and inner around its `<input>`, with the label wrapper after. */
function CheckboxFrame({
  style,
  size,
  checked,
  input,
  label,
}: {
  style: CSSProperties;
  size?: "xs";
  checked?: boolean;
  input: ReactNode;
  label?: ReactNode;
}) {
  return (
    <div
      style={style}
      className={`${CHECKBOX_ROOT} mantine-Checkbox-root ${INLINE_INPUT.root} mantine-Checkbox-root`}
      data-variant="filled"
      data-size={size}
      data-label-position="right"
      data-checked={checked || undefined}
    >
      <div className={`${INLINE_INPUT.body} mantine-Checkbox-body`}>
        <div
          className={`${Checkbox.classes.inner} mantine-Checkbox-inner`}
          data-label-position="right"
        >
          {input}
          {CHECK_ICON}
        </div>
        <div className={`${INLINE_INPUT.labelWrapper} mantine-Checkbox-labelWrapper`}>{label}</div>
      </div>
    </div>
  );
}

const ROW_CHECKBOX_STYLE = {
  "--checkbox-color": "var(--mantine-color-teal-filled)",
} as CSSProperties;

/**
 * `<Checkbox aria-label=… />` without a visible label: the same input and tick (Mantine's
 * Checkbox CSS styles `:checked`), for a selection column.
 */
export function RowCheckbox({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <CheckboxFrame
      style={ROW_CHECKBOX_STYLE}
      checked={checked}
      input={
        <input
          className={CHECKBOX_INPUT}
          aria-label={label}
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
      }
    />
  );
}

const SMALL_CHECKBOX_STYLE = {
  ...ROW_CHECKBOX_STYLE,
  "--checkbox-size": "var(--checkbox-size-xs)",
  "--label-fz": "var(--mantine-font-size-xs)",
  "--label-lh": "var(--label-lh-xs)",
} as CSSProperties;
const SMALL_CHECKBOX_BELOW_STYLE = {
  ...SMALL_CHECKBOX_STYLE,
  marginTop: "calc(0.25rem * var(--mantine-scale))",
} as CSSProperties;

/**
 * `<Checkbox size="xs" label aria-label mt={4 when below} />`, uncontrolled: an editable
 * table's option, where a page renders dozens. Other props (react-hook-form's `register`)
 * go to the input.
 */
export const SmallCheckbox = forwardRef<
  HTMLInputElement,
  Omit<ComponentPropsWithoutRef<"input">, "size" | "type"> & {
    label: string;
    "aria-label": string;
    below?: boolean;
  }
>(function SmallCheckbox({ label, below, ...props }, ref) {
  const id = useFieldId();
  return (
    <CheckboxFrame
      style={below ? SMALL_CHECKBOX_BELOW_STYLE : SMALL_CHECKBOX_STYLE}
      size="xs"
      input={<input {...props} ref={ref} className={CHECKBOX_INPUT} id={id} type="checkbox" />}
      label={
        <label className={`${INLINE_INPUT.label} mantine-Checkbox-label`} htmlFor={id}>
          {label}
        </label>
      }
    />
  );
});

const NAV_LINK_CLASSES = `mantine-focus-auto ${NavLink.classes.root} mantine-NavLink-root ${UnstyledButton.classes.root} mantine-UnstyledButton-root`;
const NAV_LINK_BODY = `${NavLink.classes.body} mantine-NavLink-body`;
const NAV_LINK_LABEL = `${NavLink.classes.label} mantine-NavLink-label`;
const NAV_LINK_DESCRIPTION = `${NavLink.classes.description} mantine-NavLink-description`;

/**
 * `<NavLink component={Link} label active>` without children or sections: the shell's
 * navigation renders one per entry on every signed-in page.
 */
export function PlainNavLink({
  label,
  active,
  ...props
}: Omit<RouterAnchorProps, "className" | "children"> & { label: ReactNode; active?: boolean }) {
  return (
    <RouterAnchor {...props} className={NAV_LINK_CLASSES} data-active={active || undefined}>
      <div className={NAV_LINK_BODY}>
        <span className={NAV_LINK_LABEL}>{label}</span>
        <span className={NAV_LINK_DESCRIPTION} data-active={active || undefined} />
      </div>
    </RouterAnchor>
  );
}

/** Mantine Title's classes, for a heading that looks like a `<Title>`. */
export const TITLE_CLASSES = `${Title.classes.root} mantine-Title-root`;

/** A `<Title>`'s variables for the theme's heading size `size`. */
export function titleVars(size: "h2" | "h3") {
  return {
    "--title-fw": `var(--mantine-${size}-font-weight)`,
    "--title-lh": `var(--mantine-${size}-line-height)`,
    "--title-fz": `var(--mantine-${size}-font-size)`,
  } as CSSProperties;
}
