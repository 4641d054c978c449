// `pillarlink diff <base-ref>`: what a change does to the link graph. Both sides are analysed by the
// same core (the base read straight from git); diffSites compares the two results without I/O.
import { isOrphan } from '../core/graph/clusterGraph';
import type { SiteModel } from '../core/model';
import { Project } from '../core/project';
import { GitWorkspace } from '../node/gitWorkspace';
import type { Finding, Severity } from '../core/types';

export interface Side { model: SiteModel; findings: readonly Finding[] }

export interface UpwardLink { from: string; to: string; cluster: string }
export interface TargetChange { file: string; cluster: string; before: number; after: number; lost: string[]; gained: string[] }
export interface DiffFinding { rule: string; severity: Severity; file: string; line: number; column: number; message: string }

export interface GraphDiff {
  pages: { added: string[]; removed: string[] };
  /** Pages that became orphans, and orphans that got an inbound link (pages present on both sides). */
  orphans: { added: string[]; removed: string[] };
  /** Contextual links from a support page up to its cluster's target. */
  upwardLinks: { added: UpwardLink[]; removed: UpwardLink[] };
  /** Targets (on both sides) whose set of pages linking in from body text changed. */
  targets: { lostInbound: TargetChange[]; gainedInbound: TargetChange[] };
  /** Matched by rule, file and message (not by line, so moved text is not a new finding). */
  findings: { added: DiffFinding[]; removed: DiffFinding[]; unchanged: number };
}

function upwardLinks(model: SiteModel): Map<string, UpwardLink> {
  const out = new Map<string, UpwardLink>();
  for (const c of model.clusters) {
    for (const m of c.members) {
      for (const t of c.targets) {
        if (model.linkKind(m.file, t) === 'content') out.set(`${c.id}\n${m.file}\n${t}`, { from: m.file, to: t, cluster: c.id });
      }
    }
  }
  return out;
}

/** Each target with the pages linking to it from body text. */
function targetInbound(model: SiteModel): Map<string, { cluster: string; from: Set<string> }> {
  const out = new Map<string, { cluster: string; from: Set<string> }>();
  for (const c of model.clusters) {
    for (const t of c.targets) {
      const from = new Set<string>();
      for (const l of model.inbound.get(t) ?? []) if (l.from !== t && l.link.placement === 'content') from.add(l.from);
      out.set(t, { cluster: c.id, from });
    }
  }
  return out;
}

const findingKey = (f: Finding) => `${f.rule}\n${f.file}\n${f.message}`;
const toDiffFinding = (f: Finding): DiffFinding => ({ rule: f.rule, severity: f.severity, file: f.file, line: f.range.start.line + 1, column: f.range.start.character + 1, message: f.message });

/** Findings of `a` not matched by one of `b` (as multisets: two equal findings need two matches). */
function unmatched(a: readonly Finding[], b: readonly Finding[]): Finding[] {
  const counts = new Map<string, number>();
  for (const f of b) counts.set(findingKey(f), (counts.get(findingKey(f)) ?? 0) + 1);
  const out: Finding[] = [];
  for (const f of a) {
    const k = findingKey(f);
    const n = counts.get(k) ?? 0;
    if (n > 0) counts.set(k, n - 1);
    else out.push(f);
  }
  return out;
}

const byFile = <T extends { from: string; to: string }>(a: T, b: T) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to);

export function diffSites(base: Side, head: Side): GraphDiff {
  const bp = new Set(base.model.pages.keys());
  const hp = new Set(head.model.pages.keys());
  const both = [...hp].filter((f) => bp.has(f)).sort();

  const bu = upwardLinks(base.model);
  const hu = upwardLinks(head.model);

  const bt = targetInbound(base.model);
  const ht = targetInbound(head.model);
  const lost: TargetChange[] = [];
  const gained: TargetChange[] = [];
  for (const [t, h] of [...ht].sort((a, b) => a[0].localeCompare(b[0]))) {
    const b = bt.get(t);
    if (!b) continue;
    const change: TargetChange = {
      file: t,
      cluster: h.cluster,
      before: b.from.size,
      after: h.from.size,
      lost: [...b.from].filter((f) => !h.from.has(f)).sort(),
      gained: [...h.from].filter((f) => !b.from.has(f)).sort(),
    };
    if (change.after < change.before) lost.push(change);
    else if (change.after > change.before) gained.push(change);
  }

  const added = unmatched(head.findings, base.findings);
  const removed = unmatched(base.findings, head.findings);
  return {
    pages: { added: [...hp].filter((f) => !bp.has(f)).sort(), removed: [...bp].filter((f) => !hp.has(f)).sort() },
    orphans: {
      added: both.filter((f) => isOrphan(head.model, f) && !isOrphan(base.model, f)),
      removed: both.filter((f) => !isOrphan(head.model, f) && isOrphan(base.model, f)),
    },
    upwardLinks: {
      added: [...hu].filter(([k]) => !bu.has(k)).map(([, v]) => v).sort(byFile),
      removed: [...bu].filter(([k]) => !hu.has(k)).map(([, v]) => v).sort(byFile),
    },
    targets: { lostInbound: lost, gainedInbound: gained },
    findings: { added: added.map(toDiffFinding), removed: removed.map(toDiffFinding), unchanged: head.findings.length - added.length },
  };
}

