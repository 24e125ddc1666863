import { Anchor, Button, Group, SimpleGrid } from "@mantine/core";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseQuery, runLoader } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { ListPage } from "~/lib/ui/list-page";
import { PageHeader } from "~/lib/ui/page";
import { BoardFilters, boardQuerySchema, IdeaCard, isReviewer } from "~/modules/ideas";
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
      <BoardFilters departments={data.departments} />
      <ListPage summary={data} isEmpty={data.ideas.length === 0}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} data-testid="idea-board">
          {data.ideas.map((idea) => (
            <IdeaCard key={idea.id} idea={idea} now={data.now} />
          ))}
        </SimpleGrid>
      </ListPage>
    </>
  );
}
