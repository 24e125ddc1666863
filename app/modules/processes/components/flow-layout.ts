// The drawing's geometry, from dagre (left to right): one node per step, each step of a
// stage linked to each step of the next (stagesOf), parallel steps on the same rank. Shared
// by the on-screen flow and the SVG/PNG download, so both show the same picture.
import dagre from "@dagrejs/dagre";
import { stagesOf } from "../flow";

export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 64;

export interface LayoutStep {
  id: string;
  name: string;
  minutes: number;
  automated: boolean;
  parallelWithPrevious: boolean;
}

export interface FlowLayout {
  nodes: { id: string; x: number; y: number; step: LayoutStep }[];
  edges: { id: string; source: string; target: string }[];
  width: number;
  height: number;
}

const NODE_GAP = 24;
const MARGIN = 16;

/**
 * The height of the tallest stage (its steps stacked, with their gaps and the margins): the
 * drawing's box, known without running dagre, which the server does not (the drawing is
 * browser-only). dagre may stagger stages and draw taller; the drawing is fitted to the box.
 */
export function tallestStageHeight(steps: readonly LayoutStep[]): number {
  const tallest = Math.max(0, ...stagesOf(steps).map((stage) => stage.length));
  return tallest === 0 ? 0 : tallest * NODE_HEIGHT + (tallest - 1) * NODE_GAP + 2 * MARGIN;
}

export function layoutFlow(steps: readonly LayoutStep[]): FlowLayout {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({
    rankdir: "LR",
    nodesep: NODE_GAP,
    ranksep: 56,
    marginx: MARGIN,
    marginy: MARGIN,
  });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const step of steps) graph.setNode(step.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  const stages = stagesOf(steps);
  const edges: FlowLayout["edges"] = [];
  stages.forEach((stage, index) => {
    const next = stages[index + 1];
    if (!next) return;
    for (const from of stage)
      for (const to of next) {
        graph.setEdge(from.id, to.id);
        edges.push({ id: `${from.id}-${to.id}`, source: from.id, target: to.id });
      }
  });
  dagre.layout(graph);
  const nodes = steps.map((step) => {
    const node = graph.node(step.id);
    // dagre gives centres; the drawing places top-left corners.
    return { id: step.id, x: node.x - NODE_WIDTH / 2, y: node.y - NODE_HEIGHT / 2, step };
  });
  const { width = 0, height = 0 } = graph.graph();
  return { nodes, edges, width, height };
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

const truncate = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/** The layout as a standalone SVG document (the download), with its title and a legend. */
export function flowSvg(
  layout: FlowLayout,
  options: {
    title: string;
    bottleneckStepId: string | null;
    minutesLabel: (minutes: number) => string;
    legend: { manual: string; automated: string; bottleneck: string };
  },
): string {
  const legendHeight = 36;
  const width = Math.max(layout.width, 420);
  const height = layout.height + legendHeight + 28;
  const top = 28;
  const centre = (id: string) => {
    const node = layout.nodes.find((n) => n.id === id)!;
    return node;
  };
  const edges = layout.edges.map((edge) => {
    const from = centre(edge.source);
    const to = centre(edge.target);
    const x1 = from.x + NODE_WIDTH;
    const y1 = from.y + NODE_HEIGHT / 2 + top;
    const x2 = to.x;
    const y2 = to.y + NODE_HEIGHT / 2 + top;
    const mid = (x1 + x2) / 2;
    return `<path d="M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}" fill="none" stroke="#868e96" stroke-width="1.5" marker-end="url(#arrow)"/>`;
  });
  const nodes = layout.nodes.map(({ x, y, step }) => {
    const bottleneck = step.id === options.bottleneckStepId;
    const fill = step.automated ? "#e6fcf5" : "#fff9db";
    const stroke = bottleneck ? "#e03131" : step.automated ? "#0ca678" : "#f08c00";
    const dash = step.automated ? ' stroke-dasharray="6 3"' : "";
    return [
      `<g transform="translate(${x},${y + top})">`,
      `<rect width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="8" fill="${fill}" stroke="${stroke}" stroke-width="${bottleneck ? 3 : 1.5}"${dash}/>`,
      `<text x="10" y="24" font-size="13" font-family="sans-serif" fill="#212529">${escapeXml(truncate(step.name, 24))}</text>`,
      `<text x="10" y="46" font-size="12" font-family="sans-serif" fill="#495057">${escapeXml(options.minutesLabel(step.minutes))}${bottleneck ? ` · ${escapeXml(options.legend.bottleneck)}` : ""}</text>`,
      "</g>",
    ].join("");
  });
  const legendY = layout.height + top + 12;
  const legend = [
    `<rect x="16" y="${legendY}" width="16" height="12" fill="#fff9db" stroke="#f08c00"/>`,
    `<text x="38" y="${legendY + 11}" font-size="12" font-family="sans-serif">${escapeXml(options.legend.manual)}</text>`,
    `<rect x="136" y="${legendY}" width="16" height="12" fill="#e6fcf5" stroke="#0ca678" stroke-dasharray="4 2"/>`,
    `<text x="158" y="${legendY + 11}" font-size="12" font-family="sans-serif">${escapeXml(options.legend.automated)}</text>`,
    `<rect x="266" y="${legendY}" width="16" height="12" fill="#ffffff" stroke="#e03131" stroke-width="3"/>`,
    `<text x="288" y="${legendY + 11}" font-size="12" font-family="sans-serif">${escapeXml(options.legend.bottleneck)}</text>`,
  ];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#868e96"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="16" y="20" font-size="14" font-weight="bold" font-family="sans-serif">${escapeXml(options.title)}</text>`,
    ...edges,
    ...nodes,
    ...legend,
    "</svg>",
  ].join("\n");
}
