import { Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { DAY_MS, formatDate } from "~/lib/dates";
import { isPhaseKey } from "../schemas";

export interface TimelineData {
  phases: { id: string; name: string; startsOn: string; endsOn: string }[];
  pulses: { id: string; title: string; status: string; opensOn: string; closesOn: string }[];
  courses: { courseId: string; title: string; effectiveDueDate: string | null }[];
  /** Today, from the loader (so server and browser draw the same marker). */
  today: string;
}

const WIDTH = 1000;
const LABEL = 0;
const ROW = 28;
const PHASE_COLORS = ["#228be6", "#12b886", "#fab005", "#be4bdb", "#fd7e14", "#15aabf"];

/**
 * Phases as bars across their dates, pulses (open to close) and the courses' due dates as
 * markers, and a line for today: an SVG drawn on the server, with the same facts as a list
 * beside it for screen readers and for reading exact dates.
 */
export function Timeline({ data }: { data: TimelineData }) {
  const { t, i18n } = useTranslation();
  const phaseName = (name: string) => (isPhaseKey(name) ? t(name) : name);
  const dates = [
    ...data.phases.flatMap((p) => [p.startsOn, p.endsOn]),
    ...data.pulses.flatMap((p) => [p.opensOn, p.closesOn]),
    ...data.courses.flatMap((c) => (c.effectiveDueDate ? [c.effectiveDueDate] : [])),
  ].map((d) => new Date(d).getTime());
  const today = new Date(data.today).getTime();
  if (dates.length === 0) return null;
  const start = Math.min(...dates);
  const end = Math.max(...dates) + DAY_MS;
  const x = (time: number) => LABEL + ((time - start) / (end - start)) * (WIDTH - LABEL);
  const dueRow = data.phases.length;
  const pulseRow = data.phases.length + 1;
  const height = (data.phases.length + 2) * ROW + 24;
  const date = (iso: string) => formatDate(iso, i18n.language);
  const todayVisible = today >= start && today <= end;
  return (
    <Stack gap="xs" data-testid="timeline">
      <Title order={3}>{t("initiatives.timeline.title")}</Title>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-label={t("initiatives.timeline.chartLabel")}
        style={{ maxWidth: "100%", fontSize: 13 }}
      >
        {data.phases.map((phase, index) => {
          const left = x(new Date(phase.startsOn).getTime());
          const right = x(new Date(phase.endsOn).getTime() + DAY_MS);
          return (
            <g key={phase.id}>
              <rect
                x={left}
                y={index * ROW + 4}
                width={Math.max(2, right - left)}
                height={ROW - 8}
                rx={4}
                fill={PHASE_COLORS[index % PHASE_COLORS.length]}
                opacity={0.85}
              />
              <text x={left + 6} y={index * ROW + ROW / 2 + 4} fill="#fff" fontWeight={600}>
                {phaseName(phase.name)}
              </text>
            </g>
          );
        })}
        {data.courses.map((course) =>
          course.effectiveDueDate ? (
            <g key={course.courseId}>
              <title>{t("initiatives.timeline.due", { title: course.title })}</title>
              <path
                d={`M ${x(new Date(course.effectiveDueDate).getTime())} ${dueRow * ROW + 6} l 7 8 l -7 8 l -7 -8 z`}
                fill="#e8590c"
              />
            </g>
          ) : null,
        )}
        {data.pulses.map((pulse) => {
          const left = x(new Date(pulse.opensOn).getTime());
          const right = x(new Date(pulse.closesOn).getTime() + DAY_MS);
          return (
            <g key={pulse.id}>
              <title>{t("initiatives.timeline.pulse", { title: pulse.title })}</title>
              <rect
                x={left}
                y={pulseRow * ROW + 8}
                width={Math.max(4, right - left)}
                height={12}
                rx={6}
                fill="#7048e8"
              />
            </g>
          );
        })}
        {todayVisible && (
          <g>
            <line
              x1={x(today)}
              x2={x(today)}
              y1={0}
              y2={height - 18}
              stroke="#e03131"
              strokeWidth={2}
              strokeDasharray="4 3"
            />
            <text x={x(today) + 4} y={height - 6} fill="#e03131">
              {t("initiatives.timeline.today")}
            </text>
          </g>
        )}
      </svg>
      <details>
        <summary>
          <Text span size="sm">
            {t("initiatives.timeline.listLabel")}
          </Text>
        </summary>
        <ul data-testid="timeline-list">
          {data.phases.map((phase) => (
            <li key={phase.id}>
              {t("initiatives.timeline.phase", {
                name: phaseName(phase.name),
                start: date(phase.startsOn),
                end: date(phase.endsOn),
              })}
            </li>
          ))}
          {data.pulses.map((pulse) => (
            <li key={pulse.id}>
              {t("initiatives.timeline.pulseItem", {
                title: pulse.title,
                status: t(`initiatives.timeline.pulseStatus.${pulse.status}`),
                start: date(pulse.opensOn),
                end: date(pulse.closesOn),
              })}
            </li>
          ))}
          {data.courses.map((course) =>
            course.effectiveDueDate ? (
              <li key={course.courseId}>
                {t("initiatives.timeline.dueItem", {
                  title: course.title,
                  date: date(course.effectiveDueDate),
                })}
              </li>
            ) : null,
          )}
          <li>
            {t("initiatives.timeline.today")}: {date(data.today)}
          </li>
        </ul>
      </details>
    </Stack>
  );
}
