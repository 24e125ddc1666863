import { useTranslation } from "react-i18next";
import { FilterSelect, FilterText } from "~/lib/ui/list-page";
import { LEDGER_SOURCE_TYPES, POINTS_KINDS } from "../ledger-admin";

/** A source type's label; one this page does not know yet shows as stored. */
export function useSourceLabel() {
  const { t, i18n } = useTranslation();
  return (sourceType: string) => {
    const key = `rewards.ledger.sources.${sourceType}`;
    return i18n.exists(key) ? t(key) : sourceType;
  };
}

/**
 * The filters of a points history (My points and HR's ledger): kind, source type and a UTC
 * date range. ListPage puts them in its filter bar; historyWhere reads the same fields.
 */
export function PointsFilterFields() {
  const { t } = useTranslation();
  const sourceLabel = useSourceLabel();
  return (
    <>
      <FilterSelect
        name="kind"
        label={t("rewards.ledger.kind")}
        options={POINTS_KINDS.map((kind) => ({
          value: kind,
          label: t(`rewards.ledger.kinds.${kind}`),
        }))}
      />
      <FilterSelect
        name="source"
        label={t("rewards.ledger.source")}
        options={LEDGER_SOURCE_TYPES.map((source) => ({
          value: source,
          label: sourceLabel(source),
        }))}
      />
      <FilterText name="from" type="date" label={t("rewards.ledger.from")} />
      <FilterText name="to" type="date" label={t("rewards.ledger.to")} />
    </>
  );
}
