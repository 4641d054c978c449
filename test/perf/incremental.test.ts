// Edits that leave routing alone re-resolve only the edited page's links (SiteModel `previous`), and
// only the rules an edit can affect run again (core/analyze.ts Analysis, Project.refresh).
// After random edits, the incremental model and findings must equal a fresh Project's.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SiteModel } from '../../server/src/core/model';
import { Project } from '../../server/src/core/project';
import { RULES } from '../../server/src/core/rules';
import { InMemoryWorkspace } from '../../server/src/core/workspace';
import { REPO } from '../helpers/tmp';

function readTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  (function walk(dir: string) {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(md|mdx|json|ya?ml|toml)$/.test(e.name)) out[path.relative(root, p).split(path.sep).join('/')] = fs.readFileSync(p, 'utf8');
    }
  })(root);
  return out;
}

function rng(seed: number): () => number {
  let s = seed;
  return () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
}

/** The model as plain data: every page's resolved links, inbound lists, clusters, entry pages. */
function modelData(m: SiteModel) {
  const links = (map: Map<string, SiteModel['outbound'] extends Map<string, infer V> ? V : never>) =>
    [...map].map(([f, ls]) => [f, ls.map((l) => [l.from, l.index, l.link.url, l.res])]);
  return {
    outbound: links(m.outbound),
    inbound: links(m.inbound),
    clusters: m.clusters.map((c) => ({ id: c.id, targets: c.targets, members: c.members.map((x) => [x.file, x.role, x.linksToTarget, x.linksToTargetOnlyFromBoilerplate]) })),
    entries: [...m.entryPages].sort(),
  };
}

async function fresh(files: Record<string, string>): Promise<Project> {
  const p = new Project(new InMemoryWorkspace('/ws', files));
  await p.load();
  return p;
}

describe('incremental model after edits', () => {
  it('equals a rebuild after random edits (links added, removed, retargeted; headings and frontmatter changed)', async () => {
    const files = readTree(path.join(REPO, 'examples'));
    const project = new Project(new InMemoryWorkspace('/ws', { ...files }));
    await project.load();
    const pages = [...project.pages.keys()];
    const urls = pages.map((f) => project.model().urlOf(f)).filter((u): u is string => !!u);
    const rand = rng(42);
    const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)]!;
    let incremental = 0;
    let partial = 0;
    for (let step = 0; step < 40; step++) {
      // A burst of one to three edits before the model is asked for again.
      const burst = 1 + Math.floor(rand() * 3);
      for (let e = 0; e < burst; e++) {
        const file = pick(pages);
        let text = files[file]!;
        const r = rand();
        if (r < 0.35) text += `\n\nSee [another page](${pick(urls)}) for more.\n`;
        else if (r < 0.55) text = text.replace(/\[([^\]]+)\]\([^)]*\)/, '$1');
        else if (r < 0.7) text = text.replace(/\]\((\/[^)#]*)\)/, `](${pick(urls)})`);
        else if (r < 0.8) text += `\n\n## A new heading ${step}\n`;
        else if (r < 0.9) text = text.replace(/^title: .*$/m, `title: Edited ${step}`);
        else text += `\n\nPlain words only, step ${step}.\n`;
        files[file] = text;
        project.setOpenDocument(file, text);
      }
      const before = (project as unknown as { relinkFrom?: unknown }).relinkFrom;
      if (before) incremental++;
      const ref = await fresh(files);
      expect(modelData(project.model())).toEqual(modelData(ref.model()));
      const all = ref.analyze().findings;
      // As the editor does: page and cluster rules first (site rules stale), then everything.
      if (step % 2 === 0) {
        project.refresh({ site: false });
        const scope = project.lastScope;
        if (scope !== 'all' && scope && scope.files < pages.length / 2) partial++;
        const siteRules = new Set(RULES.filter((r) => r.meta.scope === 'site').map((r) => r.meta.id));
        for (const file of pages) {
          expect(project.findingsOf(file).filter((f) => !siteRules.has(f.rule))).toEqual(all.filter((f) => f.file === file && !siteRules.has(f.rule)));
        }
      }
      expect(project.analyze().findings).toEqual(all);
    }
    // Most random edits leave routing alone: the incremental path must have been taken.
    expect(incremental).toBeGreaterThan(10);
    // And the findings were brought up to date by re-checking a few pages, not the whole site.
    expect(partial).toBeGreaterThan(10);
  }, 300_000);
});
