// Routing on real content repositories (data only, never copied). Skipped when the corpora are
// absent; PILLARLINK_CORPORA overrides their folder. MDN (14k pages) runs in scripts/routing-report.mjs.
//
// The copies omit files the sites serve (static/, public/, app code, sidebars). When
// PILLARLINK_OVERLAYS (default /tmp/overlay) holds `<corpus>/` with the upstream repository's files
// at the corpus' commit (see docs/routing.md), each unresolved link is resolved again with them and
// what is left must be a labelled real break or known miss (routing-labels.json).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FactsCache } from '../../server/src/core/cache';
import { Project } from '../../server/src/core/project';
import type { PageFacts } from '../../server/src/core/types';
import type { FileEntry, Workspace } from '../../server/src/core/workspace';
import { NodeWorkspace } from '../../server/src/node/fsWorkspace';

const CORPORA = process.env.PILLARLINK_CORPORA ?? '/work/shared/corpora';
const OVERLAYS = process.env.PILLARLINK_OVERLAYS ?? '/tmp/overlay';
const LABELS: { corpus: string; url: string; image?: boolean; class: string; evidence: string }[] = JSON.parse(readFileSync(join(__dirname, 'routing-labels.json'), 'utf8'));

/** Parsed facts shared between the copy's load and the overlay's (the same texts parse once). */
function memoryCache(): FactsCache {
  const mem = new Map<string, { text: string; facts: PageFacts }>();
  return {
    async open() {},
    get: (file, text) => { const m = mem.get(file); return m && m.text === text ? m.facts : undefined; },
    set: (file, text, facts) => { mem.set(file, { text, facts }); },
    retain() {},
    async flush() {},
  };
}

/** The copy plus the overlay's files it lacks (the copy wins). */
class UnionWorkspace implements Workspace {
  readonly root: string;
  private readonly fromOverlay = new Set<string>();
  constructor(private readonly copy: Workspace, private readonly overlay: Workspace) { this.root = copy.root; }
  async listFiles(): Promise<FileEntry[]> {
    const mine = await this.copy.listFiles();
    const have = new Set(mine.map((e) => e.path));
    const extra = (await this.overlay.listFiles()).filter((e) => !have.has(e.path));
    for (const e of extra) this.fromOverlay.add(e.path);
    return [...mine, ...extra];
  }
  readFile(p: string): Promise<string | undefined> { return this.fromOverlay.has(p) ? this.overlay.readFile(p) : this.copy.readFile(p); }
}

interface Unresolved { file: string; url: string; image: boolean }

async function load(name: string) {
  const cache = memoryCache();
  const project = new Project(new NodeWorkspace(join(CORPORA, name)), { log: () => {}, factsCache: cache });
  await project.load();
  const model = project.model();
  let internal = 0;
  const unresolved: Unresolved[] = [];
  for (const [file, links] of model.outbound) {
    for (const l of links) {
      const k = l.res.kind;
      if (k === 'external' || k === 'other-scheme' || k === 'non-crawlable' || l.link.url.trim().startsWith('#')) continue;
      internal++;
      if (k !== 'page' && k !== 'asset') unresolved.push({ file, url: l.link.url, image: l.link.image });
    }
  }
  /** Unresolved links that the upstream files do not resolve and no label explains. */
  const unexplained = async (): Promise<{ missingFromCopy: number; labelled: Map<string, number>; rest: string[] }> => {
    const overlay = join(OVERLAYS, name);
    let still = unresolved;
    if (existsSync(overlay)) {
      const full = new Project(new UnionWorkspace(new NodeWorkspace(join(CORPORA, name)), new NodeWorkspace(overlay)), { log: () => {}, factsCache: cache });
      await full.load();
      const fm = full.model();
      still = unresolved.filter((u) => !['page', 'asset', 'external'].includes(fm.resolver.resolve(u.file, u.url).kind));
    }
    const labelled = new Map<string, number>();
    const rest: string[] = [];
    for (const u of still) {
      const l = LABELS.find((x) => x.corpus === name && new RegExp(x.url).test(u.url) && (x.image === undefined || x.image === u.image));
      if (l) labelled.set(l.class, (labelled.get(l.class) ?? 0) + 1);
      else rest.push(`${u.file} → ${u.url}`);
    }
    return { missingFromCopy: unresolved.length - still.length, labelled, rest };
  };
  return { project, model, internal, unresolved, unexplained, hasOverlay: existsSync(join(OVERLAYS, name)) };
}

