import {
  Anchor,
  Badge,
  Checkbox,
  Code,
  Progress,
  Table,
  Text,
  type TableProps,
} from "@mantine/core";
import { Link, type LinkProps } from "@remix-run/react";
import type { ComponentPropsWithoutRef, CSSProperties, ReactNode } from "react";

// Cheap stand-ins for the Mantine components that big tables and lists repeat per row
// (decision 030). Each Mantine component runs useProps, useStyles and the style-prop parser
// on every render: a 150-row report table took 62 ms with Table.Td cells and 3 ms with plain
// ones. These render the same elements with Mantine's own classes (`Component.classes`) and
// CSS variables, so a page looks the same in both colour schemes, without the per-component
// work; test/integration/plain-ui.test.ts checks that the markup matches Mantine's.

/**
 * A Mantine Table whose rows and cells are plain <tr>, <th> and <td> (styled once in
 * app.css, `.uptake-table`): one Mantine component per table instead of one per cell.
 */
export function PlainTable({
  striped,
  highlightOnHover,
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
    >
      {children}
    </Table>
  );
}

/** A cell's text aligned to the end (numbers). */
export const ALIGN_END: CSSProperties = { textAlign: "right" };

const TEXT = `mantine-focus-auto ${Text.classes.root}`;
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
export function TextLink({ className, ...props }: LinkProps) {
  const classes = `mantine-focus-auto ${Anchor.classes.root} ${Text.classes.root}`;
  return (
    <Link
      {...props}
      className={className ? `${classes} ${className}` : classes}
      data-underline="always"
    />
  );
}

/** `<Code>`: inline code. */
export function InlineCode({ children }: { children: ReactNode }) {
  return (
    <code className={Code.classes.root} dir="ltr">
      {children}
    </code>
  );
}

/** `<Code block>`: a block of code (a <pre>); extra props go to the element. */
export function CodeBlock(props: ComponentPropsWithoutRef<"pre">) {
  return <pre {...props} className={Code.classes.root} data-block="true" dir="ltr" />;
}

const BADGE_SIZES = new Set(["xs", "sm", "lg", "xl"]);

/**
 * `<Badge variant="light" color={color}>` as the theme renders it (a <span>, never cut
 * short). `size` is one of Mantine's badge sizes; md is the default.
 */
export function LightBadge({
  color,
  size,
  minWidth,
  children,
}: {
  color: string;
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
    "--badge-bg": `var(--mantine-color-${color}-light)`,
    "--badge-color": `var(--mantine-color-${color}-light-color)`,
    "--badge-bd": "calc(0.0625rem * var(--mantine-scale)) solid transparent",
    ...(minWidth !== undefined && { minWidth: `calc(${minWidth / 16}rem * var(--mantine-scale))` }),
  } as CSSProperties;
  return (
    <span
      style={style}
      className={Badge.classes.root}
      data-variant="light"
      data-size={sized ? size : undefined}
    >
      <span className={Badge.classes.label} style={{ overflow: "visible" }}>
        {children}
      </span>
    </span>
  );
}

/** `<Progress value={value} size="sm">` in the primary colour, labelled by `label`. */
export function SmallProgress({ value, label }: { value: number; label: string }) {
  return (
    <div
      style={{ "--progress-size": "var(--progress-size-sm)" } as CSSProperties}
      className={Progress.classes.root}
      data-size="sm"
    >
      <div
        style={
          {
            "--progress-section-size": `${value}%`,
            "--progress-section-color": "var(--mantine-color-teal-filled)",
          } as CSSProperties
        }
        className={Progress.classes.section}
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

// Mantine's InlineInput (the checkbox's frame) does not export its classes; the markup test
// fails if a Mantine update renames them.
const INLINE_INPUT = { root: "m_5f75b09e", body: "m_5f6e695e", labelWrapper: "m_d3ea56bb" };

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
    <div
      style={{ "--checkbox-color": "var(--mantine-color-teal-filled)" } as CSSProperties}
      className={`${Checkbox.classes.root} ${INLINE_INPUT.root}`}
      data-variant="filled"
      data-label-position="right"
    >
      <div className={INLINE_INPUT.body}>
        <div className={Checkbox.classes.inner} data-label-position="right">
          <input
            className={`mantine-focus-auto ${Checkbox.classes.input}`}
            aria-label={label}
            type="checkbox"
            checked={checked}
            onChange={(event) => onChange(event.currentTarget.checked)}
          />
          <svg
            viewBox="0 0 10 7"
            fill="none"
            xmlns="http://www.w3.org/2000/svg"
            aria-hidden="true"
            className={Checkbox.classes.icon}
          >
            <path
              d="M4 4.586L1.707 2.293A1 1 0 1 0 .293 3.707l3 3a.997.997 0 0 0 1.414 0l5-5A1 1 0 1 0 8.293.293L4 4.586z"
              fill="currentColor"
              fillRule="evenodd"
              clipRule="evenodd"
            />
          </svg>
        </div>
        <div className={INLINE_INPUT.labelWrapper} />
      </div>
    </div>
  );
}
