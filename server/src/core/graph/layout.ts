// Deterministic node positions for the graph pictures, so the HTML report and the editor's webview
// draw the same picture. A cluster is hub-and-spoke: its target in the middle, support pages on rings
// around it grouped by role. The site view (one node per cluster) is force-directed from a fixed start.
// No randomness anywhere: the same graph always gives the same layout.
import type { GraphData, GraphNode } from './clusterGraph';

export interface LayoutNode {
  id: string;
  x: number;
  y: number;
  /** Circle radius. */
  r: number;
  /** The node's label, cut to the layout's maximum length. */
  label: string;
  /** Where the label goes and how it is anchored (SVG text-anchor). */
  labelX: number;
  labelY: number;
  anchor: 'start' | 'middle' | 'end';
}

export interface Layout {
  width: number;
  height: number;
  nodes: LayoutNode[];
}

export interface LayoutOptions {
  /** Labels longer than this are cut with an ellipsis (the full title goes in tooltips). */
  maxLabel?: number;
  /** Approximate width of one label character at the drawing's font size. */
  charWidth?: number;
  margin?: number;
}

const DEFAULTS: Required<LayoutOptions> = { maxLabel: 34, charWidth: 6.6, margin: 16 };

export function truncateLabel(label: string, max: number): string {
  const chars = [...label];
  return chars.length <= max ? label : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** Node size grows with the page's link score (else the square root of its inbound links; aggregates: of their pages), capped. */
export function nodeRadius(n: GraphNode): number {
  if (n.kind !== 'page') return Math.min(42, 12 + 3.2 * Math.sqrt(n.pages ?? 1));
  const r = n.linkScore !== undefined ? 7 + 0.17 * n.linkScore : 7 + 2.6 * Math.sqrt(n.inbound);
  return Math.round(Math.min(24, Math.max(n.isTarget ? 16 : 7, r)) * 10) / 10;
}

export function layoutGraph(graph: GraphData, options: LayoutOptions = {}): Layout {
  const o = { ...DEFAULTS, ...options };
  const placed = graph.scope === 'cluster' ? hubAndSpoke(graph) : forceDirected(graph);
  return fit(placed, graph, o);
}

interface Placed { id: string; x: number; y: number; r: number; angle: number | null }

function hubAndSpoke(graph: GraphData): Placed[] {
  const out: Placed[] = [];
  const hubs = graph.nodes.filter((n) => n.isTarget);
  const spokes = graph.nodes.filter((n) => !n.isTarget);
  // Several targets (a warning of its own) share the middle on a small circle.
  const hubRing = hubs.length > 1 ? 28 + 14 * hubs.length : 0;
  hubs.forEach((n, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / hubs.length;
    out.push({ id: n.id, x: hubRing * Math.cos(a), y: hubRing * Math.sin(a), r: nodeRadius(n), angle: hubs.length > 1 ? a : null });
  });
  if (spokes.length === 0) return out;
  // Rings from the inside out; each holds as many nodes as fit at ~46 px apart, at least 12.
  const spacing = 46;
  let radius = Math.max(150, hubRing + 120);
  let i = 0;
  const rings: { radius: number; nodes: GraphNode[] }[] = [];
  while (i < spokes.length) {
    const capacity = Math.max(12, Math.floor((2 * Math.PI * radius) / spacing));
    const remaining = spokes.length - i;
    // A ring that would be the last and nearly empty is merged into the previous one by widening it.
    const take = remaining <= capacity + Math.floor(capacity / 4) ? remaining : capacity;
    const nodes = spokes.slice(i, i + take);
    if (take > capacity) radius = Math.max(radius, (take * spacing) / (2 * Math.PI));
    rings.push({ radius, nodes });
    i += take;
    radius += 90;
  }
  // Nodes are interleaved across rings in role order, so each role keeps one sector of the circle.
  if (rings.length > 1) {
    const queues = rings.map((r) => ({ ...r, nodes: [] as GraphNode[] }));
    const total = spokes.length;
    spokes.forEach((n, k) => {
      // The ring whose share of the circle is least filled at this point of the sweep gets the node.
      let best = 0;
      let bestFill = Infinity;
      queues.forEach((q, qi) => {
        const fill = q.nodes.length / rings[qi]!.nodes.length - k / total;
        if (q.nodes.length < rings[qi]!.nodes.length && fill < bestFill) { best = qi; bestFill = fill; }
      });
      queues[best]!.nodes.push(n);
    });
    rings.splice(0, rings.length, ...queues);
  }
  rings.forEach((ring, ri) => {
    const n = ring.nodes.length;
    // Outer rings are turned by half a step so their nodes sit in the gaps of the inner ring.
    const offset = ri % 2 === 1 ? Math.PI / n : 0;
    ring.nodes.forEach((node, k) => {
      const a = -Math.PI / 2 + offset + (2 * Math.PI * k) / n;
      out.push({ id: node.id, x: ring.radius * Math.cos(a), y: ring.radius * Math.sin(a), r: nodeRadius(node), angle: a });
    });
  });
  return out;
}

function forceDirected(graph: GraphData): Placed[] {
  const n = graph.nodes.length;
  const radii = graph.nodes.map(nodeRadius);
  if (n === 0) return [];
  if (n === 1) return [{ id: graph.nodes[0]!.id, x: 0, y: 0, r: radii[0]!, angle: null }];
  const index = new Map(graph.nodes.map((node, i) => [node.id, i]));
  const k = 110 + 8 * Math.sqrt(n);
  // Start on a circle in the nodes' (sorted) order: deterministic, and no two nodes coincide.
  const start = k * Math.sqrt(n) / 2;
  const x = graph.nodes.map((_, i) => start * Math.cos((2 * Math.PI * i) / n));
  const y = graph.nodes.map((_, i) => start * Math.sin((2 * Math.PI * i) / n));
  const edges = graph.edges
    .map((e) => ({ a: index.get(e.from)!, b: index.get(e.to)!, w: Math.log2(1 + e.weight) }))
    .filter((e) => e.a !== undefined && e.b !== undefined && e.a !== e.b);
  const iterations = n > 400 ? 60 : n > 100 ? 150 : 300;
  let temperature = start / 2;
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  for (let it = 0; it < iterations; it++) {
    dx.fill(0);
    dy.fill(0);
    // Fruchterman–Reingold: every pair repels, edges attract, gravity keeps unlinked groups near.
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ddx = x[i]! - x[j]!;
        let ddy = y[i]! - y[j]!;
        let d = Math.hypot(ddx, ddy);
        if (d < 0.01) { ddx = 0.01 * (i - j); ddy = 0.01; d = Math.hypot(ddx, ddy); }
        const gap = Math.max(1, d - radii[i]! - radii[j]!);
        const f = (k * k) / gap / d;
        dx[i]! += ddx * f; dy[i]! += ddy * f;
        dx[j]! -= ddx * f; dy[j]! -= ddy * f;
      }
    }
    for (const e of edges) {
      const ddx = x[e.a]! - x[e.b]!;
      const ddy = y[e.a]! - y[e.b]!;
      const d = Math.max(0.01, Math.hypot(ddx, ddy));
      const f = ((d * d) / k) * (0.6 + 0.2 * e.w) / d;
      dx[e.a]! -= ddx * f; dy[e.a]! -= ddy * f;
      dx[e.b]! += ddx * f; dy[e.b]! += ddy * f;
    }
    for (let i = 0; i < n; i++) {
      dx[i]! -= x[i]! * 0.02 * (k / 50);
      dy[i]! -= y[i]! * 0.02 * (k / 50);
      const len = Math.hypot(dx[i]!, dy[i]!);
      if (len > 0) {
        const step = Math.min(len, temperature);
        x[i] = x[i]! + (dx[i]! / len) * step;
        y[i] = y[i]! + (dy[i]! / len) * step;
      }
    }
    temperature = Math.max(1, temperature * 0.97);
  }
  // Push apart whatever still overlaps, leaving room for the label under each node.
  for (let pass = 0; pass < 50; pass++) {
    let moved = false;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const ddx = x[j]! - x[i]!;
        const ddy = y[j]! - y[i]!;
        const d = Math.hypot(ddx, ddy) || 0.01;
        const need = radii[i]! + radii[j]! + 34;
        if (d >= need) continue;
        const push = (need - d) / 2;
        x[i] = x[i]! - (ddx / d) * push; y[i] = y[i]! - (ddy / d) * push;
        x[j] = x[j]! + (ddx / d) * push; y[j] = y[j]! + (ddy / d) * push;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return graph.nodes.map((node, i) => ({ id: node.id, x: x[i]!, y: y[i]!, r: radii[i]!, angle: null }));
}

