import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/lib/dates";
import { FilterSelect, FilterText, ListTable } from "~/lib/ui/list-page";
import { CodeBlock, DimmedText, InlineCode } from "~/lib/ui/plain";
import { deviceLabel, type DeviceSummary } from "~/lib/user-agent";

/** One row of the audit log, as the audit page lists it. */
export interface AuditLogEvent {
  id: string;
  createdAt: string;
  action: string;
  subjectType: string;
  subjectId: string;
  actor: { name: string } | null;
  /** The API token the change came through (the actor is its administrator). */
  apiTokenId: string | null;
  apiTokenName?: string;
  before: string | null;
  after: string | null;
  ipAddress: string | null;
  device: DeviceSummary | null;
}

/** "user.update+temporaryPassword" → "user_update_temporaryPassword" (i18n keys use dots as paths). */
/** The i18n key (under audit.actions) of an audit action. */
export const auditActionKey = (action: string) => action.replace(/[^A-Za-z0-9]+/g, "_");

/** The audit page's filters (inside the list kit's FilterBar). */
export function AuditFilters({
  actors,
  subjectTypes,
  eventTypes,
}: {
  actors: { id: string; name: string }[];
  subjectTypes: string[];
  eventTypes: string[];
}) {
  const { t } = useTranslation();
  return (
    <>
      <FilterSelect
        name="actor"
        label={t("audit.actor")}
        options={actors.map((a) => ({ value: a.id, label: a.name }))}
      />
      <FilterSelect
        name="subjectType"
        label={t("audit.subjectType")}
        options={subjectTypes.map((s) => ({
          value: s,
          label: t(`audit.subjects.${s}`, { defaultValue: s }),
        }))}
      />
      <FilterSelect
        name="event"
        label={t("audit.eventType")}
        options={[
          { value: "security", label: t("audit.securityEvents") },
          { value: "changes", label: t("audit.dataChanges") },
          ...eventTypes.map((action) => ({
            value: action,
            label: t(`audit.actions.${auditActionKey(action)}`, { defaultValue: action }),
          })),
        ]}
      />
      <FilterText name="action" label={t("audit.action")} />
      <FilterText name="from" type="date" label={t("audit.from")} />
      <FilterText name="to" type="date" label={t("audit.to")} />
    </>
  );
}

function Change({ before, after }: { before: string | null; after: string | null }) {
  const { t } = useTranslation();
  // A long change scrolls: keyboard users reach the region by Tab and scroll it with arrows.
  return (
    <CodeBlock style={CHANGE_STYLE} tabIndex={0} role="group" aria-label={t("ui.eventDetails")}>
      {before ? `− ${before}\n` : ""}
      {after ? `+ ${after}` : ""}
    </CodeBlock>
  );
}

const CHANGE_STYLE = { whiteSpace: "pre-wrap", maxWidth: 420 } as const;

/** One event, as plain cells (PlainTable, decision 030). */
function AuditRow({ event }: { event: AuditLogEvent }) {
  const { t, i18n } = useTranslation();
  return (
    <tr>
      <td>{formatDateTime(event.createdAt, i18n.language)}</td>
      <td>
        {event.actor?.name ?? t("audit.system")}
        {event.apiTokenId && (
          <DimmedText>
            {t("audit.viaApiToken", { name: event.apiTokenName ?? event.apiTokenId })}
          </DimmedText>
        )}
        {(event.ipAddress || event.device) && (
          <DimmedText>
            {[
              event.ipAddress && t("audit.source", { address: event.ipAddress }),
              event.device && deviceLabel(t, event.device),
            ]
              .filter(Boolean)
              .join(" · ")}
          </DimmedText>
        )}
      </td>
      <td>
        {t(`audit.actions.${auditActionKey(event.action)}`, { defaultValue: event.action })}
        <DimmedText>
          <InlineCode>{event.action}</InlineCode>
        </DimmedText>
      </td>
      <td>
        {t(`audit.subjects.${event.subjectType}`, { defaultValue: event.subjectType })}
        <DimmedText>{event.subjectId}</DimmedText>
      </td>
      <td>
        <Change before={event.before} after={event.after} />
      </td>
    </tr>
  );
}

/** The audit log's table: when, who (and from where), what, on which record, the change. */
export function AuditTable({ events }: { events: AuditLogEvent[] }) {
  const { t } = useTranslation();
  return (
    <ListTable
      minWidth={760}
      striped
      data-testid="audit-table"
      columns={[
        t("audit.when"),
        t("audit.actor"),
        t("audit.action"),
        t("audit.subject"),
        t("audit.change"),
      ]}
    >
      {events.map((event) => (
        <AuditRow key={event.id} event={event} />
      ))}
    </ListTable>
  );
}
