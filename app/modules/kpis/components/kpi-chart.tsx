import { useId } from "react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/dates";
import { formatKpiValue, kpiText } from "../texts";

// One KPI in one department as a server-rendered SVG (no chart library): phases as shaded,
// labelled bands, the baseline as a reference line, the target path, the actuals with their
// values, and where each required course reached the department. The table under the chart
// holds the same data for screen readers; each point names its period and phase for tests.

type DateLike = Date | string;

export interface KpiChartProps {
  kpi: {
    name: string;
    unit: string;
    precision: number;
    minValue: number | null;
    maxValue: number | null;
  };
  departmentName: string;
  baseline: { value: number | null; on: DateLike | null };
  path: readonly { on: DateLike; value: number }[];
  phases: readonly { id: string; name: string; startsOn: DateLike; endsOn: DateLike }[];
  series: readonly { periodStart: DateLike; period: string; value: number }[];
  rollouts: readonly { courseId: string; title: string; rolledOutOn: DateLike | null }[];
}

const WIDTH = 760;
const HEIGHT = 320;
const MARGIN = { top: 36, right: 24, bottom: 40, left: 64 };
const DAY_MS = 24 * 60 * 60 * 1000;
const PHASE_FILLS = ["#4dabf7", "#69db7c", "#ffd43b", "#da77f2", "#ff8787"];

const time = (value: DateLike) => new Date(value).getTime();

/** The phase whose band holds `date` (its last day included), or null. */
export function phaseAt<P extends { startsOn: DateLike; endsOn: DateLike }>(
  phases: readonly P[],
  date: DateLike,
): P | null {
  const t = time(date);
  return phases.find((p) => t >= time(p.startsOn) && t < time(p.endsOn) + DAY_MS) ?? null;
}

const phaseLabel = (t: (key: string) => string, name: string) =>
  name.startsWith("initiatives.phases.template.") ? t(name) : name;

