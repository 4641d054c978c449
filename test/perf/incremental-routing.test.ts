// Pages and files added, removed, copied (two pages claiming one URL) and re-routed (slug, id,
// permalink, aliases …) on the example site and every routing fixture: the model derived from the
// previous one (SiteModel `previous`: the resolver updated in place, only the links recorded under a
// changed lookup key resolved again) must equal a model built from scratch on the same pages, link
// index included, and the findings brought up to date by Project.refresh must equal a full analysis.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/core/analyze';
import { Project } from '../../server/src/core/project';
import { isPagePath, InMemoryWorkspace } from '../../server/src/core/workspace';
import { REPO } from '../helpers/tmp';
import { indexData, modelData, rebuild } from './modelCompare';

/** Sequences per site (INCREMENTAL_RUNS=50 for a longer search). */
const RUNS = Number(process.env.INCREMENTAL_RUNS ?? 1);
const SITES = ['examples', ...fs.readdirSync(path.join(REPO, 'test/fixtures/routing')).sort().map((d) => `test/fixtures/routing/${d}`)];
/** The example site with clusters inferred (roles then depend on other pages: clusters are built again). */
const INFERRED: Record<string, (config: string) => string> = {
  'examples, clusters inferred by directory': (c) => c.replace('"clusters": {', '"clusters": {\n    "infer": "directory",'),
  'examples, clusters inferred by taxonomy, target by URL': (c) => c.replace('"clusters": {', '"clusters": {\n    "infer": "taxonomy",').replace('"content/guides/freelancer-taxes.md"', '"/guides/freelancer-taxes/"'),
};

function readTree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  (function walk(dir: string) {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(root, p).split(path.sep).join('/'), fs.readFileSync(p, 'utf8'));
    }
  })(root);
  return out;
}

function rng(seed: number): () => number {
  let s = seed;
  return () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
}

const FRONTMATTER_KEYS = ['slug', 'title', 'id', 'url', 'permalink', 'aliases', 'cluster', 'role', 'draft'];

function withFrontmatter(text: string, key: string, value: string): string {
  const line = `${key}: ${value}`;
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!m) return `---\n${line}\n---\n\n${text}`;
  const body = m[1]!;
  const re = new RegExp(`^${key}:.*$`, 'm');
  const next = re.test(body) ? body.replace(re, line) : `${body}\n${line}`;
  return `---\n${next}\n---${text.slice(m[0].length)}`;
}

