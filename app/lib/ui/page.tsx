import { Group, Pagination, Stack, Title } from "@mantine/core";
import { useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";

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
        getItemProps={(n) => ({ "aria-label": String(n) })}
      />
    </Stack>
  );
}