describe.skipIf(!existsSync(join(CORPORA, 'astro-docs')))('astro-docs (Starlight)', () => {
  it('is detected as Astro and resolves its /en/… links', async () => {
    const { model, internal, unresolved, unexplained, hasOverlay } = await load('astro-docs');
    expect(model.resolver.profile.name).toBe('astro');
    expect(model.urlOf('src/content/docs/en/guides/routing.mdx')).toBe('/en/guides/routing/');
    expect(internal).toBeGreaterThan(2000);
    // One known miss: a link to an image the corpus does not hold (tutorial/1-setup/2.mdx).
    expect(unresolved.length, unresolved.map((u) => u.url).join('\n')).toBeLessThanOrEqual(2);
    if (hasOverlay) expect((await unexplained()).rest).toEqual([]);
  }, 300_000);
});

describe.skipIf(!existsSync(join(CORPORA, 'docusaurus-website')))('docusaurus-website', () => {
  it('is detected from website/docusaurus.config.ts and routes docs, versions, blog and community', async () => {
    const { model, internal, unresolved, unexplained } = await load('docusaurus-website');
    expect(model.resolver.profile.name).toBe('docusaurus');
    expect(model.urlOf('website/docs/introduction.mdx')).toBe('/docs/');
    expect(model.urlOf('website/community/0-support.mdx')).toBe('/community/support/');
    expect(model.urlOf('website/blog/2019/12-30-docusaurus-2019-recap.mdx')).toBe('/blog/2019/12/30/docusaurus-2019-recap/');
    expect(model.urlOf('website/versioned_docs/version-3.4.0/cli.mdx')).toBe('/docs/3.4.0/cli/');
    expect(internal).toBeGreaterThan(2500);
    expect(model.resolver.resolve('website/docs/introduction.mdx', '/tests/blog')).toMatchObject({ kind: 'asset' });
    // plugin-client-redirects pairs written in the config: /docs/support → /community/support.
    expect(model.resolver.resolve('website/docs/introduction.mdx', '/docs/next/support')).toMatchObject({ kind: 'page', file: 'website/community/0-support.mdx' });
    // Every unresolved link targets a file the copy omits (static/, src/pages, sidebars.ts) or is a known miss.
    const { labelled, rest } = await unexplained();
    expect(rest, rest.join('\n')).toEqual([]);
    expect(labelled.get('resolver-miss') ?? 0).toBeLessThanOrEqual(8);
    expect(unresolved.length).toBeLessThanOrEqual(200);
  }, 300_000);
});

describe.skipIf(!existsSync(join(CORPORA, 'nodejs-org')))('nodejs-org (Next.js i18n)', () => {
  it('serves pages/en/** without a locale prefix and other locales under /<locale>/', async () => {
    const { model, unresolved, unexplained, hasOverlay } = await load('nodejs-org');
    expect(model.resolver.profile.name).toBe('nextjs');
    expect(model.resolver.resolve('apps/site/pages/en/index.mdx', '/blog/release/v22.0.0')).toMatchObject({ kind: 'page', file: 'apps/site/pages/en/blog/release/v22.0.0.md' });
    expect(model.urlOf('apps/site/pages/fr/about/index.mdx')).toBe('/fr/about/');
    // /learn/*, /static/*, /download/archive/<v> and /about/releases live outside the copied pages/ folder
    // (a redirect list, public/, an app route): the overlay resolves them.
    expect(unresolved.length).toBeLessThanOrEqual(89);
    if (!hasOverlay) return;
    const { missingFromCopy, labelled, rest } = await unexplained();
    expect(rest, rest.join('\n')).toEqual([]);
    expect(labelled.get('resolver-miss') ?? 0).toBe(0);
    expect(missingFromCopy).toBeGreaterThanOrEqual(80);
  }, 900_000);
});