/** Places labels, then shifts everything into a positive box with a margin around nodes and labels. */
function fit(placed: Placed[], graph: GraphData, o: Required<LayoutOptions>): Layout {
  const labels = new Map(graph.nodes.map((n) => [n.id, truncateLabel(n.label, o.maxLabel)]));
  const nodes: LayoutNode[] = placed.map((p) => {
    const label = labels.get(p.id) ?? '';
    if (p.angle === null) return { id: p.id, x: p.x, y: p.y, r: p.r, label, labelX: p.x, labelY: p.y + p.r + 14, anchor: 'middle' };
    const cos = Math.cos(p.angle);
    const sin = Math.sin(p.angle);
    // Labels point away from the centre: to the right on the right half, left on the left, centred at the poles.
    const anchor = Math.abs(cos) < 0.2 ? 'middle' : cos > 0 ? 'start' : 'end';
    const gap = p.r + 6;
    const labelX = anchor === 'middle' ? p.x : p.x + cos * gap;
    const labelY = anchor === 'middle' ? p.y + (sin > 0 ? gap + 10 : -gap - 2) : p.y + sin * gap + 4;
    return { id: p.id, x: p.x, y: p.y, r: p.r, label, labelX, labelY, anchor };
  });
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of nodes) {
    const w = [...n.label].length * o.charWidth;
    const lx0 = n.anchor === 'start' ? n.labelX : n.anchor === 'end' ? n.labelX - w : n.labelX - w / 2;
    minX = Math.min(minX, n.x - n.r, lx0);
    maxX = Math.max(maxX, n.x + n.r, lx0 + w);
    minY = Math.min(minY, n.y - n.r, n.labelY - 12);
    maxY = Math.max(maxY, n.y + n.r, n.labelY + 4);
  }
  if (nodes.length === 0) return { width: 2 * o.margin, height: 2 * o.margin, nodes };
  const round = (v: number) => Math.round(v * 10) / 10;
  const sx = o.margin - minX;
  const sy = o.margin - minY;
  return {
    width: Math.ceil(maxX - minX + 2 * o.margin),
    height: Math.ceil(maxY - minY + 2 * o.margin),
    nodes: nodes.map((n) => ({ ...n, x: round(n.x + sx), y: round(n.y + sy), labelX: round(n.labelX + sx), labelY: round(n.labelY + sy) })),
  };
}
