// `pillarlink report`: one self-contained HTML file (inline CSS and SVG, no script, nothing loaded
// from elsewhere) with the site summary, a hub-and-spoke picture per cluster, orphans, weak targets
// and every finding linked to its source line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Cluster } from '../core/clusters';
import { clusterGraph, inboundCounts, isOrphan, nodeDetails, siteGraph, type GraphData, type GraphNode } from '../core/graph/clusterGraph';
import { layoutGraph, type Layout } from '../core/graph/layout';
import type { SiteModel } from '../core/model';
import type { Project } from '../core/project';
import { RULES } from '../core/rules';
import type { Finding, Severity } from '../core/types';
import { VERSION } from '../version';

export interface ReportInput {
  model: SiteModel;
  findings: readonly Finding[];
  /** Absolute root of the site, for editor links. */
  root: string;
  /** Folder the report is written to, for relative links to the pages; undefined when printed. */
  outDir?: string;
  generated?: Date;
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

/** `vscode://file/<abs>:<line>:<col>` opens the editor at the finding; the path is percent-encoded per segment. */
export function editorHref(root: string, file: string, line: number, col: number): string {
  const abs = pathToFileURL(path.join(root, file)).pathname;
  return `vscode://file${abs.startsWith('/') ? '' : '/'}${abs}:${line}:${col}`;
}

function relativeHref(outDir: string | undefined, root: string, file: string): string | undefined {
  if (outDir === undefined) return undefined;
  const rel = path.relative(outDir, path.join(root, file)).split(path.sep).join('/');
  return rel.split('/').map(encodeURIComponent).join('/');
}

function slugId(prefix: string, s: string): string {
  return `${prefix}-${s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x'}`;
}

// ---------------------------------------------------------------------------------------------
// Pictures

const ROLE_CLASS = (n: GraphNode): string => {
  if (n.kind === 'cluster') return n.inferred ? 'n-cluster n-inferred' : 'n-cluster';
  if (n.kind === 'group') return n.orphan ? 'n-orphans' : 'n-other';
  return `r-${n.isTarget ? 'target' : (n.role ?? 'none')}`;
};

/** An inline SVG of a graph with its layout. `key` keeps marker ids unique within the document. */
export function graphSvg(graph: GraphData, layout: Layout, key: string): string {
  const pos = new Map(layout.nodes.map((n) => [n.id, n]));
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const out: string[] = [];
  const label = `${graph.scope === 'site' ? 'Site map' : `Cluster ${graph.title}`}: ${plural(graph.nodes.length, 'node')}, ${plural(graph.edges.length, 'link')}`;
  // Drawn a little larger than the layout's units so 12-unit labels read at ~14px; CSS caps the width.
  out.push(`<svg class="graph" viewBox="0 0 ${layout.width} ${layout.height}" width="${Math.round(layout.width * 1.2)}" height="${Math.round(layout.height * 1.2)}" role="img" aria-label="${escapeHtml(label)}">`);
  out.push('<defs>');
  for (const kind of ['content', 'boilerplate', 'missing'] as const) {
    out.push(`<marker id="${key}-${kind}" class="m-${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto"><path d="M0,0 L10,5 L0,10 z"/></marker>`);
  }
  out.push('</defs>');
  // Missing links underneath, then related lists, then body links on top.
  const rank = { missing: 0, boilerplate: 1, content: 2 } as const;
  const edges = [...graph.edges].sort((a, b) => rank[a.kind] - rank[b.kind]);
  const pairs = new Set(graph.edges.map((e) => `${e.from}\n${e.to}`));
  out.push('<g class="edges">');
  for (const e of edges) {
    const a = pos.get(e.from);
    const b = pos.get(e.to);
    if (!a || !b) continue;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const d = Math.hypot(dx, dy) || 1;
    // Links both ways are drawn side by side, each shifted to its own right, so neither hides the other.
    const shift = pairs.has(`${e.to}\n${e.from}`) ? 3.5 : 0;
    const ox = (-dy / d) * shift;
    const oy = (dx / d) * shift;
    // From border to border, so arrowheads stay visible.
    const x1 = a.x + (dx / d) * a.r + ox;
    const y1 = a.y + (dy / d) * a.r + oy;
    const x2 = b.x - (dx / d) * (b.r + 2) + ox;
    const y2 = b.y - (dy / d) * (b.r + 2) + oy;
    const w = graph.scope === 'site' ? Math.min(6, 1 + Math.log2(e.weight)) : 1.4;
    const title = `${byId.get(e.from)?.label ?? e.from} → ${byId.get(e.to)?.label ?? e.to}: ${e.kind === 'missing' ? 'missing contextual link up' : e.kind === 'content' ? 'link in body text' : 'related list / navigation link'}${graph.scope === 'site' ? ` (${plural(e.weight, 'page pair')})` : ''}`;
    out.push(`<line class="e-${e.kind}" x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" stroke-width="${w.toFixed(1)}" marker-end="url(#${key}-${e.kind})"><title>${escapeHtml(title)}</title></line>`);
  }
  out.push('</g><g class="nodes">');
  for (const n of graph.nodes) {
    const p = pos.get(n.id);
    if (!p) continue;
    const cls = [ROLE_CLASS(n), n.linkUp === 'none' ? 'up-none' : n.linkUp === 'boilerplate' ? 'up-boiler' : '', n.orphan && n.kind === 'page' ? 'orphan' : ''].filter(Boolean).join(' ');
    out.push(`<g class="node ${cls}"><title>${escapeHtml([n.label, ...nodeDetails(n)].join('\n'))}</title><circle cx="${p.x}" cy="${p.y}" r="${p.r}"/>`);
    if (n.kind !== 'page') out.push(`<text class="count" x="${p.x}" y="${p.y + 4}" text-anchor="middle">${n.pages ?? 0}</text>`);
    out.push(`<text x="${p.labelX}" y="${p.labelY}" text-anchor="${p.anchor}">${escapeHtml(p.label)}</text></g>`);
  }
  out.push('</g></svg>');
  return out.join('');
}

const LEGEND_ROLES = ['target', 'support', 'tutorial', 'explainer', 'comparison', 'faq', 'case-study'];

function legend(graph: GraphData): string {
  const roles = new Set(graph.nodes.map((n) => (n.isTarget ? 'target' : n.role ?? 'support')));
  const kinds = new Set(graph.edges.map((e) => e.kind));
  const items = LEGEND_ROLES.filter((r) => roles.has(r)).map((r) => `<li><span class="sw r-${r}"></span>${r}</li>`);
  if (kinds.has('content')) items.push('<li><span class="ln e-content"></span>link in body text</li>');
  if (kinds.has('boilerplate')) items.push('<li><span class="ln e-boilerplate"></span>related list / navigation</li>');
  if (kinds.has('missing')) items.push('<li><span class="ln e-missing"></span>missing link up</li>');
  if (graph.nodes.some((n) => n.linkUp === 'none')) items.push('<li><span class="sw up-none"></span>does not link up</li>');
  if (graph.nodes.some((n) => n.linkUp === 'boilerplate')) items.push('<li><span class="sw up-boiler"></span>links up only from a list</li>');
  return `<ul class="legend">${items.join('')}</ul>`;
}

// ---------------------------------------------------------------------------------------------
// Tables

function findingRows(findings: readonly Finding[], input: ReportInput, withFile: boolean): string {
  const rows = findings.map((f) => {
    const line = f.range.start.line + 1;
    const col = f.range.start.character + 1;
    const loc = `${f.file}:${line}:${col}`;
    const rel = relativeHref(input.outDir, input.root, f.file);
    const where = [`<a href="${escapeHtml(editorHref(input.root, f.file, line, col))}" title="Open in VS Code">${escapeHtml(withFile ? loc : `${line}:${col}`)}</a>`];
    if (rel && withFile) where.push(` <a class="file" href="${escapeHtml(rel)}" title="Open the file">file</a>`);
    return `<tr><td class="loc">${where.join('')}</td><td><span class="sev sev-${f.severity}">${f.severity}</span></td><td><code>${escapeHtml(f.rule)}</code></td><td>${escapeHtml(f.message)}</td></tr>`;
  });
  return `<table class="findings"><thead><tr><th>${withFile ? 'Location' : 'Line'}</th><th>Severity</th><th>Rule</th><th>Message</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function linkUpCell(n: GraphNode): string {
  if (n.isTarget) return '<span class="up up-target">target</span>';
  if (n.linkUp === 'content') return '<span class="up up-ok">✓ links up</span>';
  if (n.linkUp === 'boilerplate') return '<span class="up up-warn">✗ only from related list / navigation</span>';
  if (n.linkUp === 'none') return '<span class="up up-bad">✗ no link up</span>';
  return '<span class="up">no target</span>';
}

function clusterSection(cluster: Cluster, input: ReportInput, index: number): string {
  const { model } = input;
  const graph = clusterGraph(model, cluster);
  const layout = layoutGraph(graph);
  const files = new Set(graph.nodes.map((n) => n.file!));
  const findings = input.findings.filter((f) => files.has(f.file));
  const support = cluster.members.length;
  const up = cluster.members.filter((m) => m.linksToTarget).length;
  const facts = [
    plural(cluster.targets.length, 'target'),
    plural(support, 'support page'),
    cluster.targets.length > 0 ? `${up} of ${support} link up` : 'no target to link up to',
    plural(findings.length, 'finding'),
  ];
  const rows = graph.nodes.map((n) => {
    const rel = relativeHref(input.outDir, input.root, n.file!);
    const title = `<a href="${escapeHtml(editorHref(input.root, n.file!, 1, 1))}">${escapeHtml(n.label)}</a>`;
    return `<tr><td>${title}<div class="path">${rel ? `<a href="${escapeHtml(rel)}">${escapeHtml(n.file!)}</a>` : escapeHtml(n.file!)}</div></td><td><span class="sw r-${n.isTarget ? 'target' : n.role ?? 'support'}"></span>${escapeHtml(n.role ?? '')}</td><td>${linkUpCell(n)}</td><td class="num">${n.contentInbound}<span class="muted"> / ${n.inbound}</span></td></tr>`;
  });
  const id = slugId(`cluster-${index}`, cluster.id);
  return `<section class="cluster" id="${id}" aria-labelledby="${id}-h">
<h2 id="${id}-h">${escapeHtml(cluster.name)}${cluster.name !== cluster.id ? ` <span class="muted">(${escapeHtml(cluster.id)})</span>` : ''}${cluster.inferred ? ' <span class="badge">suggested</span>' : ''}</h2>
<p class="facts">${facts.map(escapeHtml).join(' · ')}</p>
${cluster.targets.length === 0 ? '<p class="note bad">No target page: give one page <code>role: target</code> (or tool, service, pillar), or set <code>target</code> in pillarlink.json.</p>' : ''}${cluster.targets.length > 1 ? `<p class="note bad">${cluster.targets.length} targets: a cluster should have one.</p>` : ''}
<figure>${graphSvg(graph, layout, id)}<figcaption>${legend(graph)}</figcaption></figure>
<table class="members"><thead><tr><th>Page</th><th>Role</th><th>Link up</th><th class="num" title="Pages linking here from body text / from anywhere">Inbound</th></tr></thead><tbody>${rows.join('')}</tbody></table>
${findings.length > 0 ? `<h3>Findings in this cluster</h3>${findingRows(findings, input, true)}` : '<p class="muted">No findings on the pages of this cluster.</p>'}
</section>`;
}

// ---------------------------------------------------------------------------------------------

export function renderReport(input: ReportInput): string {
  const { model, findings } = input;
  const pageLinks = [...model.outbound.values()].reduce((n, ls) => n + ls.filter((l) => l.res.kind === 'page' && !l.link.image).length, 0);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length])) as Record<Severity, number>;
  const clusters = model.clusters;
  const support = clusters.reduce((n, c) => n + c.members.length, 0);
  const linkingUp = clusters.reduce((n, c) => n + (c.targets.length > 0 ? c.members.filter((m) => m.linksToTarget).length : 0), 0);
  const orphans = [...model.pages.keys()].filter((f) => isOrphan(model, f)).sort();
  const weak = clusters.flatMap((c) => c.targets.map((t) => ({ file: t, cluster: c, ...inboundCounts(model, t) })))
    .sort((a, b) => a.contentInbound - b.contentInbound || a.inbound - b.inbound || a.file.localeCompare(b.file))
    .slice(0, 10);
  const siteName = path.basename(input.root) || input.root;
  const generated = (input.generated ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z');
  const site = siteGraph(model);
  const siteLayout = layoutGraph(site);
  const order = (id: string) => { const i = RULES.findIndex((r) => r.meta.id === id); return i < 0 ? RULES.length : i; };
  const ruleIds = [...new Set(findings.map((f) => f.rule))].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const ruleRows = ruleIds.map((id) => {
    const meta = RULES.find((r) => r.meta.id === id)?.meta;
    return `<tr><td><code>${escapeHtml(id)}</code></td><td class="num">${findings.filter((f) => f.rule === id).length}</td><td>${escapeHtml(meta?.description ?? '')}</td></tr>`;
  });
  const cards = [
    ['Pages', model.pages.size],
    ['Internal links', pageLinks],
    ['Clusters', clusters.length],
    ['Link up', `${linkingUp}/${support}`],
    ['Orphans', orphans.length],
  ].map(([k, v]) => `<div class="card"><div class="v">${escapeHtml(String(v))}</div><div class="k">${escapeHtml(String(k))}</div></div>`);
  const sevCards = SEVERITIES.map((s) => `<div class="card sev-card sc-${s}"><div class="v">${bySeverity[s]}</div><div class="k">${s === 'information' ? 'info' : `${s}s`}</div></div>`);
  const toc = clusters.map((c, i) => `<li><a href="#${slugId(`cluster-${i}`, c.id)}">${escapeHtml(c.name)}</a> <span class="muted">${c.targets.length === 1 ? `${c.members.filter((m) => m.linksToTarget).length}/${c.members.length}` : `${c.targets.length} targets`}</span></li>`);

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="pillarlink ${escapeHtml(VERSION)}">
<title>Pillarlink report: ${escapeHtml(siteName)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>Pillarlink report <span class="muted">${escapeHtml(siteName)}</span></h1>
<p class="meta">${escapeHtml(input.root)} · generated ${generated} by pillarlink ${escapeHtml(VERSION)}</p>
</header>
<nav aria-label="Contents"><ul class="toc"><li><a href="#summary">Summary</a></li><li><a href="#clusters">Clusters</a><ul>${toc.join('')}</ul></li><li><a href="#orphans">Orphans</a></li><li><a href="#weak-targets">Weak targets</a></li><li><a href="#findings">Findings</a></li></ul></nav>
<main>
<section id="summary" aria-labelledby="summary-h">
<h2 id="summary-h">Summary</h2>
<div class="cards">${cards.join('')}</div>
<div class="cards">${sevCards.join('')}</div>
${site.nodes.length > 0 ? `<figure class="site">${graphSvg(site, siteLayout, 'site')}<figcaption>One circle per cluster (number: pages), plus other pages and orphans; lines count the page pairs linked between groups.</figcaption></figure>` : ''}
${ruleRows.length > 0 ? `<table class="rules"><thead><tr><th>Rule</th><th class="num">Findings</th><th>What it checks</th></tr></thead><tbody>${ruleRows.join('')}</tbody></table>` : ''}
</section>
<section id="clusters" aria-labelledby="clusters-h">
<h2 id="clusters-h">Clusters</h2>
${clusters.length === 0 ? '<p>No clusters. Declare them with <code>cluster:</code>/<code>role:</code> frontmatter or in pillarlink.json.</p>' : `<p>${plural(clusters.length, 'cluster')}: ${linkingUp} of ${plural(support, 'support page')} link up to their target from body text. The target sits in the middle; node size grows with the link score.</p>`}
</section>
${clusters.map((c, i) => clusterSection(c, input, i)).join('\n')}
<section id="orphans" aria-labelledby="orphans-h">
<h2 id="orphans-h">Orphans</h2>
${orphans.length === 0 ? '<p>No orphan pages: every indexed page has an inbound link.</p>' : `<p>No other indexed page links to these ${plural(orphans.length, 'page')}.</p><table><thead><tr><th>Page</th><th>Cluster</th></tr></thead><tbody>${orphans.map((f) => `<tr><td><a href="${escapeHtml(editorHref(input.root, f, 1, 1))}">${escapeHtml(model.titleOf(f))}</a><div class="path">${escapeHtml(f)}</div></td><td>${escapeHtml(model.clusterOf(f)?.cluster.name ?? '—')}</td></tr>`).join('')}</tbody></table>`}
</section>
<section id="weak-targets" aria-labelledby="weak-targets-h">
<h2 id="weak-targets-h">Weak targets</h2>
${weak.length === 0 ? '<p>No target pages.</p>' : `<p>Targets with the fewest pages linking to them from body text.</p><table><thead><tr><th>Target</th><th>Cluster</th><th class="num">From body text</th><th class="num">From anywhere</th></tr></thead><tbody>${weak.map((w) => `<tr><td><a href="${escapeHtml(editorHref(input.root, w.file, 1, 1))}">${escapeHtml(model.titleOf(w.file))}</a><div class="path">${escapeHtml(w.file)}</div></td><td>${escapeHtml(w.cluster.name)}</td><td class="num">${w.contentInbound}</td><td class="num">${w.inbound}</td></tr>`).join('')}</tbody></table>`}
</section>
<section id="findings" aria-labelledby="findings-h">
<h2 id="findings-h">Findings</h2>
${findings.length === 0 ? '<p>No findings.</p>' : `<p>${plural(findings.length, 'finding')}: ${SEVERITIES.map((s) => `${bySeverity[s]} ${s}`).join(', ')}. Locations open in VS Code.</p>${findingRows(findings, input, true)}`}
</section>
</main>
<footer><p class="muted">Made by pillarlink ${escapeHtml(VERSION)}. This file is self-contained: it loads nothing from the network.</p></footer>
</body>
</html>
`;
}

const CSS = `
:root{--fg:#1f2328;--muted:#656d76;--bg:#fff;--panel:#f6f8fa;--line:#d0d7de;--accent:#0969da;
--c-target:#e8a317;--c-support:#4c8df6;--c-tutorial:#2da44e;--c-explainer:#8250df;--c-comparison:#e16f24;--c-faq:#1b9aaa;--c-case-study:#d6409f;--c-none:#8c959f;
--c-error:#cf222e;--c-warning:#bf8700;--c-information:#0969da;--c-hint:#6e7781}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
header,main,footer,nav{max-width:1180px;margin:0 auto;padding:0 24px}
header{padding-top:24px}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:20px;margin:32px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:15px;margin:20px 0 6px}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
td code{white-space:nowrap}
code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--panel);padding:1px 4px;border-radius:4px}
.muted,.meta{color:var(--muted)}.meta{margin:0;font-size:12px}
.toc{display:flex;flex-wrap:wrap;gap:4px 18px;list-style:none;padding:10px 0;margin:12px 0 0;border-top:1px solid var(--line);border-bottom:1px solid var(--line)}
.toc ul{display:inline;list-style:none;padding:0;margin:0 0 0 6px}.toc ul li{display:inline;margin-right:10px}.toc ul li .muted{font-size:12px}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
.card{flex:1 1 120px;background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:10px 14px}
.card .v{font-size:24px;font-weight:600}.card .k{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.sev-card{border-left:4px solid var(--c-hint)}.sc-error{border-left-color:var(--c-error)}.sc-warning{border-left-color:var(--c-warning)}.sc-information{border-left-color:var(--c-information)}
.sc-error .v{color:var(--c-error)}.sc-warning .v{color:var(--c-warning)}.sc-information .v{color:var(--c-information)}
table{width:100%;border-collapse:collapse;margin:8px 0 12px;font-size:13px}
th,td{text-align:left;vertical-align:top;padding:5px 8px;border-bottom:1px solid var(--line)}
th{background:var(--panel);font-weight:600}
td.num,th.num{text-align:right;white-space:nowrap}
td.loc{width:30%;word-break:break-all;font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.path{color:var(--muted);font-size:12px}.path a{color:inherit}
.sev{display:inline-block;font-size:11px;font-weight:600;padding:0 6px;border-radius:10px;color:#fff;background:var(--c-hint)}
.sev-error{background:var(--c-error)}.sev-warning{background:var(--c-warning)}.sev-information{background:var(--c-information)}
.badge{font-size:12px;font-weight:500;border:1px solid var(--line);border-radius:10px;padding:0 8px;color:var(--muted)}
.facts{margin:0 0 8px;color:var(--muted)}
.note.bad{color:var(--c-error)}
.up-ok{color:var(--c-tutorial)}.up-warn{color:var(--c-warning)}.up-bad{color:var(--c-error);font-weight:600}.up-target{color:var(--muted)}
figure{margin:8px 0 12px;padding:12px;background:var(--panel);border:1px solid var(--line);border-radius:8px;overflow-x:auto}
figcaption{font-size:12px;color:var(--muted);margin-top:6px}
svg.graph{display:block;margin:0 auto;max-width:100%;height:auto;font:12px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
svg.graph text{fill:var(--fg);paint-order:stroke;stroke:var(--panel);stroke-width:3px;stroke-linejoin:round}
svg.graph text.count{font-weight:700;stroke:none;fill:#fff}
svg.graph .node circle{stroke:#fff;stroke-width:2px}
.r-target{--c:var(--c-target)}.r-tool{--c:var(--c-target)}.r-service{--c:var(--c-target)}.r-pillar{--c:var(--c-target)}
.r-support{--c:var(--c-support)}.r-tutorial{--c:var(--c-tutorial)}.r-explainer{--c:var(--c-explainer)}.r-comparison{--c:var(--c-comparison)}
.r-faq{--c:var(--c-faq)}.r-case-study{--c:var(--c-case-study)}.r-none{--c:var(--c-none)}
.n-cluster{--c:var(--c-support)}.n-inferred{--c:var(--c-none)}.n-other{--c:var(--c-none)}.n-orphans{--c:var(--c-error)}
svg.graph .node circle{fill:var(--c,var(--c-none))}
svg.graph .node.up-none circle{stroke:var(--c-error);stroke-width:3px}
svg.graph .node.up-boiler circle{stroke:var(--c-warning);stroke-width:3px}
svg.graph .node.orphan circle{stroke-dasharray:3 2}
svg.graph line{stroke:#57606a}
svg.graph line.e-content{stroke:#57606a;opacity:.75}
svg.graph line.e-boilerplate{stroke:#8c959f;stroke-dasharray:5 4;opacity:.8}
svg.graph line.e-missing{stroke:var(--c-error);stroke-dasharray:6 4;opacity:.55}
svg.graph marker path{fill:#57606a}svg.graph marker.m-boilerplate path{fill:#8c959f}svg.graph marker.m-missing path{fill:var(--c-error)}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;list-style:none;padding:0;margin:0}
.legend li{display:flex;align-items:center;gap:6px}
.sw{display:inline-block;width:11px;height:11px;border-radius:50%;background:var(--c,var(--c-none));margin-right:6px;vertical-align:-1px}
.sw.up-none{background:transparent;border:2px solid var(--c-error);margin-right:0}.sw.up-boiler{background:transparent;border:2px solid var(--c-warning);margin-right:0}
.legend .sw{margin-right:0}
.ln{display:inline-block;width:26px;border-top:2px solid #57606a}
.ln.e-boilerplate{border-top:2px dashed #8c959f}.ln.e-missing{border-top:2px dashed var(--c-error)}
section.cluster{margin-bottom:24px}
footer{margin:32px auto 24px;font-size:12px}
@media print{
  body{font-size:10.5pt;background:#fff}
  header,main,footer{max-width:none;padding:0}
  nav{display:none}
  a{color:inherit}
  td.loc a{color:var(--accent)}
  h2,h3,h4{break-after:avoid;page-break-after:avoid}
  section.cluster{break-before:page}
  figure,tr,.cards{break-inside:avoid}
  figure{background:#fff;overflow:visible}
  svg.graph text{stroke:#fff}
  thead{display:table-header-group}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  @page{margin:14mm}
}
`;

/** Writes the report to `outFile`, or prints it when none is given. */
export function runReport(project: Project, outFile: string | undefined, out: (s: string) => void): number {
  const model = project.model();
  const { findings } = project.analyze();
  const outDir = outFile !== undefined ? path.dirname(path.resolve(outFile)) : undefined;
  const html = renderReport({ model, findings, root: project.workspace.root, ...(outDir !== undefined ? { outDir } : {}) });
  if (outFile === undefined) {
    out(html);
    return 0;
  }
  fs.writeFileSync(path.resolve(outFile), html);
  process.stderr.write(`pillarlink: wrote ${outFile} (${model.pages.size} pages, ${model.clusters.length} clusters, ${findings.length} findings)\n`);
  return 0;
}
