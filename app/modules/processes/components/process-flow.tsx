// The flow drawing of one version (issue 17 item 2), drawn in the browser only: rendered on
// the server, @xyflow/react drew the edges but not the nodes, so the step table above is the
// server-rendered (and accessible) view and this mounts after hydration.
import "@xyflow/react/dist/style.css";
import { Button, Group, Text } from "@mantine/core";
import { Background, ReactFlow, type Edge, type Node } from "@xyflow/react";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  flowSvg,
  layoutFlow,
  NODE_HEIGHT,
  NODE_WIDTH,
  tallestStageHeight,
  type FlowLayout,
  type LayoutStep,
} from "./flow-layout";
import { formatMinutes } from "./figures";

const MANUAL = { background: "#fff9db", border: "#f08c00" };
const AUTOMATED = { background: "#e6fcf5", border: "#0ca678" };
const BOTTLENECK = "#e03131";
const EMPTY_LAYOUT: FlowLayout = { nodes: [], edges: [], width: 0, height: 0 };

function download(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Draws the SVG on a canvas (twice the size, for sharpness) and hands back a PNG. */
function svgToPng(svg: string, width: number, height: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement("canvas");
      canvas.width = width * 2;
      canvas.height = height * 2;
      const context = canvas.getContext("2d");
      if (!context) return reject(new Error("no canvas"));
      context.scale(2, 2);
      context.drawImage(image, 0, 0);
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("no png"))), "image/png");
    };
    image.onerror = () => reject(new Error("svg not drawable"));
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  });
}

export function ProcessFlow({
  steps,
  bottleneckStepId,
  title,
  fileName,
  testId,
}: {
  steps: LayoutStep[];
  bottleneckStepId: string | null;
  title: string;
  fileName: string;
  testId: string;
}) {
  const { t } = useTranslation();
  // Mounted only in the browser (see the top of the file).
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  // The layout is dagre's work: only for the drawing, so only in the browser.
  const layout = useMemo(() => (mounted ? layoutFlow(steps) : EMPTY_LAYOUT), [mounted, steps]);
  const legend = {
    manual: t("processes.flow.manual"),
    automated: t("processes.flow.automated"),
    bottleneck: t("processes.flow.bottleneck"),
  };
  const nodes: Node[] = layout.nodes.map(({ id, x, y, step }) => {
    const colours = step.automated ? AUTOMATED : MANUAL;
    const bottleneck = id === bottleneckStepId;
    return {
      id,
      position: { x, y },
      data: {
        label: (
          <div data-testid="flow-node" data-bottleneck={bottleneck || undefined}>
            <strong>{step.name}</strong>
            <div style={{ fontSize: 11 }}>
              {formatMinutes(t, step.minutes)}
              {bottleneck ? ` · ${legend.bottleneck}` : ""}
            </div>
          </div>
        ),
      },
      draggable: false,
      connectable: false,
      sourcePosition: "right" as Node["sourcePosition"],
      targetPosition: "left" as Node["targetPosition"],
      style: {
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        background: colours.background,
        color: "#212529",
        border: `${bottleneck ? 3 : 1.5}px ${step.automated ? "dashed" : "solid"} ${bottleneck ? BOTTLENECK : colours.border}`,
        borderRadius: 8,
        fontSize: 12,
        padding: 6,
      },
    };
  });
  const edges: Edge[] = layout.edges.map((edge) => ({ ...edge, type: "smoothstep" }));
  const svg = () =>
    flowSvg(layout, {
      title,
      bottleneckStepId,
      minutesLabel: (minutes) => formatMinutes(t, minutes),
      legend,
    });
  if (steps.length === 0) return null;
  return (
    <div data-testid={testId}>
      <Group gap="xs" mb="xs" justify="space-between">
        <Group gap="md" aria-label={t("processes.flow.legend")}>
          <LegendSwatch colours={MANUAL} dashed={false} label={legend.manual} />
          <LegendSwatch colours={AUTOMATED} dashed label={legend.automated} />
          <LegendSwatch
            colours={{ background: "transparent", border: BOTTLENECK }}
            dashed={false}
            label={legend.bottleneck}
          />
        </Group>
        <Group gap="xs">
          <Button
            size="compact-sm"
            variant="light"
            disabled={!mounted}
            onClick={() =>
              download(`${fileName}.svg`, new Blob([svg()], { type: "image/svg+xml" }))
            }
          >
            {t("processes.flow.downloadSvg")}
          </Button>
          <Button
            size="compact-sm"
            variant="light"
            disabled={!mounted}
            onClick={() => {
              const width = Math.max(layout.width, 420);
              const height = layout.height + 64;
              void svgToPng(svg(), width, height).then((blob) => download(`${fileName}.png`, blob));
            }}
          >
            {t("processes.flow.downloadPng")}
          </Button>
        </Group>
      </Group>
      <div
        style={{
          height: Math.min(Math.max(tallestStageHeight(steps) + 32, 160), 480),
          border: "1px solid var(--mantine-color-default-border)",
          borderRadius: 8,
        }}
        role="img"
        aria-label={t("processes.flow.drawingLabel", { title })}
      >
        {mounted ? (
          <ReactFlow
            nodes={nodes}
            edges={edges}
            fitView
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable={false}
            proOptions={{ hideAttribution: true }}
          >
            <Background />
          </ReactFlow>
        ) : (
          <Text size="sm" c="dimmed" p="sm">
            {t("processes.flow.loading")}
          </Text>
        )}
      </div>
    </div>
  );
}

function LegendSwatch({
  colours,
  dashed,
  label,
}: {
  colours: { background: string; border: string };
  dashed: boolean;
  label: string;
}) {
  return (
    <Group gap={4}>
      <span
        aria-hidden
        style={{
          display: "inline-block",
          width: 16,
          height: 12,
          background: colours.background,
          border: `2px ${dashed ? "dashed" : "solid"} ${colours.border}`,
        }}
      />
      <Text size="xs">{label}</Text>
    </Group>
  );
}
