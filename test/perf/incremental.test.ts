// Edits that leave routing alone re-resolve only the edited page's links (SiteModel `previous`);
// pages deleted, created again and added update the resolver in place and re-resolve only the links
// recorded under a lookup key they change; only the rules an edit can affect run again
// (core/analyze.ts Analysis, Project.refresh). After random edits, the incremental model and findings
// must equal a fresh Project's. test/perf/incremental-routing.test.ts does the same on every routing profile.
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

/** The example site as a workspace being edited, loaded. */
async function examples() {
  const files = readTree(path.join(REPO, 'examples'));
  const ws = new InMemoryWorkspace('/ws', { ...files });
  const project = new Project(ws);
  await project.load();
  return { files, ws, project };
}

async function fresh(files: Record<string, string>): Promise<Project> {
  const p = new Project(new InMemoryWorkspace('/ws', files));
  await p.load();
  return p;
}

describe('incremental model after edits', () => {
  it('equals a rebuild after random edits (links added, removed, retargeted; headings and frontmatter changed)', async () => {
    const { files, ws, project } = await examples();
    const pages = [...project.pages.keys()];
    const urls = pages.map((f) => project.model().urlOf(f)).filter((u): u is string => !!u);
    urls.push('/guides/new-page-0/', '/guides/new-page-1/', '/no-such-page/');
    const rand = rng(42);
    const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)]!;
    const deleted = new Map<string, string>();
    let incremental = 0;
    let partial = 0;
    let structural = 0;
    let created = 0;
    for (let step = 0; step < 40; step++) {
      const resolver = project.model().resolver;
      let structure = false;
      // A burst of one to three edits before the model is asked for again.
      const burst = 1 + Math.floor(rand() * 3);
      for (let e = 0; e < burst; e++) {
        const r = rand();
        if (r < 0.08) {
          // A page deleted (watcher event; its editor was closed).
          const file = pick(pages);
          if (deleted.has(file)) continue;
          deleted.set(file, files[file]!);
          delete files[file];
          ws.delete(file);
          project.fileDeleted(file);
          structure = true;
          continue;
        }
        if (r < 0.16) {
          // A page created: one deleted before, or a new one that broken links may point at.
          const back = [...deleted.keys()];
          const file = back.length > 0 && rand() < 0.6 ? pick(back) : `content/guides/new-page-${created++ % 2}.md`;
          const text = deleted.get(file) ?? `---\ntitle: New ${step}\n---\n\n# New ${step}\n\nSee [a page](${pick(urls)}).\n`;
          deleted.delete(file);
          files[file] = text;
          ws.set(file, text);
          await project.fileChanged(file);
          structure = true;
          continue;
        }
        const file = pick(pages);
        if (deleted.has(file)) continue;
        let text = files[file]!;
        if (r < 0.4) text += `\n\nSee [another page](${pick(urls)}) for more.\n`;
        else if (r < 0.55) text = text.replace(/\[([^\]]+)\]\([^)]*\)/, '$1');
        else if (r < 0.7) text = text.replace(/\]\((\/[^)#]*)\)/, `](${pick(urls)})`);
        else if (r < 0.8) text += `\n\n## A new heading ${step}\n`;
        else if (r < 0.9) text = text.replace(/^title: .*$/m, `title: Edited ${step}`);
        else text += `\n\nPlain words only, step ${step}.\n`;
        files[file] = text;
        ws.set(file, text);
        project.setOpenDocument(file, text);
      }
      const before = (project as unknown as { relinkFrom?: unknown }).relinkFrom;
      if (before) incremental++;
      // Pages added and removed go through the derived model too (the resolver is updated, not rebuilt).
      if (structure && project.model().resolver === resolver) structural++;
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
          if (deleted.has(file)) continue;
          expect(project.findingsOf(file).filter((f) => !siteRules.has(f.rule))).toEqual(all.filter((f) => f.file === file && !siteRules.has(f.rule)));
        }
      }
      expect(project.analyze().findings).toEqual(all);
    }
    // Edits, additions and deletions are all derived from the previous model.
    expect(incremental).toBeGreaterThan(30);
    expect(structural).toBeGreaterThan(5);
    // And the findings were brought up to date by re-checking a few pages, not the whole site.
    expect(partial).toBeGreaterThan(10);
  }, 300_000);
});

