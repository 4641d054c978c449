// textDocument/hover: what a link points at (and why), and a page summary on the H1.
import { MarkupKind, type Connection, type Hover, type HoverParams } from 'vscode-languageserver/node';
import type { ResolvedLink, SiteModel } from '../core/model';
import { explainResolution } from '../core/routing/resolver';
import { offsetAt, spanToRange } from '../core/positions';
import type { PageFacts, Span } from '../core/types';
import { scoreInfo, scoreLine } from './scoreInfo';
import type { Folder, Session } from './session';

const within = (span: Span, offset: number) => offset >= span.start && offset <= span.end;

/** Backticks inside inline code would end it early; the longest run decides the fence. */
function code(s: string): string {
  const fence = '`'.repeat(Math.max(0, ...[...s.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  return `${fence}${s.includes('`') ? ` ${s} ` : s}${fence}`;
}

function escapeMd(s: string): string {
  return s.replace(/([\\`*_{}[\]()#+!|<>])/g, '\\$1');
}

function inboundCount(model: SiteModel, file: string): number {
  return (model.inbound.get(file) ?? []).filter((l) => l.from !== file).length;
}

/** "Cluster **SEO** (`seo`) · role target", or that the page has no cluster. */
function clusterLine(model: SiteModel, file: string): string {
  const c = model.clusterOf(file);
  if (!c) return 'No cluster';
  const name = c.cluster.name === c.cluster.id ? code(c.cluster.id) : `**${escapeMd(c.cluster.name)}** (${code(c.cluster.id)})`;
  return `Cluster ${name}${c.cluster.inferred ? ' (suggested)' : ''} · role ${c.member.role}`;
}

export function linkHover(session: Session, folder: Folder, rl: ResolvedLink): string {
  const model = folder.project.model();
  const lines: string[] = [];
  const res = rl.res;
  if (res.kind === 'page') {
    const url = model.urlOf(res.file);
    lines.push(`**${escapeMd(model.titleOf(res.file))}**${url ? ` · ${code(url)}` : ''}`);
    lines.push(`[${escapeMd(res.file)}](${session.uriFor(folder, res.file)})`);
    lines.push(clusterLine(model, res.file));
    const n = inboundCount(model, res.file);
    lines.push(`${n} inbound link${n === 1 ? '' : 's'}`);
    const info = scoreInfo(model, res.file);
    if (info) lines.push(scoreLine(info));
  } else if (res.kind === 'asset') {
    lines.push(`**File** [${escapeMd(res.file)}](${session.uriFor(folder, res.file)})`);
  } else if (res.kind === 'broken') {
    lines.push(`**Broken link** ${code(rl.link.url)}`);
  } else if (res.kind === 'external') {
    lines.push(`**External link** ${code(res.url)}`);
  } else {
    lines.push(`**Link** ${code(rl.link.url || '(no destination)')}`);
  }
  if (rl.link.placement !== 'content') lines.push(`Placement: ${rl.link.placement} (not a contextual link)`);
  lines.push(explainResolution(res));
  return lines.join('\n\n');
}

export function pageHover(folder: Folder, file: string): string {
  const model = folder.project.model();
  const lines = [`**${escapeMd(model.titleOf(file))}**${model.urlOf(file) ? ` · ${code(model.urlOf(file)!)}` : ''}`, clusterLine(model, file)];
  const n = inboundCount(model, file);
  lines.push(`${n} inbound link${n === 1 ? '' : 's'}`);
  const info = scoreInfo(model, file);
  if (info) lines.push(scoreLine(info));
  const c = model.clusterOf(file);
  if (c?.isTarget) {
    const up = c.cluster.members.filter((m) => m.linksToTarget).length;
    lines.push(`${c.cluster.members.length} support pages · ${up} link here · ${c.cluster.members.length - up} missing`);
  } else if (c && c.cluster.targets.length > 0) {
    lines.push(`Supports ${c.cluster.targets.map((t) => `**${escapeMd(model.titleOf(t))}**`).join(', ')} · ${c.member.linksToTarget ? 'links up ✓' : c.member.linksToTargetOnlyFromBoilerplate ? 'links up only from related/navigation links ✗' : 'no link up ✗'}`);
  }
  return lines.join('\n\n');
}

export function hoverAt(session: Session, folder: Folder, file: string, page: PageFacts, position: HoverParams['position']): Hover | null {
  const model = folder.project.model();
  const offset = offsetAt(page.lineStarts, page.length, undefined, position);
  const rl = (model.outbound.get(file) ?? []).find((l) => within(l.link.span, offset));
  if (rl) return { contents: { kind: MarkupKind.Markdown, value: linkHover(session, folder, rl) }, range: spanToRange(page.lineStarts, page.length, rl.link.span) };
  const h1 = page.headings.find((h) => h.depth === 1 && within(h.span, offset));
  if (h1) return { contents: { kind: MarkupKind.Markdown, value: pageHover(folder, file) }, range: spanToRange(page.lineStarts, page.length, h1.span) };
  return null;
}

export function registerHover(connection: Connection, session: Session): void {
  connection.onHover(async (params): Promise<Hover | null> => {
    const f = session.fileOf(params.textDocument.uri);
    if (!f) return null;
    await f.folder.ready;
    try {
      const page = f.folder.project.model().pages.get(f.file);
      return page ? hoverAt(session, f.folder, f.file, page, params.position) : null;
    } catch (e) {
      session.error(`hover failed: ${e instanceof Error ? e.stack : String(e)}`);
      return null;
    }
  });
}
