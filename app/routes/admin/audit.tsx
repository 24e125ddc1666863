import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseQuery } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { ListPage } from "~/lib/ui/list-page";
import { PageHeader } from "~/lib/ui/page";
import { apiTokenNames } from "~/modules/api/index.server";
import { listAuditEvents } from "~/modules/audit/index.server";
import { AuditFilters, AuditTable, auditQuerySchema } from "~/modules/audit";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWith(request, "read", "AuditEvent");
  const list = await listAuditEvents(parseQuery(request, auditQuerySchema));
  // Changes made through the API name their token (decision 044).
  const tokenIds = list.events.flatMap((event) => (event.apiTokenId ? [event.apiTokenId] : []));
  const tokenNames = await apiTokenNames(tokenIds);
  return {
    ...list,
    events: list.events.map((event) => ({
      ...event,
      apiTokenName: event.apiTokenId ? tokenNames.get(event.apiTokenId) : undefined,
    })),
  };
}

export default function AuditPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("audit.title")} />
      <ListPage
        summary={data}
        filters={<AuditFilters {...data} />}
        isEmpty={data.events.length === 0}
      >
        <AuditTable events={data.events} />
      </ListPage>
    </>
  );
}
