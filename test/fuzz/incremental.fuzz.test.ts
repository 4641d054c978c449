// Property test: random sequences of edits, creates, deletes, renames and open/close on an
// in-memory workspace, applied incrementally to one Project, must give exactly the findings of
// a Project loaded from scratch on the final state, and after each analysis a model equal to a
// full build (creates, deletes and renames derive it from the previous one: SiteModel `previous`).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Project } from '../../server/src/core/project';
import type { Finding } from '../../server/src/core/types';
import { InMemoryWorkspace } from '../../server/src/core/workspace';
import { expectRebuilt } from '../perf/modelCompare';

/** Long runs get a time limit that grows with them. */
const timeout = () => Math.max(60_000, RUNS * 400);
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

const PATHS = ['content/index.md', 'content/a.md', 'content/b.md', 'content/c/index.md', 'content/c/d.mdx', 'content/e.md', 'docs/f.md', 'content/draft.md', 'content/img.png'];
const URLS = ['/', '/a/', '/b/', '/c/', '/c/d/', '/e/', '/missing/', '../a.md', './b.md#intro', '/a/#nope', 'https://example.com/', '/A/', './c', 'c/d', '/img.png', './img.png#x'];
const CONFIGS = [
  '{ "clusters": [{ "id": "c", "name": "C", "target": "content/c/index.md" }] }',
  '{ "rules": { "orphan-page": "off" }, "exclude": ["**/draft.md"] }',
  '{ "contentRoots": ["content", "docs"] }',
  '{ not json',
];

const pageArb = fc.record({
  cluster: fc.constantFrom(undefined, 'c', 'x'),
  role: fc.constantFrom(undefined, 'target', 'support', 'tutorial', 'bogus'),
  title: fc.constantFrom('Alpha', 'Beta guide', 'Gamma', ''),
  links: fc.array(fc.tuple(fc.constantFrom('here', 'Alpha', 'read more', 'Beta guide'), fc.constantFrom(...URLS)), { maxLength: 4 }),
  broken: fc.boolean(),
}).map(({ cluster, role, title, links, broken }) => {
  const fm = [cluster && `cluster: ${cluster}`, role && `role: ${role}`, title && `title: ${title}`].filter(Boolean);
  const head = fm.length ? `---\n${fm.join('\n')}\n${broken ? 'bad: [\n' : ''}---\n\n` : '';
  return `${head}# ${title || 'Untitled'}\n\n## Intro\n\n${links.map(([t, u]) => `Some text with [${t}](${u}).`).join('\n\n')}\n`;
});

type Op =
  | { kind: 'write'; path: string; text: string }
  | { kind: 'delete'; path: string }
  | { kind: 'rename'; from: string; to: string }
  | { kind: 'open'; path: string; text: string }
  | { kind: 'close'; path: string }
  | { kind: 'config'; text: string | null };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('write' as const), path: fc.constantFrom(...PATHS), text: pageArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...PATHS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rename' as const), from: fc.constantFrom(...PATHS), to: fc.constantFrom(...PATHS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('open' as const), path: fc.constantFrom(...PATHS), text: pageArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), path: fc.constantFrom(...PATHS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('config' as const), text: fc.constantFrom(null, ...CONFIGS) }) },
);

const initialArb = fc.dictionary(fc.constantFrom(...PATHS), pageArb, { maxKeys: PATHS.length });

const key = (f: Finding) => `${f.file}:${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.rule} ${f.severity} ${f.message}`;

/** Models derived after a page or file was created, deleted or renamed (over all sequences). */
let derivedAfterFileEvents = 0;

async function run(initial: Record<string, string>, ops: Op[]): Promise<{ incremental: string[]; rebuilt: string[] }> {
  const ws = new InMemoryWorkspace('/ws', initial);
  const project = new Project(ws);
  await project.load();
  const open = new Map<string, string>();
  for (const op of ops) {
    const resolver = project.model().resolver;
    const fileEvent = (op.kind === 'write' && !ws.files.has(op.path)) || op.kind === 'delete' || op.kind === 'rename';
    switch (op.kind) {
      case 'write':
        ws.set(op.path, op.text);
        await project.fileChanged(op.path);
        break;
      case 'delete':
        // An open editor keeps its document; the editor reports the deletion only for closed files.
        if (open.has(op.path) || !ws.files.has(op.path)) break;
        ws.delete(op.path);
        project.fileDeleted(op.path);
        break;
      case 'rename': {
        const text = ws.files.get(op.from);
        if (text === undefined || op.from === op.to || open.has(op.from) || open.has(op.to)) break;
        ws.delete(op.from);
        ws.set(op.to, text);
        project.fileDeleted(op.from);
        await project.fileChanged(op.to);
        break;
      }
      case 'open':
        // Editors open files that exist; a new file reaches the server as a watcher event too.
        if (!ws.files.has(op.path)) break;
        open.set(op.path, op.text);
        project.setOpenDocument(op.path, op.text);
        break;
      case 'close':
        if (!open.has(op.path)) break;
        open.delete(op.path);
        await project.closeDocument(op.path);
        break;
      case 'config':
        if (op.text === null) {
          if (!ws.files.has('pillarlink.json')) break;
          ws.delete('pillarlink.json');
          // The server reloads on a deleted config file (server.ts onDidChangeWatchedFiles).
          project.fileDeleted('pillarlink.json');
          await project.load();
        } else {
          ws.set('pillarlink.json', op.text);
          await project.fileChanged('pillarlink.json');
        }
        break;
    }
    // Reading the findings between operations exercises the caches.
    // As the server does: page and cluster rules after an edit, all rules when the folder is quiet.
    if (ops.indexOf(op) % 3 === 0) project.analyze();
    else if (ops.indexOf(op) % 3 === 1) project.refresh({ site: false });
    else continue;
    // The model the findings were brought up to date on equals a full build.
    expectRebuilt(project);
    if (fileEvent && project.model().resolver === resolver) derivedAfterFileEvents++;
  }
  const incremental = project.analyze().findings.map(key).sort();
  // The rebuild sees what the editor shows: open documents over the disk.
  const final = new InMemoryWorkspace('/ws', Object.fromEntries(ws.files));
  for (const [p, t] of open) final.set(p, t);
  const fresh = new Project(final);
  await fresh.load();
  return { incremental, rebuilt: fresh.analyze().findings.map(key).sort() };
}

describe('incremental analysis equals a rebuild', () => {
  it(`random edit/create/delete/rename/open/close/config sequences (${RUNS} sequences)`, async () => {
    await fc.assert(fc.asyncProperty(initialArb, fc.array(opArb, { minLength: 1, maxLength: 25 }), async (initial, ops) => {
      const { incremental, rebuilt } = await run(initial, ops);
      expect(incremental).toEqual(rebuilt);
    }), { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261122) });
    expect(derivedAfterFileEvents).toBeGreaterThan(RUNS);
  }, timeout());
});