export function KpiChart(props: KpiChartProps) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const descId = useId();
  const { kpi, baseline, path, phases, series } = props;
  const rollouts = props.rollouts.filter((r) => r.rolledOutOn !== null);

  const dates = [
    ...series.map((p) => time(p.periodStart)),
    ...path.map((p) => time(p.on)),
    ...phases.flatMap((p) => [time(p.startsOn), time(p.endsOn) + DAY_MS]),
    ...rollouts.map((r) => time(r.rolledOutOn!)),
    ...(baseline.on ? [time(baseline.on)] : []),
  ];
  const values = [
    ...series.map((p) => p.value),
    ...path.map((p) => p.value),
    ...(baseline.value !== null ? [baseline.value] : []),
  ];
  let [x0, x1] = dates.length > 0 ? [Math.min(...dates), Math.max(...dates)] : [0, 1];
  if (x1 - x0 < DAY_MS) [x0, x1] = [x0 - 15 * DAY_MS, x1 + 15 * DAY_MS];
  // A bounded scale (1–5) is drawn whole; otherwise the data's extent with some air.
  let y0 = kpi.minValue ?? (values.length > 0 ? Math.min(...values) : 0);
  let y1 = kpi.maxValue ?? (values.length > 0 ? Math.max(...values) : 1);
  if (kpi.minValue === null || kpi.maxValue === null) {
    const pad = (y1 - y0) * 0.1 || Math.abs(y1) * 0.1 || 1;
    if (kpi.minValue === null) y0 -= pad;
    if (kpi.maxValue === null) y1 += pad;
  }
  const innerW = WIDTH - MARGIN.left - MARGIN.right;
  const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (value: DateLike) => MARGIN.left + ((time(value) - x0) / (x1 - x0)) * innerW;
  const xMs = (ms: number) => MARGIN.left + ((ms - x0) / (x1 - x0)) * innerW;
  const y = (value: number) => MARGIN.top + (1 - (value - y0) / (y1 - y0)) * innerH;
  const fmt = (value: number) => formatKpiValue(t, value, kpi, i18n.language);
  const yTicks = Array.from({ length: 5 }, (_, i) => y0 + ((y1 - y0) * i) / 4);
  const points = (list: readonly { x: number; y: number }[]) =>
    list.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");

  const name = kpiText(t, kpi.name);
  const latest = series[series.length - 1];
  const description = t("kpis.chart.desc", {
    count: series.length,
    kpi: name,
    department: props.departmentName,
    latest: latest ? `${latest.period}: ${fmt(latest.value)}` : "—",
    baseline: baseline.value !== null ? fmt(baseline.value) : "—",
    target: path.length > 0 ? fmt(path[path.length - 1]!.value) : "—",
    phases: phases.length,
    rollouts: rollouts.length,
  });

  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      data-testid="kpi-chart"
      style={{ maxWidth: WIDTH, display: "block", fontSize: 11 }}
    >
      <title id={titleId}>
        {t("kpis.chart.title", { kpi: name, department: props.departmentName })}
      </title>
      <desc id={descId}>{description}</desc>
      {phases.map((phase, index) => {
        const left = x(phase.startsOn);
        const right = xMs(time(phase.endsOn) + DAY_MS);
        return (
          <g key={phase.id} data-testid="kpi-chart-phase" data-phase={phase.id}>
            <rect
              x={left}
              y={MARGIN.top}
              width={Math.max(right - left, 1)}
              height={innerH}
              fill={PHASE_FILLS[index % PHASE_FILLS.length]}
              fillOpacity={0.15}
              data-x0={left.toFixed(1)}
              data-x1={right.toFixed(1)}
            />
            <text x={left + 4} y={MARGIN.top - 8} fill="currentColor">
              {phaseLabel(t, phase.name)}
            </text>
          </g>
        );
      })}
      {yTicks.map((tick) => (
        <g key={tick}>
          <line
            x1={MARGIN.left}
            x2={WIDTH - MARGIN.right}
            y1={y(tick)}
            y2={y(tick)}
            stroke="currentColor"
            strokeOpacity={0.1}
          />
          <text x={MARGIN.left - 6} y={y(tick) + 4} textAnchor="end" fill="currentColor">
            {fmt(tick)}
          </text>
        </g>
      ))}
      <text x={MARGIN.left} y={HEIGHT - 12} fill="currentColor">
        {formatDate(new Date(x0), i18n.language)}
      </text>
      <text x={WIDTH - MARGIN.right} y={HEIGHT - 12} textAnchor="end" fill="currentColor">
        {formatDate(new Date(x1), i18n.language)}
      </text>
      {baseline.value !== null && (
        <g data-testid="kpi-chart-baseline">
          <line
            x1={MARGIN.left}
            x2={WIDTH - MARGIN.right}
            y1={y(baseline.value)}
            y2={y(baseline.value)}
            stroke="#868e96"
            strokeDasharray="2 3"
          />
          <text
            x={WIDTH - MARGIN.right - 4}
            y={y(baseline.value) - 4}
            textAnchor="end"
            fill="#868e96"
          >
            {t("kpis.chart.baseline", { value: fmt(baseline.value) })}
          </text>
        </g>
      )}
      {path.length > 0 && (
        <polyline
          data-testid="kpi-chart-target-path"
          points={points(path.map((p) => ({ x: x(p.on), y: y(p.value) })))}
          fill="none"
          stroke="#fd7e14"
          strokeWidth={2}
          strokeDasharray="6 4"
        >
          <title>{t("kpis.chart.targetPath")}</title>
        </polyline>
      )}
      {rollouts.map((rollout) => {
        const at = x(rollout.rolledOutOn!);
        return (
          <g key={rollout.courseId} data-testid="kpi-chart-rollout" data-course={rollout.courseId}>
            <line x1={at} x2={at} y1={MARGIN.top} y2={HEIGHT - MARGIN.bottom} stroke="#7048e8" />
            <text x={at + 3} y={HEIGHT - MARGIN.bottom - 4} fill="#7048e8">
              {t("kpis.chart.rollout", {
                course: rollout.title,
                date: formatDate(rollout.rolledOutOn!, i18n.language),
              })}
            </text>
          </g>
        );
      })}
      {series.length > 1 && (
        <polyline
          data-testid="kpi-chart-actuals"
          points={points(series.map((p) => ({ x: x(p.periodStart), y: y(p.value) })))}
          fill="none"
          stroke="#1c7ed6"
          strokeWidth={2}
        />
      )}
      {series.map((point) => {
        const phase = phaseAt(phases, point.periodStart);
        const cx = x(point.periodStart);
        const cy = y(point.value);
        return (
          <g
            key={point.period}
            data-testid="kpi-chart-point"
            data-period={point.period}
            data-phase={phase?.id ?? ""}
            data-value={point.value}
            data-x={cx.toFixed(1)}
          >
            <circle cx={cx} cy={cy} r={4} fill="#1c7ed6">
              <title>{`${point.period}: ${fmt(point.value)}`}</title>
            </circle>
            <text x={cx} y={cy - 8} textAnchor="middle" fill="currentColor">
              {fmt(point.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
