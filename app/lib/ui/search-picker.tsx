import { Select } from "@mantine/core";
import { useDebouncedCallback, useIsomorphicEffect } from "@mantine/hooks";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useBrowserRender } from "./browser-render";
import { ClosedSelect } from "./plain-inputs";

/** One choice of a picker. */
export interface PickerOption {
  value: string;
  label: string;
}

/** What a picker's resource route answers: a page of matches, and whether more match. */
export interface PickerPage {
  options: PickerOption[];
  hasMore: boolean;
}

// The "type to narrow" hint row: disabled, so never a value of the field.
const MORE = "__more__";
const SEARCH_DELAY_MS = 250;

/** The options to show: the chosen one first (so its name shows), then the matches. */
function withSelected(selected: PickerOption | null, found: PickerOption[]) {
  return selected ? [selected, ...found.filter((o) => o.value !== selected.value)] : found;
}

/**
 * A filter's searchable select for lists too long to ship as <option>s (decision 030): it
 * fetches the matches of what is typed from `source` (a resource route answering a
 * PickerPage for `q`), debounced. The chosen value is a hidden input named `name`, so a GET
 * filter form submits it like a select; `selected` (value and name, from the loader) shows
 * on the first render, before any script runs. Clearing it means "All".
 *
 * In a schema form (a required choice, not a filter), pass `placeholder`, `onChange` (to set
 * the form's value), `error` and `required`.
 *
 * The server renders only the closed field's markup (ClosedSelect): a Mantine Select is a
 * combobox, a popover and an input, costly to render on every request when a page holds
 * dozens (issue 13). The browser swaps the Select in before its first paint, keeping the
 * focus if the field already had it.
 */
export function SearchPicker({
  name,
  label,
  source,
  selected,
  width = 240,
  placeholder,
  onChange,
  error,
  required,
}: {
  name: string;
  label: string;
  /** The resource route, with its own query (the `q` parameter is added). */
  source: string;
  selected: PickerOption | null;
  width?: number | string;
  /** Defaults to "All" (a filter). */
  placeholder?: string;
  onChange?: (value: string) => void;
  error?: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState(selected);
  const [found, setFound] = useState<PickerPage>({ options: [], hasMore: false });
  const pending = useRef<AbortController | null>(null);
  const closedInput = useRef<HTMLInputElement>(null);
  const selectInput = useRef<HTMLInputElement>(null);
  const hadFocus = useRef(false);
  // Declared before useBrowserRender, so it runs first: the closed field is still there.
  useIsomorphicEffect(() => {
    hadFocus.current = !!closedInput.current && document.activeElement === closedInput.current;
  }, []);
  const inBrowser = useBrowserRender();
  useIsomorphicEffect(() => {
    if (inBrowser && hadFocus.current) selectInput.current?.focus();
  }, [inBrowser]);
  useEffect(() => setChosen(selected), [selected]);
  useEffect(() => () => pending.current?.abort(), []);

  const load = async (query: string) => {
    pending.current?.abort();
    const controller = new AbortController();
    pending.current = controller;
    const separator = source.includes("?") ? "&" : "?";
    try {
      const response = await fetch(`${source}${separator}q=${encodeURIComponent(query)}`, {
        headers: { Accept: "application/json" },
        signal: controller.signal,
      });
      if (response.ok) setFound((await response.json()) as PickerPage);
    } catch (error) {
      if ((error as Error).name !== "AbortError") setFound({ options: [], hasMore: false });
    }
  };
  const search = useDebouncedCallback(load, SEARCH_DELAY_MS);

  const data = [
    ...withSelected(chosen, found.options),
    ...(found.hasMore ? [{ value: MORE, label: t("ui.picker.more"), disabled: true }] : []),
  ];
  const placeholderText = placeholder ?? t("common.all");
  const clearLabel = t("ui.picker.clear");
  if (!inBrowser)
    return (
      <ClosedSelect
        ref={closedInput}
        name={name}
        label={label}
        width={width}
        placeholder={placeholderText}
        clearLabel={clearLabel}
        selected={chosen}
        error={error}
        required={required}
      />
    );
  return (
    <Select
      ref={selectInput}
      name={name}
      label={label}
      w={width}
      searchable
      clearable
      clearButtonProps={{ "aria-label": clearLabel }}
      placeholder={placeholderText}
      error={error}
      required={required}
      nothingFoundMessage={t("ui.picker.nothingFound")}
      data={data}
      value={chosen?.value ?? null}
      // The server already matched the text; Mantine's own filter would hide the hint row.
      filter={({ options }) => options}
      onChange={(_value, option) => {
        setChosen(option ? { value: option.value, label: option.label } : null);
        onChange?.(option?.value ?? "");
      }}
      onDropdownOpen={() => void load("")}
      onSearchChange={(text) => {
        // Choosing an option sets the search to its name: that is not a new search.
        if (text !== (chosen?.label ?? "")) search(text);
      }}
    />
  );
}
