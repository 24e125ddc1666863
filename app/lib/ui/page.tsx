import { Group, Pagination, Stack, Title } from "@mantine/core";
import { useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export function PageHeader({ title, actions }: { title: string; actions?: ReactNode }) {
  return (
    <Group justify="space-between" mb="md" wrap="wrap">
      <Title order={1} size="h2">
        {title}
      </Title>
      {actions}
    </Group>
  );
}

/** Pagination that keeps the current filters in the URL. */
export function UrlPagination({ page, pageCount }: { page: number; pageCount: number }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  if (pageCount <= 1) return null;
  return (
    <Stack align="center" mt="md">
      <Pagination
        total={pageCount}
        value={page}
        onChange={(next) => {
          const copy = new URLSearchParams(params);
          copy.set("page", String(next));
          setParams(copy);
        }}
        // The arrows are icons: screen readers need their names (also when disabled).
        getControlProps={(control) => ({ "aria-label": t(`ui.pagination.${control}`) })}
        getItemProps={(n) => ({
          "aria-label": t("ui.pagination.page", { page: n }),
          "aria-current": n === page ? "page" : undefined,
        })}
      />
    </Stack>
  );
}