async function exercise(site: string, seed: number, steps: number, config?: (text: string) => string) {
  const root = path.join(REPO, site);
  const tree = readTree(root);
  if (config) tree.set('pillarlink.json', config(tree.get('pillarlink.json')!));
  const ws = new InMemoryWorkspace('/ws', Object.fromEntries(tree));
  const project = new Project(ws);
  await project.load();
  const isConfig = (p: string) => /(^|\/)(pillarlink\.json|[^/]*\.config\.[cm]?[jt]s|hugo\.toml|_config\.ya?ml|_redirects\.txt|[^/]*\.json|[^/]*\.[cm]?[jt]sx?|[^/]*\.astro|[^/]*\.csv)$/.test(p);
  const originals = new Map(ws.files);
  const first = project.model();
  // URLs to link to: every destination written on the site, every page's URL in three spellings, with fragments.
  const pool = new Set<string>();
  const slugs = new Set<string>(['moved', 'docs/moved', '/moved', 'Web/CSS/Moved']);
  const tried = new Set<string>();
  for (const [file, out] of first.outbound) {
    for (const l of out) {
      pool.add(l.link.url);
      // The same destination with a fragment of the page it reaches (pages served by routes with parameters too).
      const h = l.res.kind === 'page' ? first.pages.get(l.res.file)?.headings.at(-1) : undefined;
      if (h) pool.add(`${l.link.url.split('#')[0]}#${h.slug}`);
      if (l.res.kind === 'broken') for (const t of l.res.tried) if (!t.includes(' ') && !t.startsWith('(')) tried.add(t);
    }
    const url = first.urlOf(file);
    if (url) { pool.add(url); pool.add(url.toUpperCase()); pool.add(url.replace(/\/$/, '')); slugs.add(url.replace(/^\/|\/$/g, '')); }
    const h = first.pages.get(file)!.headings[0];
    if (url && h) pool.add(`${url}#${h.slug}`);
    const fm = first.pages.get(file)!.frontmatter;
    if (fm && typeof fm.slug === 'string') slugs.add(fm.slug);
  }
  pool.add('/missing/');
  pool.add('./sibling-new.md');
  const urls = [...pool].filter((u) => !u.includes('\n'));
  const rand = rng(seed);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)]!;
  const deleted: string[] = [];
  let n = 0;
  /** What was done, for failure messages. */
  const log: string[] = [];
  let derived = 0;
  let structural = 0;
  for (let step = 0; step < steps; step++) {
    const before = project.model();
    const pages = [...project.pages.keys()];
    const dirs = [...new Set(pages.map((p) => p.slice(0, p.lastIndexOf('/') + 1)))];
    let touchedStructure = false;
    const burst = 1 + Math.floor(rand() * 3);
    for (let e = 0; e < burst; e++) {
      const r = rand();
      n++;
      if (r < 0.15 && pages.length > 2) {
        const file = pick(pages);
        if (!ws.files.has(file)) continue;
        ws.delete(file);
        project.fileDeleted(file);
        deleted.push(file);
        log.push(`delete ${file}`);
        touchedStructure = true;
      } else if (r < 0.27 && deleted.length > 0) {
        const file = deleted.splice(Math.floor(rand() * deleted.length), 1)[0]!;
        ws.set(file, originals.get(file) ?? `# Back ${n}\n`);
        await project.fileChanged(file);
        log.push(`recreate ${file}`);
        touchedStructure = true;
      } else if (r < 0.37 && pages.length > 0) {
        // A copy beside the page: the same frontmatter claims the same URL (slug) twice.
        const file = pick(pages);
        const copy = file.replace(/(\.[a-z]+)$/i, `-copy${n}$1`);
        ws.set(copy, ws.files.get(file) ?? '# Copy\n');
        await project.fileChanged(copy);
        log.push(`copy ${file} → ${copy}`);
        touchedStructure = true;
      } else if (r < 0.47) {
        // A page where a broken link looked for one, or a new page in a folder with pages.
        const candidates = [...tried].filter((t) => !ws.files.has(t));
        let file = candidates.length > 0 && rand() < 0.6 ? pick(candidates) : `${pick(dirs)}${rand() < 0.5 ? `new-${n}.md` : `new-${n}/index.md`}`;
        if (!isPagePath(file)) file = rand() < 0.5 ? `${file}.md` : `${file}/index.md`.replace(/^\//, '');
        if (ws.files.has(file) || isConfig(file)) continue;
        ws.set(file, `---\ntitle: New ${n}\n${rand() < 0.4 ? `slug: ${pick([...slugs])}\n` : ''}---\n\n# New ${n}\n\n## Intro\n\nSee [this](${pick(urls)}) and [that](${pick(urls)}).\n`);
        await project.fileChanged(file);
        log.push(`create ${file}: ${JSON.stringify(ws.files.get(file))}`);
        touchedStructure = true;
      } else if (r < 0.55) {
        // A file that is not a page: where a broken link looked for an asset, or beside the pages.
        const assets = [...tried].filter((t) => !isPagePath(t) && /\.[a-z0-9]+$/i.test(t) && !isConfig(t));
        const existing = [...ws.files.keys()].filter((f) => !isPagePath(f) && !isConfig(f));
        if (rand() < 0.5 && existing.length > 0) {
          const file = pick(existing);
          ws.delete(file);
          project.fileDeleted(file);
          log.push(`delete file ${file}`);
        } else {
          const file = assets.length > 0 && rand() < 0.7 ? pick(assets) : `${pick(dirs)}asset-${n}.png`;
          if (ws.files.has(file)) continue;
          ws.set(file, 'binary');
          await project.fileChanged(file);
          log.push(`create file ${file}`);
        }
        touchedStructure = true;
      } else if (r < 0.7 && pages.length > 0) {
        const file = pick(pages);
        const key = pick(FRONTMATTER_KEYS);
        const value = key === 'slug' || key === 'url' || key === 'permalink' ? pick([...slugs]) : key === 'aliases' ? `[${pick(urls)}]` : key === 'role' ? pick(['target', 'support', 'pillar']) : key === 'cluster' ? pick(['tax', 'c1', 'c2']) : key === 'draft' ? 'true' : `Retitled ${n}`;
        const text = withFrontmatter(ws.files.get(file) ?? '', key, value);
        ws.set(file, text);
        await project.fileChanged(file);
        log.push(`frontmatter ${file}: ${key}: ${value}`);
        touchedStructure = true;
      } else if (r < 0.8 && pages.length > 0) {
        const file = pick(pages);
        const frag = pick(urls).split('#')[1];
        const added = frag && rand() < 0.5 ? `<a id="${frag}"></a>` : `## Heading ${n}`;
        ws.set(file, `${ws.files.get(file) ?? ''}\n\n${added}\n`);
        await project.fileChanged(file);
        log.push(`heading ${file}: ${added}`);
      } else if (pages.length > 0) {
        const file = pick(pages);
        const url = pick(urls);
        const text = `${ws.files.get(file) ?? ''}\n\nSee [more](${url}).\n`;
        log.push(`link ${file} → ${url}`);
        ws.set(file, text);
        project.setOpenDocument(file, text);
        await project.closeDocument(file);
      }
    }
    const model = project.model();
    if (model.resolver === before.resolver) derived++;
    if (touchedStructure) structural++;
    log.push(`-- step ${step}: ${model.resolver === before.resolver ? 'derived' : 'built'}`);
    const full = rebuild(project);
    const history = () => `${site} (seed ${seed}):\n${log.join('\n')}`;
    expect(modelData(model), history()).toEqual(modelData(full));
    expect(indexData(model), `link index: ${history()}`).toEqual(indexData(full));
    // The resolver updated in place answers any destination as a fresh one does.
    for (let i = 0; i < 20; i++) {
      const from = pick([...project.pages.keys()]);
      const url = pick(urls);
      expect(model.resolver.resolve(from, url), `${from} → ${url}: ${history()}`).toEqual(full.resolver.resolve(from, url));
    }
    if (step % 2 === 0) {
      project.refresh({ site: false });
      expect(project.analyze().findings, `findings: ${history()}`).toEqual(analyze(full).findings);
    }
  }
  return { derived, structural };
}

describe('incremental model after pages and files come and go', () => {
  for (const site of SITES) {
    it(`${site}: equals a rebuild after random deletions, creations, copies, re-routing frontmatter`, async () => {
      for (let run = 0; run < RUNS; run++) {
        const { derived, structural } = await exercise(site, 7 + site.length + 7919 * run, 30);
        // Adding and removing pages goes through the derived model, not a rebuild.
        expect(structural).toBeGreaterThan(10);
        expect(derived).toBeGreaterThan(25);
      }
    }, 60_000 * RUNS);
  }
  for (const [name, config] of Object.entries(INFERRED)) {
    it(`${name}: equals a rebuild`, async () => {
      for (let run = 0; run < RUNS; run++) {
        const { derived } = await exercise('examples', 11 + name.length + 7919 * run, 30, config);
        expect(derived).toBeGreaterThan(25);
      }
    }, 60_000 * RUNS);
  }
});
