import { Button, Checkbox, Group, NativeSelect, TextInput } from "@mantine/core";
import { Form, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { IDEA_CATEGORIES, IDEA_SORTS, IDEA_STATUSES } from "../schemas";

/** The board's filters, read from and sent as the URL's query (a GET form). */
export function BoardFilters({ departments }: { departments: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const value = (name: string) => params.get(name) ?? "";
  return (
    <Form method="get" role="search" data-testid="idea-filters">
      <Group align="flex-end" mb="md" wrap="wrap" gap="sm">
        <TextInput name="q" label={t("common.search")} defaultValue={value("q")} w={200} />
        <NativeSelect
          name="status"
          label={t("fields.status")}
          defaultValue={value("status")}
          data={[
            { value: "", label: t("ideas.allOpenStatuses") },
            ...IDEA_STATUSES.map((s) => ({ value: s, label: t(`ideas.status.${s}`) })),
          ]}
        />
        <NativeSelect
          name="category"
          label={t("ideas.fields.category")}
          defaultValue={value("category")}
          data={[
            { value: "", label: t("common.all") },
            ...IDEA_CATEGORIES.map((c) => ({ value: c, label: t(`ideas.category.${c}`) })),
          ]}
        />
        <NativeSelect
          name="department"
          label={t("fields.department")}
          defaultValue={value("department")}
          data={[
            { value: "", label: t("common.all") },
            ...departments.map((d) => ({ value: d.id, label: d.name })),
          ]}
        />
        <NativeSelect
          name="sort"
          label={t("ideas.sort.label")}
          defaultValue={value("sort") || "top"}
          data={IDEA_SORTS.map((s) => ({ value: s, label: t(`ideas.sort.${s}`) }))}
        />
        <Checkbox
          name="mine"
          value="1"
          label={t("ideas.mine")}
          defaultChecked={value("mine") === "1"}
          mb={8}
        />
        <Checkbox
          name="voted"
          value="1"
          label={t("ideas.voted")}
          defaultChecked={value("voted") === "1"}
          mb={8}
        />
        <Button type="submit" variant="light">
          {t("actions.filter")}
        </Button>
      </Group>
    </Form>
  );
}
