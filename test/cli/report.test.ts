// `pillarlink report`: one self-contained, valid HTML5 file; and the layout its pictures use.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterGraph, siteGraph } from '../../server/src/core/graph/clusterGraph';
import { layoutGraph } from '../../server/src/core/graph/layout';
import { Project } from '../../server/src/core/project';
import { InMemoryWorkspace } from '../../server/src/core/workspace';
import { buildBundles } from '../helpers/build';
import { makeTempDir, REPO, removeDir } from '../helpers/tmp';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const CLI = path.join(REPO, 'out', 'cli.js');
const EXAMPLES = path.join(REPO, 'examples');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function elements(node: Node, out: Element[] = []): Element[] {
  if ('tagName' in node) out.push(node as Element);
  const kids = 'childNodes' in node ? node.childNodes : [];
  for (const c of kids) elements(c as Node, out);
  if ('content' in node && node.content) elements(node.content as unknown as Node, out);
  return out;
}
const attr = (e: Element, name: string) => e.attrs.find((a) => a.name === name)?.value;
function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  return ('childNodes' in node ? node.childNodes : []).map((c) => textOf(c as Node)).join('');
}

interface CheckJson { clusters: { id: string; name?: string; targets: string[]; members: { file: string }[] }[]; diagnostics: { rule: string; file: string }[] }

let dir: string;
let html: string;
let doc: DefaultTreeAdapterMap['document'];
let all: Element[];
const parseErrors: string[] = [];
let check: CheckJson;