export function isEmptyDiff(d: GraphDiff): boolean {
  return d.pages.added.length + d.pages.removed.length + d.orphans.added.length + d.orphans.removed.length
    + d.upwardLinks.added.length + d.upwardLinks.removed.length + d.targets.lostInbound.length + d.targets.gainedInbound.length
    + d.findings.added.length + d.findings.removed.length === 0;
}

// ---------------------------------------------------------------------------------------------
// Output

export interface DiffContext { base: string; baseCommit: string; root: string; titleOf: (file: string) => string }

export function diffJson(d: GraphDiff, ctx: DiffContext) {
  return { version: 1, base: ctx.base, baseCommit: ctx.baseCommit, root: ctx.root, ...d };
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

export function diffText(d: GraphDiff, ctx: DiffContext): string {
  const out: string[] = [`Link graph changes against ${ctx.base} (${ctx.baseCommit.slice(0, 12)}):`];
  if (isEmptyDiff(d)) return `${out[0]} none.`;
  const list = (title: string, items: string[]) => {
    if (items.length === 0) return;
    out.push('', `${title} (${items.length}):`, ...items.map((i) => `  ${i}`));
  };
  list('Pages added', d.pages.added);
  list('Pages removed', d.pages.removed);
  list('Newly orphaned pages', d.orphans.added);
  list('No longer orphaned', d.orphans.removed);
  list('Upward links removed', d.upwardLinks.removed.map((u) => `${u.from} -> ${u.to}  [${u.cluster}]`));
  list('Upward links added', d.upwardLinks.added.map((u) => `${u.from} -> ${u.to}  [${u.cluster}]`));
  list('Targets losing inbound content links', d.targets.lostInbound.map((t) => `${t.file}: ${t.before} -> ${t.after}${t.lost.length ? `  (lost ${t.lost.join(', ')})` : ''}`));
  list('Targets gaining inbound content links', d.targets.gainedInbound.map((t) => `${t.file}: ${t.before} -> ${t.after}${t.gained.length ? `  (from ${t.gained.join(', ')})` : ''}`));
  list('New findings', d.findings.added.map((f) => `${f.file}:${f.line}:${f.column}  ${f.severity}  ${f.message}  (${f.rule})`));
  list('Fixed findings', d.findings.removed.map((f) => `${f.file}  ${f.severity}  ${f.message}  (${f.rule})`));
  return out.join('\n');
}

/** Escapes text for a Markdown table cell or paragraph (GitHub-flavoured). */
export function mdEscape(s: string): string {
  return s.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

const code = (s: string) => {
  // A code span needs a fence longer than any backtick run inside it.
  const fence = '`'.repeat(Math.max(1, ...[...s.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return `${fence}${fence.length > 1 ? ' ' : ''}${s.replace(/\|/g, '\\|')}${fence.length > 1 ? ' ' : ''}${fence}`;
};

const SEV_ICON: Record<Severity, string> = { error: '🔴 error', warning: '🟠 warning', information: '🔵 info', hint: '⚪ hint' };

/** A Markdown summary for a pull-request comment: headline, counts table, details per category. */
export function diffMarkdown(d: GraphDiff, ctx: DiffContext): string {
  const page = (f: string) => `${mdEscape(ctx.titleOf(f))} (${code(f)})`;
  const out: string[] = [];
  out.push(`## Pillarlink: link graph changes`, '', `Compared with ${code(ctx.base)} (${code(ctx.baseCommit.slice(0, 12))}).`, '');
  if (isEmptyDiff(d)) {
    out.push('No change to pages, orphans, upward links, target inbound links or findings.');
    return out.join('\n');
  }
  const bySev = (s: Severity) => d.findings.added.filter((f) => f.severity === s).length;
  const headline: string[] = [];
  if (d.findings.added.length) headline.push(`**${plural(d.findings.added.length, 'new finding')}** (${bySev('error')} errors, ${bySev('warning')} warnings)`);
  if (d.findings.removed.length) headline.push(`${plural(d.findings.removed.length, 'finding')} fixed`);
  if (d.upwardLinks.removed.length) headline.push(`**${plural(d.upwardLinks.removed.length, 'upward link')} removed**`);
  if (d.orphans.added.length) headline.push(`**${plural(d.orphans.added.length, 'page')} newly orphaned**`);
  if (headline.length) out.push(headline.join(' · '), '');
  out.push('| Change | Count |', '| --- | ---: |');
  const rows: [string, number][] = [
    ['Pages added', d.pages.added.length],
    ['Pages removed', d.pages.removed.length],
    ['Newly orphaned pages', d.orphans.added.length],
    ['Orphans fixed', d.orphans.removed.length],
    ['Upward links removed', d.upwardLinks.removed.length],
    ['Upward links added', d.upwardLinks.added.length],
    ['Targets losing inbound links', d.targets.lostInbound.length],
    ['Targets gaining inbound links', d.targets.gainedInbound.length],
    ['New findings', d.findings.added.length],
    ['Fixed findings', d.findings.removed.length],
  ];
  for (const [k, v] of rows) if (v > 0) out.push(`| ${k} | ${v} |`);
  out.push('');

  const section = (title: string, body: string[], open: boolean) => {
    if (body.length === 0) return;
    out.push(`<details${open ? ' open' : ''}>`, `<summary><strong>${title}</strong></summary>`, '', ...body, '', '</details>', '');
  };
  section(`New findings (${d.findings.added.length})`, d.findings.added.length === 0 ? [] : [
    '| Severity | Location | Rule | Message |', '| --- | --- | --- | --- |',
    ...d.findings.added.map((f) => `| ${SEV_ICON[f.severity]} | ${code(`${f.file}:${f.line}:${f.column}`)} | ${code(f.rule)} | ${mdEscape(f.message)} |`),
  ], d.findings.added.length <= 30);
  const links = (us: UpwardLink[]) => ['| Support page | Target | Cluster |', '| --- | --- | --- |', ...us.map((u) => `| ${page(u.from)} | ${page(u.to)} | ${code(u.cluster)} |`)];
  section(`Upward links removed (${d.upwardLinks.removed.length})`, d.upwardLinks.removed.length ? links(d.upwardLinks.removed) : [], true);
  section(`Newly orphaned pages (${d.orphans.added.length})`, d.orphans.added.map((f) => `- ${page(f)}`), true);
  const targets = (ts: TargetChange[], which: 'lost' | 'gained') => ['| Target | Cluster | Before | After | Pages |', '| --- | --- | ---: | ---: | --- |',
    ...ts.map((t) => `| ${page(t.file)} | ${code(t.cluster)} | ${t.before} | ${t.after} | ${t[which].map((f) => code(f)).join(', ')} |`)];
  section(`Targets losing inbound content links (${d.targets.lostInbound.length})`, d.targets.lostInbound.length ? targets(d.targets.lostInbound, 'lost') : [], true);
  section(`Upward links added (${d.upwardLinks.added.length})`, d.upwardLinks.added.length ? links(d.upwardLinks.added) : [], false);
  section(`Targets gaining inbound content links (${d.targets.gainedInbound.length})`, d.targets.gainedInbound.length ? targets(d.targets.gainedInbound, 'gained') : [], false);
  section(`Orphans fixed (${d.orphans.removed.length})`, d.orphans.removed.map((f) => `- ${page(f)}`), false);
  section(`Pages added (${d.pages.added.length})`, d.pages.added.map((f) => `- ${page(f)}`), false);
  section(`Pages removed (${d.pages.removed.length})`, d.pages.removed.map((f) => `- ${code(f)}`), false);
  section(`Fixed findings (${d.findings.removed.length})`, d.findings.removed.length === 0 ? [] : [
    '| Severity | File | Rule | Message |', '| --- | --- | --- | --- |',
    ...d.findings.removed.map((f) => `| ${SEV_ICON[f.severity]} | ${code(f.file)} | ${code(f.rule)} | ${mdEscape(f.message)} |`),
  ], false);
  out.push('<sub>Findings are matched by rule, file and message, so moved lines are not reported again. Generated by <code>pillarlink diff</code>.</sub>');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The command

export interface DiffOptions { format: 'text' | 'json' | 'markdown'; failOn: 'error' | 'warning' | 'never'; configText?: string; configFile?: string }

const FAIL_ORDER: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };

/** Analyses `baseRef`'s tree with the same core as the working tree `head`, prints the diff, returns the exit code. */
export async function runDiff(head: Project, baseRef: string, opts: DiffOptions, out: (s: string) => void): Promise<number> {
  const ws = new GitWorkspace(head.workspace.root, baseRef);
  const base = new Project(ws, { ...(opts.configText !== undefined ? { configText: opts.configText, configFile: opts.configFile } : {}), log: (m) => process.stderr.write(`pillarlink (${baseRef}): ${m}\n`) });
  await base.load();
  const d = diffSites({ model: base.model(), findings: base.analyze().findings }, { model: head.model(), findings: head.analyze().findings });
  const hm = head.model();
  const bm = base.model();
  const ctx: DiffContext = { base: baseRef, baseCommit: ws.commit, root: head.workspace.root, titleOf: (f) => (hm.pages.has(f) ? hm.titleOf(f) : bm.titleOf(f)) };
  if (opts.format === 'json') out(`${JSON.stringify(diffJson(d, ctx), null, 2)}\n`);
  else if (opts.format === 'markdown') out(`${diffMarkdown(d, ctx)}\n`);
  else out(`${diffText(d, ctx)}\n`);
  if (opts.failOn === 'never') return 0;
  return d.findings.added.some((f) => FAIL_ORDER[f.severity] >= FAIL_ORDER[opts.failOn as Severity]) ? 1 : 0;
}
