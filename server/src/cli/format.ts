import type { Cluster } from '../core/clusters';
import type { PageStats } from '../core/score/stats';
import type { Finding, Severity } from '../core/types';

export const SEVERITY_ORDER: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };

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

const useColor = () => process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string, s: string) => (useColor() ? `\x1b[${code}m${s}\x1b[0m` : s);
const SEV_COLOR: Record<Severity, string> = { error: '31', warning: '33', information: '36', hint: '2' };

export function checkText(pages: number, findings: readonly Finding[]): string {
  const lines: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!byFile.has(f.file)) byFile.set(f.file, []);
    byFile.get(f.file)!.push(f);
  }
  for (const [file, fs] of byFile) {
    lines.push(paint('4', file));
    for (const f of fs) {
      const pos = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
      lines.push(`  ${pos.padEnd(8)} ${paint(SEV_COLOR[f.severity], f.severity.padEnd(11))} ${f.message}  ${paint('2', f.rule)}`);
    }
    lines.push('');
  }
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  lines.push(`${plural(pages, 'page')} checked: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('information')} information, ${plural(count('hint'), 'hint')} in ${plural(byFile.size, 'file')}.`);
  return lines.join('\n');
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
