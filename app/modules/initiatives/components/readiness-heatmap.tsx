import { Table } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { BOLD, PlainTable, PlainText, TextLink } from "~/lib/ui/plain";
import type { AppPath } from "~/lib/ui/router-anchor";
import { ADKAR_ELEMENTS, type AdkarElement, type Band } from "../adkar";
import {
  BAND_COLOURS,
  BandLabel,
  ElementName,
  mean1,
  percent0,
  score0,
  SuppressedBadge,
} from "./readiness-shared";

export interface HeatMapCells {
  respondents: number;
  responseRate: number | null;
  means: Record<AdkarElement, number>;
  bands: Record<AdkarElement, Band>;
  readiness: number;
  geometric: number;
  barrier: AdkarElement | null;
  disagreements: { element: AdkarElement; survey: number; evidence: number }[];
}

export interface HeatMapRow {
  departmentId: string | null;
  name: string;
  depth: number;
  cells: HeatMapCells | null;
}

const FLAG_STYLE = { marginInlineStart: 4, cursor: "help" };

/**
 * The survey and the evidence disagree on this element: the browser's own tooltip says by how
 * much (a Mantine Tooltip per flagged cell cost more to render than the rest of the row), and
 * the flag's accessible name says it too.
 */
function DisagreementFlag({ detail }: { detail: string }) {
  const { t } = useTranslation();
  const label = t("initiatives.readiness.heatmap.disagree");
  return (
    <span role="img" style={FLAG_STYLE} aria-label={`${label}: ${detail}`} title={detail}>
      ⚠
    </span>
  );
}

/** The department × element heat map: coloured cells that also say their band in words. */
export function ReadinessHeatMap({
  rows,
  floor,
  detailHref,
}: {
  rows: HeatMapRow[];
  floor: number;
  detailHref: (departmentId: string) => AppPath;
}) {
  const { t } = useTranslation();
  const k = (key: string) => t(`initiatives.readiness.heatmap.${key}`);
  return (
    <Table.ScrollContainer minWidth={900}>
      <PlainTable withTableBorder withColumnBorders data-testid="readiness-heatmap">
        <Table.Caption>{k("caption")}</Table.Caption>
        <thead>
          <tr>
            <th scope="col">{k("department")}</th>
            <th scope="col">{k("respondents")}</th>
            <th scope="col">{k("responseRate")}</th>
            {ADKAR_ELEMENTS.map((element) => (
              <th scope="col" key={element}>
                <ElementName element={element} />
              </th>
            ))}
            <th scope="col">{k("score")}</th>
            <th scope="col">{k("geometric")}</th>
            <th scope="col">{k("barrier")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.departmentId ?? "company"} data-testid="readiness-row">
              <th scope="row" style={{ paddingInlineStart: 8 + row.depth * 20 }}>
                {row.departmentId ? (
                  <TextLink to={detailHref(row.departmentId)}>{row.name}</TextLink>
                ) : (
                  <PlainText span weight={700}>
                    {row.name}
                  </PlainText>
                )}
              </th>
              {row.cells ? (
                <>
                  <td>{row.cells.respondents}</td>
                  <td>{percent0(row.cells.responseRate)}</td>
                  {ADKAR_ELEMENTS.map((element) => {
                    const band = row.cells!.bands[element];
                    const flag = row.cells!.disagreements.find((d) => d.element === element);
                    return (
                      <td
                        key={element}
                        style={{ background: BAND_COLOURS[band].bg, color: BAND_COLOURS[band].c }}
                      >
                        <PlainText span weight={600}>
                          {mean1(row.cells!.means[element])}
                        </PlainText>{" "}
                        <BandLabel band={band} />
                        {flag && (
                          <DisagreementFlag
                            detail={t("initiatives.readiness.disagreement", {
                              element: t(`initiatives.elements.${element}`),
                              survey: score0(flag.survey),
                              evidence: score0(flag.evidence),
                            })}
                          />
                        )}
                      </td>
                    );
                  })}
                  <td style={BOLD}>{score0(row.cells.readiness)}</td>
                  <td>{score0(row.cells.geometric)}</td>
                  <td>
                    {row.cells.barrier ? (
                      <ElementName element={row.cells.barrier} />
                    ) : (
                      k("noBarrier")
                    )}
                  </td>
                </>
              ) : (
                <td colSpan={ADKAR_ELEMENTS.length + 5}>
                  <SuppressedBadge floor={floor} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </PlainTable>
    </Table.ScrollContainer>
  );
}
