import type { Cluster } from '../core/clusters';
import type { PageStats } from '../core/score/stats';
import type { Finding, Severity } from '../core/types';
import { JsonWriter, TextWriter } from './streamJson';
import { useColor } from './view';

export { SEVERITY_ORDER } from './view';

export function clustersJson(clusters: readonly Cluster[]) {
  return clusters.map((c) => ({
    id: c.id,
    name: c.name,
    inferred: c.inferred,
    targets: [...c.targets],
    members: c.members.map((m) => ({ file: m.file, role: m.role, linksToTarget: m.linksToTarget })),
  }));
}

export function checkJson(root: string, pages: number, clusters: ReturnType<typeof clustersJson>, findings: readonly Finding[], pageStats: readonly PageStats[] = []) {
  return {
    version: 1,
    root,
    pages,
    clusters,
    diagnostics: findings.map((f) => ({ rule: f.rule, severity: f.severity, file: f.file, range: f.range, message: f.message })),
    // Link score (0–100), unique in/out links, click depth, and Search Console totals (null without data).
    pageStats: pageStats.map((p) => ({ file: p.file, linkScore: p.linkScore, inbound: p.inbound, outbound: p.outbound, depth: p.depth, impressions: p.impressions, clicks: p.clicks })),
  };
}

const paint = (code: string, s: string) => (useColor() ? `\x1b[${code}m${s}\x1b[0m` : s);
const SEV_COLOR: Record<Severity, string> = { error: '31', warning: '33', information: '36', hint: '2' };

/**
 * Writes `JSON.stringify(checkJson(...), null, 2) + '\n'` in chunks, reading the findings and page
 * stats as they are: no copy of the diagnostics, no string of the whole document.
 */
export function writeCheckJson(root: string, pages: number, clusters: ReturnType<typeof clustersJson>, findings: readonly Finding[], pageStats: readonly PageStats[], write: (s: string) => void): void {
  const w = new JsonWriter(write);
  const items = <T>(list: readonly T[], item: (x: T) => void) => {
    if (list.length === 0) { w.raw('[]'); return; }
    w.raw('[\n');
    for (let i = 0; i < list.length; i++) {
      w.raw(w.indent(2));
      item(list[i]!);
      w.raw(i < list.length - 1 ? ',\n' : '\n');
    }
    w.raw(w.indent(1));
    w.raw(']');
  };
  w.raw('{\n');
  w.key('version', 1); w.value(1, 1); w.raw(',\n');
  w.key('root', 1); w.value(root, 1); w.raw(',\n');
  w.key('pages', 1); w.value(pages, 1); w.raw(',\n');
  w.key('clusters', 1); w.value(clusters, 1); w.raw(',\n');
  w.key('diagnostics', 1);
  // The fields checkJson copies, in its order; each is always present.
  items(findings, (f) => {
    w.raw('{\n');
    w.key('rule', 3); w.string(f.rule); w.raw(',\n');
    w.key('severity', 3); w.string(f.severity); w.raw(',\n');
    w.key('file', 3); w.string(f.file); w.raw(',\n');
    w.key('range', 3); w.value(f.range, 3); w.raw(',\n');
    w.key('message', 3); w.string(f.message); w.raw('\n');
    w.raw(w.indent(2));
    w.raw('}');
  });
  w.raw(',\n');
  w.key('pageStats', 1);
  items(pageStats, (p) => w.value({ file: p.file, linkScore: p.linkScore, inbound: p.inbound, outbound: p.outbound, depth: p.depth, impressions: p.impressions, clicks: p.clicks }, 2));
  w.raw('\n}\n');
  w.flush();
}

export function checkText(pages: number, findings: readonly Finding[]): string {
  const parts: string[] = [];
  writeCheckText(pages, findings, (s) => parts.push(s));
  return parts.join('').slice(0, -1);
}

/** Writes `checkText(...) + '\n'` in chunks. */
export function writeCheckText(pages: number, findings: readonly Finding[], write: (s: string) => void): void {
  const w = new TextWriter(write);
  const byFile = new Map<string, Finding[]>();
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of findings) {
    counts[f.severity]++;
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  for (const [file, fs] of byFile) {
    w.raw(paint('4', file));
    w.raw('\n');
    for (const f of fs) {
      const pos = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
      w.raw(`  ${pos.padEnd(8)} ${paint(SEV_COLOR[f.severity], f.severity.padEnd(11))} `);
      w.raw(f.message);
      w.raw(`  ${paint('2', f.rule)}\n`);
    }
    w.raw('\n');
  }
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  w.raw(`${plural(pages, 'page')} checked: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.information} information, ${plural(counts.hint, 'hint')} in ${plural(byFile.size, 'file')}.\n`);
  w.flush();
}

export function clustersText(clusters: readonly Cluster[], titleOf: (file: string) => string): string {
  if (clusters.length === 0) return 'No clusters. Declare them with `cluster:`/`role:` frontmatter or in pillarlink.json, or try --suggest.';
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const out: string[] = [];
  let support = 0;
  let linked = 0;
  for (const c of clusters) {
    const up = c.members.filter((m) => m.linksToTarget).length;
    support += c.members.length;
    linked += c.targets.length > 0 ? up : 0;
    const upText = c.targets.length === 0 ? 'no target to link up to' : `${up} of ${c.members.length} link up`;
    out.push(`${paint('1', c.name)}${c.name !== c.id ? ` (${c.id})` : ''}${c.inferred ? ' [inferred]' : ''}: ${plural(c.targets.length, 'target')}, ${plural(c.members.length, 'support page')}; ${upText}`);
    const width = Math.max(0, ...[...c.targetMembers, ...c.members].map((m) => m.file.length));
    if (c.targets.length === 0) out.push(`  ${'target'.padEnd(11)} (none): give one page "role: target" or set "target" in pillarlink.json`);
    if (c.targets.length > 1) out.push(`  ${paint('33', `${c.targets.length} targets: a cluster should have one`)}`);
    for (const t of c.targetMembers) out.push(`  ${t.role.padEnd(11)} ${t.file.padEnd(width + 2)}  "${titleOf(t.file)}"`);
    for (const m of c.members) {
      const status = c.targets.length === 0 ? '' : m.linksToTarget ? paint('32', '✓ links up') : m.linksToTargetOnlyFromBoilerplate ? paint('33', '✗ only from related lists/navigation') : paint('31', '✗ no link to the target');
      const role = m.unknownRole !== undefined ? `${m.role}?` : m.role;
      out.push(`    ${role.padEnd(11)} ${m.file.padEnd(width)}  ${status}`.trimEnd());
    }
    out.push('');
  }
  out.push(`${plural(clusters.length, 'cluster')}: ${linked} of ${plural(support, 'support page')} link up to their target.`);
  return out.join('\n');
}
