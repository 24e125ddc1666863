import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseQuery } from "~/lib/http.server";
import { requireUserWith } from "~/lib/session.server";
import { ListPage } from "~/lib/ui/list-page";
import { PageHeader } from "~/lib/ui/page";
import { listAuditEvents } from "~/modules/audit/index.server";
import { AuditFilters, AuditTable, auditQuerySchema } from "~/modules/audit";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWith(request, "read", "AuditEvent");
  return listAuditEvents(parseQuery(request, auditQuerySchema));
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
