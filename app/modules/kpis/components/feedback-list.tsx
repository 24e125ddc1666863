import { kpiText } from "../texts";
import { Button, Group } from "@mantine/core";
import { Link, useSearchParams } from "@remix-run/react";
import { TextLink } from "~/lib/ui/plain";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates";
import { FilterSelect, FilterText, ListPage, ListTable } from "~/lib/ui/list-page";
import { PageHeader } from "~/lib/ui/page";
import {
  FEEDBACK_CHANNELS,
  FEEDBACK_SENTIMENTS,
  type FeedbackChannelValue,
  type FeedbackSentimentValue,
} from "../feedback";
import { SentimentBadge } from "./feedback-badge";
import { departmentOption, type FeedbackChoices } from "./feedback-form";

export interface FeedbackListData {
  page: { total: number; page: number; pageCount: number };
  rows: {
    id: string;
    departmentName: string;
    receivedOn: Date | string;
    channel: FeedbackChannelValue;
    sentiment: FeedbackSentimentValue;
    excerpt: string;
    kpiName: string | null;
    ideaId: string | null;
  }[];
  choices: FeedbackChoices;
  canCreate: boolean;
}

/** The export link: the list's filters, without its page. */
function useExportHref() {
  const [params] = useSearchParams();
  const copy = new URLSearchParams(params);
  copy.delete("page");
  const query = copy.toString();
  return `/initiatives/feedback/export${query ? `?${query}` : ""}`;
}

/** The feedback list: filters, the items newest first, "Log feedback" and the CSV. */
export function FeedbackListPage({ data }: { data: FeedbackListData }) {
  const { t, i18n } = useTranslation();
  const exportHref = useExportHref();
  return (
    <>
      <PageHeader
        title={t("kpis.feedback.title")}
        actions={
          <Group>
            <Button component="a" href={exportHref} variant="default">
              {t("kpis.feedback.export")}
            </Button>
            {data.canCreate && (
              <Button component={Link} to="/initiatives/feedback/new">
                {t("kpis.feedback.log")}
              </Button>
            )}
          </Group>
        }
      />
      <ListPage
        summary={data.page}
        isEmpty={data.rows.length === 0}
        filters={
          <>
            <FilterSelect
              name="department"
              label={t("fields.department")}
              options={data.choices.departments.map(departmentOption)}
            />
            <FilterSelect
              name="sentiment"
              label={t("kpis.feedback.fields.sentiment")}
              options={FEEDBACK_SENTIMENTS.map((s) => ({
                value: s,
                label: t(`kpis.feedback.sentiment.${s}`),
              }))}
            />
            <FilterSelect
              name="channel"
              label={t("kpis.feedback.fields.channel")}
              options={FEEDBACK_CHANNELS.map((c) => ({
                value: c,
                label: t(`kpis.feedback.channel.${c}`),
              }))}
            />
            <FilterSelect
              name="kpi"
              label={t("kpis.feedback.fields.kpi")}
              options={data.choices.kpis.map((kpi) => ({
                value: kpi.id,
                label: kpiText(t, kpi.name),
              }))}
            />
            <FilterText name="from" type="date" label={t("kpis.feedback.filters.from")} />
            <FilterText name="to" type="date" label={t("kpis.feedback.filters.to")} />
          </>
        }
      >
        <ListTable
          minWidth={860}
          columns={[
            t("kpis.feedback.fields.receivedOn"),
            t("fields.department"),
            t("kpis.feedback.fields.channel"),
            t("kpis.feedback.fields.sentiment"),
            t("kpis.feedback.fields.text"),
            t("kpis.feedback.fields.kpi"),
            t("kpis.feedback.idea.column"),
          ]}
        >
          {data.rows.map((row) => (
            <tr key={row.id}>
              <td>{formatDate(row.receivedOn, i18n.language)}</td>
              <td>{row.departmentName}</td>
              <td>{t(`kpis.feedback.channel.${row.channel}`)}</td>
              <td>
                <SentimentBadge sentiment={row.sentiment} />
              </td>
              <td>
                <TextLink to={`/initiatives/feedback/${row.id}`}>{row.excerpt}</TextLink>
              </td>
              <td>{row.kpiName ? kpiText(t, row.kpiName) : ""}</td>
              <td>
                {row.ideaId && (
                  <TextLink to={`/ideas/${row.ideaId}`}>{t("kpis.feedback.idea.open")}</TextLink>
                )}
              </td>
            </tr>
          ))}
        </ListTable>
      </ListPage>
    </>
  );
}