beforeAll(async () => {
  await buildBundles();
  dir = makeTempDir('pillarlink-report-');
  const out = path.join(dir, 'out', 'report.html');
  fs.mkdirSync(path.dirname(out));
  const r = run(['report', EXAMPLES, '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toMatch(/wrote .*report\.html/);
  html = fs.readFileSync(out, 'utf8');
  doc = parse(html, { onParseError: (e) => parseErrors.push(`${e.code} at ${e.startLine}:${e.startCol}`) });
  all = elements(doc as unknown as Node);
  check = JSON.parse(run(['check', EXAMPLES, '--format', 'json', '--fail-on', 'never']).stdout) as CheckJson;
});

afterAll(() => removeDir(dir));

describe('HTML report', () => {
  it('is well-formed HTML5 with the required head', () => {
    expect(parseErrors).toEqual([]);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    const htmlEl = all.find((e) => e.tagName === 'html')!;
    expect(attr(htmlEl, 'lang')).toBe('en');
    expect(all.some((e) => e.tagName === 'meta' && attr(e, 'charset') === 'utf-8')).toBe(true);
    expect(textOf(all.find((e) => e.tagName === 'title')!)).toBe('Pillarlink report: examples');
    // ids are unique, and every in-page link has its target.
    const ids = all.map((e) => attr(e, 'id')).filter((x): x is string => x !== undefined);
    expect(new Set(ids).size).toBe(ids.length);
    const fragments = all.filter((e) => e.tagName === 'a' && attr(e, 'href')?.startsWith('#')).map((e) => attr(e, 'href')!.slice(1));
    expect(fragments.length).toBeGreaterThan(5);
    for (const f of fragments) expect(ids).toContain(f);
    for (const e of all.filter((x) => x.tagName === 'svg')) {
      for (const m of elements(e as unknown as Node).filter((x) => attr(x, 'marker-end'))) {
        expect(ids).toContain(/url\(#(.+)\)/.exec(attr(m, 'marker-end')!)![1]);
      }
    }
  });

  it('loads nothing: no scripts, stylesheets, images, frames or remote URLs', () => {
    const loaders = all.filter((e) => ['script', 'link', 'img', 'iframe', 'object', 'embed', 'video', 'audio', 'source', 'image', 'use', 'base'].includes(e.tagName));
    expect(loaders.map((e) => e.tagName)).toEqual([]);
    for (const e of all) {
      for (const a of e.attrs) {
        expect(a.name === 'src' || a.name === 'srcset' || a.name === 'xlink:href' || a.name.startsWith('on'), `${e.tagName} ${a.name}`).toBe(false);
        // Links are in-page, editor links, or relative paths to the site's files: never a network URL.
        if (a.name === 'href') expect(a.value, `${e.tagName} href`).toMatch(/^(#|vscode:\/\/file\/|\.\.\/|[^:]+$)/);
        expect(a.value, `${e.tagName} ${a.name}`).not.toMatch(/^(https?:)?\/\//i);
      }
    }
    const css = all.filter((e) => e.tagName === 'style').map(textOf).join('\n');
    expect(css).not.toMatch(/@import|url\(/i);
    expect(css).toMatch(/@media print/);
  });

  it('has a section with a picture and member table for every cluster', () => {
    const sections = all.filter((e) => e.tagName === 'section' && attr(e, 'class') === 'cluster');
    expect(sections).toHaveLength(check.clusters.length);
    check.clusters.forEach((c, i) => {
      const s = sections[i]!;
      expect(attr(s, 'id')).toMatch(new RegExp(`^cluster-${i}-`));
      const inner = elements(s as unknown as Node);
      const heading = textOf(inner.find((e) => e.tagName === 'h2')!);
      expect(heading).toContain(c.id === 'tax' ? 'Freelancer taxes' : c.id);
      const files = [...c.targets, ...c.members.map((m) => m.file)];
      // One circle per page in the picture, one row per page in the table.
      const svg = inner.find((e) => e.tagName === 'svg')!;
      expect(elements(svg as unknown as Node).filter((e) => e.tagName === 'circle')).toHaveLength(files.length);
      const table = inner.find((e) => e.tagName === 'table' && attr(e, 'class') === 'members')!;
      const rows = elements(table as unknown as Node).filter((e) => e.tagName === 'tr').slice(1);
      expect(rows).toHaveLength(files.length);
      for (const f of files) expect(textOf(table as unknown as Node)).toContain(f);
    });
  });

  it('draws missing upward links as ghost edges and targets in the middle', () => {
    const bookkeeping = all.find((e) => e.tagName === 'section' && attr(e, 'id')?.endsWith('-bookkeeping'))!;
    const lines = elements(bookkeeping as unknown as Node).filter((e) => e.tagName === 'line');
    const missing = lines.filter((e) => attr(e, 'class') === 'e-missing');
    expect(missing).toHaveLength(1);
    expect(textOf(missing[0]!)).toMatch(/Harbor Coffee.*→ Bookkeeping services.*missing contextual link up/);
  });

  it('lists every finding with an editor link to its line', () => {
    const section = all.find((e) => attr(e, 'id') === 'findings')!;
    const rows = elements(section as unknown as Node).filter((e) => e.tagName === 'tr').slice(1);
    expect(rows).toHaveLength(check.diagnostics.length);
    const hrefs = elements(section as unknown as Node).filter((e) => e.tagName === 'a').map((e) => attr(e, 'href')!);
    expect(hrefs.filter((h) => h.startsWith('vscode://file/'))).toHaveLength(check.diagnostics.length);
    expect(hrefs).toContain(`vscode://file${EXAMPLES}/content/tools/index.md:23:${hrefs.find((h) => h.includes('/content/tools/index.md:23:'))!.split(':').pop()}`);
    // Relative links lead from the report's folder to the page.
    const rel = hrefs.filter((h) => h.startsWith('../'));
    expect(rel.length).toBe(check.diagnostics.length);
    for (const h of rel) expect(fs.existsSync(path.resolve(dir, 'out', decodeURIComponent(h)))).toBe(true);
  });

  it('lists orphans and weak targets', () => {
    const orphans = textOf(all.find((e) => attr(e, 'id') === 'orphans')!);
    for (const d of check.diagnostics.filter((x) => x.rule === 'orphan-page')) expect(orphans).toContain(d.file);
    const weak = all.find((e) => attr(e, 'id') === 'weak-targets')!;
    const counts = elements(weak as unknown as Node).filter((e) => e.tagName === 'tr').slice(1)
      .map((tr) => Number(textOf(elements(tr as unknown as Node).filter((e) => e.tagName === 'td')[2]!)));
    expect(counts.length).toBeGreaterThan(0);
    expect([...counts].sort((a, b) => a - b)).toEqual(counts);
  });

  it('prints to stdout without --out', () => {
    const r = run(['report', EXAMPLES]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
  });
});

describe('graph layout', () => {
  async function model(files: Record<string, string>) {
    const p = new Project(new InMemoryWorkspace('/ws', files));
    await p.load();
    return p.model();
  }
  const support = (i: number, role: string, up: boolean) => [`content/s${i}.md`, `---\ncluster: c\nrole: ${role}\n---\n# Support page ${i}\n\n${up ? 'Read [the target](/t/) first.' : 'No link here.'}\n`] as const;

  it('puts the target in the middle and support pages around it without overlaps', async () => {
    const roles = ['tutorial', 'faq', 'explainer', 'comparison'];
    const m = await model(Object.fromEntries([
      ['content/t.md', '---\ncluster: c\nrole: target\n---\n# Target\n'],
      ...Array.from({ length: 40 }, (_, i) => support(i, roles[i % 4]!, i % 3 !== 0)),
    ]));
    const g = clusterGraph(m, m.clusters[0]!);
    expect(g.nodes).toHaveLength(41);
    expect(g.edges.filter((e) => e.kind === 'missing')).toHaveLength(14);
    const l = layoutGraph(g);
    const t = l.nodes.find((n) => n.id === 'content/t.md')!;
    const others = l.nodes.filter((n) => n !== t);
    const cx = others.reduce((s, n) => s + n.x, 0) / others.length;
    const cy = others.reduce((s, n) => s + n.y, 0) / others.length;
    expect(Math.hypot(t.x - cx, t.y - cy)).toBeLessThan(20);
    for (let i = 0; i < l.nodes.length; i++) {
      const a = l.nodes[i]!;
      expect(a.x - a.r).toBeGreaterThanOrEqual(0);
      expect(a.y - a.r).toBeGreaterThanOrEqual(0);
      expect(a.x + a.r).toBeLessThanOrEqual(l.width);
      expect(a.y + a.r).toBeLessThanOrEqual(l.height);
      for (let j = i + 1; j < l.nodes.length; j++) {
        const b = l.nodes[j]!;
        expect(Math.hypot(a.x - b.x, a.y - b.y), `${a.id} / ${b.id}`).toBeGreaterThan(a.r + b.r);
      }
    }
    // Nodes come in role order, so each role keeps one sector of the circle.
    const order = g.nodes.filter((n) => !n.isTarget).map((n) => n.role);
    expect(order).toEqual([...order].sort((a, b) => ['support', 'tutorial', 'explainer', 'comparison', 'faq'].indexOf(a!) - ['support', 'tutorial', 'explainer', 'comparison', 'faq'].indexOf(b!)));
  });

  it('is deterministic and aggregates the site per cluster', async () => {
    const files = Object.fromEntries([
      ['content/index.md', '# Home\n\n[Target](/t/) and [other](/o/).\n'],
      ['content/t.md', '---\ncluster: c\nrole: target\n---\n# Target\n\nSee [support 1](/s1/).\n'],
      ['content/o.md', '# Other\n'],
      ['content/lonely.md', '# Lonely\n'],
      ...Array.from({ length: 3 }, (_, i) => support(i, 'tutorial', true)),
    ]);
    const a = await model(files);
    const b = await model(files);
    expect(layoutGraph(siteGraph(a))).toEqual(layoutGraph(siteGraph(b)));
    expect(layoutGraph(clusterGraph(a, a.clusters[0]!))).toEqual(layoutGraph(clusterGraph(b, b.clusters[0]!)));
    const s = siteGraph(a);
    expect(s.nodes.map((n) => [n.id, n.pages])).toEqual([['cluster:c', 4], ['unclustered', 2], ['orphans', 1]]);
    // Home → target and the other page: one edge per group pair, weighted by page pairs.
    expect(s.edges).toEqual([{ from: 'unclustered', to: 'cluster:c', kind: 'content', weight: 1 }]);
  });
});
