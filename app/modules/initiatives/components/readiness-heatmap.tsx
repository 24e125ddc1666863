import { Anchor, Table, Text, Tooltip } from "@mantine/core";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
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

/** The department × element heat map: coloured cells that also say their band in words. */
export function ReadinessHeatMap({
  rows,
  floor,
  detailHref,
}: {
  rows: HeatMapRow[];
  floor: number;
  detailHref: (departmentId: string) => string;
}) {
  const { t } = useTranslation();
  const k = (key: string) => t(`initiatives.readiness.heatmap.${key}`);
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table withTableBorder withColumnBorders data-testid="readiness-heatmap">
        <Table.Caption>{k("caption")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{k("department")}</Table.Th>
            <Table.Th scope="col">{k("respondents")}</Table.Th>
            <Table.Th scope="col">{k("responseRate")}</Table.Th>
            {ADKAR_ELEMENTS.map((element) => (
              <Table.Th scope="col" key={element}>
                <ElementName element={element} />
              </Table.Th>
            ))}
            <Table.Th scope="col">{k("score")}</Table.Th>
            <Table.Th scope="col">{k("geometric")}</Table.Th>
            <Table.Th scope="col">{k("barrier")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.departmentId ?? "company"} data-testid="readiness-row">
              <Table.Th scope="row" style={{ paddingInlineStart: 8 + row.depth * 20 }}>
                {row.departmentId ? (
                  <Anchor component={Link} to={detailHref(row.departmentId)}>
                    {row.name}
                  </Anchor>
                ) : (
                  <Text fw={700} span>
                    {row.name}
                  </Text>
                )}
              </Table.Th>
              {row.cells ? (
                <>
                  <Table.Td>{row.cells.respondents}</Table.Td>
                  <Table.Td>{percent0(row.cells.responseRate)}</Table.Td>
                  {ADKAR_ELEMENTS.map((element) => {
                    const band = row.cells!.bands[element];
                    const flag = row.cells!.disagreements.find((d) => d.element === element);
                    return (
                      <Table.Td
                        key={element}
                        style={{ background: BAND_COLOURS[band].bg, color: BAND_COLOURS[band].c }}
                      >
                        <Text span fw={600}>
                          {mean1(row.cells!.means[element])}
                        </Text>{" "}
                        <BandLabel band={band} />
                        {flag && (
                          <Tooltip
                            label={t("initiatives.readiness.disagreement", {
                              element: t(`initiatives.elements.${element}`),
                              survey: score0(flag.survey),
                              evidence: score0(flag.evidence),
                            })}
                          >
                            <Text span ml={4} aria-label={k("disagree")} title={k("disagree")}>
                              ⚠
                            </Text>
                          </Tooltip>
                        )}
                      </Table.Td>
                    );
                  })}
                  <Table.Td fw={700}>{score0(row.cells.readiness)}</Table.Td>
                  <Table.Td>{score0(row.cells.geometric)}</Table.Td>
                  <Table.Td>
                    {row.cells.barrier ? (
                      <ElementName element={row.cells.barrier} />
                    ) : (
                      k("noBarrier")
                    )}
                  </Table.Td>
                </>
              ) : (
                <Table.Td colSpan={ADKAR_ELEMENTS.length + 5}>
                  <SuppressedBadge floor={floor} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