/** Every finding the project holds now (page and cluster rules refreshed; site rules as they stand). */
function held(project: Project) {
  return project.filesWithFindings().sort((a, b) => a.localeCompare(b)).flatMap((f) => project.findingsOf(f));
}

describe('site rules in steps (the language server runs them between edits)', () => {
  it('end equal to a full run, however often edits abandon them part-way', async () => {
    const { files, ws, project } = await examples();
    project.analyze();
    const pages = [...project.pages.keys()];
    const siteRules = new Set(RULES.filter((r) => r.meta.scope === 'site').map((r) => r.meta.id));
    const rand = rng(7);
    const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)]!;
    let abandoned = 0;
    let siteFindings = 0;
    for (let step = 0; step < 30; step++) {
      const file = pick(pages);
      const r = rand();
      let text = files[file]!;
      if (r < 0.4) text += `\n\nSee [the guide](${pick(pages.map((f) => project.model().urlOf(f) ?? '/'))}) too.\n`;
      else if (r < 0.7) text = text.replace(/\[([^\]]+)\]\([^)]*\)/, '$1');
      else text += `\n\n## Heading ${step}\n`;
      files[file] = text;
      ws.set(file, text);
      project.setOpenDocument(file, text);
      const job = project.siteRulesJob();
      expect(job).toBeDefined();
      // Pause after every item: the run takes many steps, and an edit may land between any two.
      let steps = 0;
      let state = job!.step(() => true);
      const stopAt = Math.floor(rand() * 12);
      while (state === 'paused' && steps < stopAt) { state = job!.step(() => true); steps++; }
      if (state === 'paused' && rand() < 0.5) {
        // An edit arrives: the job notices and is abandoned; a new one starts later.
        const other = pick(pages);
        files[other] = `${files[other]!}\n\nMore words ${step}.\n`;
        ws.set(other, files[other]!);
        project.setOpenDocument(other, files[other]!);
        expect(job!.step(() => true)).toBe('stale');
        expect(project.siteRulesStale).toBe(true);
        abandoned++;
      }
      const next = project.siteRulesJob() ?? job!;
      let n = 0;
      while (next.step(() => true) === 'paused') n++;
      expect(n).toBeGreaterThan(siteRules.size); // the rules pause inside, not just between them
      expect(project.siteRulesStale).toBe(false);
      const ref = await fresh(files);
      const all = ref.analyze().findings;
      siteFindings += all.filter((f) => siteRules.has(f.rule)).length;
      expect(held(project)).toEqual(all);
    }
    expect(abandoned).toBeGreaterThan(5);
    expect(siteFindings).toBeGreaterThan(0);
  }, 300_000);

  it('re-publishes only the files whose findings changed when they run again', async () => {
    const { files, project } = await examples();
    const all = project.analyze().findings;
    project.takeChangedFiles();
    const siteRules = new Set(RULES.filter((r) => r.meta.scope === 'site').map((r) => r.meta.id));
    const withSite = new Set(all.filter((f) => siteRules.has(f.rule)).map((f) => f.file));
    expect(withSite.size).toBeGreaterThan(1);
    // Words that change no link, heading or title: the site rules find what they found before.
    const file = [...project.pages.keys()].find((f) => !withSite.has(f))!;
    project.setOpenDocument(file, `${files[file]!}\n\nA sentence with no link.\n`);
    project.refresh({ site: false });
    project.takeChangedFiles();
    const job = project.siteRulesJob()!;
    while (job.step(() => false) === 'paused');
    expect(project.takeChangedFiles()).toEqual([]);
    expect(held(project).filter((f) => siteRules.has(f.rule))).toEqual(all.filter((f) => siteRules.has(f.rule)));
  });
});
