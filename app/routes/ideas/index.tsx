import {
  Anchor,
  Button,
  Group,
  NativeSelect,
  SimpleGrid,
  Text,
  TextInput,
  Checkbox,
} from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseQuery, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { PageHeader, UrlPagination } from "~/lib/ui/page";
import {
  IdeaCard,
  isReviewer,
  boardQuerySchema,
  IDEA_CATEGORIES,
  IDEA_SORTS,
  IDEA_STATUSES,
} from "~/modules/ideas";
import { ideaFormOptions, listBoard } from "~/modules/ideas/index.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read", "Idea");
  const query = parseQuery(request, boardQuerySchema);
  return runLoader(async () => {
    const now = new Date();
    const [board, options] = await Promise.all([listBoard(user, query, now), ideaFormOptions()]);
    return {
      ...board,
      departments: options.departments,
      reviewer: isReviewer(user),
      now: now.toISOString(),
    };
  });
}

export default function IdeasBoard() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const value = (name: string) => params.get(name) ?? "";
  const exportQuery = new URLSearchParams(params);
  exportQuery.delete("page");
  return (
    <>
      <PageHeader
        title={t("ideas.title")}
        actions={
          <Group gap="xs">
            {data.reviewer && (
              <Anchor href={`/ideas/export?${exportQuery.toString()}`} download size="sm">
                {t("reports.exportCsv")}
              </Anchor>
            )}
            <Button component={Link} to="/ideas/new">
              {t("ideas.new")}
            </Button>
          </Group>
        }
      />
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
              ...data.departments.map((d) => ({ value: d.id, label: d.name })),
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
      <Text size="sm" c="dimmed" mb="xs">
        {t("common.resultCount", { count: data.total })}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} data-testid="idea-board">
        {data.ideas.map((idea) => (
          <IdeaCard key={idea.id} idea={idea} now={data.now} />
        ))}
      </SimpleGrid>
      {data.ideas.length === 0 && (
        <Text c="dimmed" ta="center" py="lg">
          {t("common.noResults")}
        </Text>
      )}
      <UrlPagination page={data.page} pageCount={data.pageCount} />
    </>
  );
}
