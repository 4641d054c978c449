import type { Cluster } from '../core/clusters';
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

export function checkJson(root: string, pages: number, clusters: readonly Cluster[], findings: readonly Finding[]) {
  return {
    version: 1,
    root,
    pages,
    clusters: clustersJson(clusters),
    diagnostics: findings.map((f) => ({ rule: f.rule, severity: f.severity, file: f.file, range: f.range, message: f.message })),
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
  const out: string[] = [];
  for (const c of clusters) {
    const up = c.members.filter((m) => m.linksToTarget).length;
    out.push(`${c.name} (${c.id})${c.inferred ? ' [inferred]' : ''}: ${c.members.length + c.targets.length} pages, ${up}/${c.members.length} support pages link up`);
    if (c.targets.length === 0) out.push('  target   (none)');
    for (const t of c.targetMembers) out.push(`  ${t.role.padEnd(11)} ${t.file}  "${titleOf(t.file)}"`);
    const width = Math.max(0, ...c.members.map((m) => m.file.length));
    for (const m of c.members) {
      const status = c.targets.length === 0 ? '-' : m.linksToTarget ? 'links up ✓' : m.linksToTargetOnlyFromBoilerplate ? 'boilerplate only ✗' : 'no link to target ✗';
      out.push(`    ${m.role.padEnd(11)} ${m.file.padEnd(width)}  ${status}`);
    }
    out.push('');
  }
  return out.join('\n').trimEnd();
}
