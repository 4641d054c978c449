// The language server answers requests while it indexes (the cold index yields to the event loop),
// and a restart with the facts cache (--cache-dir) publishes the same diagnostics as the cold start.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildBundles } from '../helpers/build';
import { LspClient } from '../helpers/lspClient';
import { makeTempDir, removeDir } from '../helpers/tmp';
import { waitFor } from '../helpers/wait';
// @ts-expect-error: a plain ES module script without types
import { generate } from '../../scripts/synth.mjs';

interface Status { state: string; done?: number; total?: number }

const dirs: string[] = [];
const clients: LspClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.dispose();
  for (const d of dirs.splice(0)) removeDir(d);
});

function statuses(c: LspClient): Status[] {
  return c.notifications.filter((n) => n.method === 'pillarlink/status').map((n) => n.params as Status);
}

describe('indexing in the language server', () => {
  beforeAll(() => buildBundles(), 120_000);

  it('answers a request sent mid-indexing before indexing ends', async () => {
    const root = makeTempDir('pillarlink-synth-');
    dirs.push(root);
    (generate as (n: number, out: string) => number)(600, root);
    const c = LspClient.spawn([], ['--workers', '0']);
    clients.push(c);
    await c.initialize(root);
    // Mid-indexing: some pages parsed, not all.
    await waitFor(() => statuses(c).some((s) => s.state === 'indexing' && (s.done ?? 0) > 0 && s.done! < s.total!), 'a progress report of a partial index', 60_000);
    await c.request('shutdown', null);
    const readyBefore = statuses(c).some((s) => s.state === 'ready');
    expect(readyBefore, 'the request was answered only after indexing ended').toBe(false);
  }, 120_000);

  it('restarts warm from the cache with the same diagnostics', async () => {
    const root = makeTempDir('pillarlink-synth-');
    const cacheDir = makeTempDir('pillarlink-cache-');
    dirs.push(root, cacheDir);
    (generate as (n: number, out: string) => number)(200, root);
    // Pages written in the last two seconds are keyed by their text, settled ones by their stamp: let
    // them settle, or the cold start (texts) and the warm one (stamps) would store and look up two keys.
    await new Promise((r) => setTimeout(r, 2300));
    const snapshot = async (c: LspClient) => {
      await waitFor(() => statuses(c).some((s) => s.state === 'ready'), 'indexing to finish', 60_000);
      await waitFor(() => c.diagnostics.size > 0 || undefined, 'diagnostics', 10_000);
      await new Promise((r) => setTimeout(r, 300));
      return [...c.diagnostics].sort(([a], [b]) => a.localeCompare(b));
    };
    const cold = LspClient.spawn([], ['--cache-dir', cacheDir]);
    clients.push(cold);
    await cold.initialize(root);
    const first = await snapshot(cold);
    expect(fs.readdirSync(cacheDir).some((f) => f.startsWith('facts-'))).toBe(true);
    expect(fs.readdirSync(cacheDir).some((f) => f.startsWith('results-server-'))).toBe(true);
    const logs = (c: LspClient): string[] => c.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
    const warm = LspClient.spawn([], ['--cache-dir', cacheDir]);
    clients.push(warm);
    await warm.initialize(root);
    expect(await snapshot(warm)).toEqual(first);
    expect(first.some(([, d]) => d.length > 0)).toBe(true);
    expect(path.isAbsolute(cacheDir)).toBe(true);
    // Unchanged inputs: the diagnostics came from the results cache, before the index was ready.
    expect(logs(warm).some((m) => /from the results cache/.test(m))).toBe(true);
    const firstDiagnostics = warm.notifications.findIndex((n) => n.method === 'textDocument/publishDiagnostics');
    const ready = warm.notifications.findIndex((n) => n.method === 'pillarlink/status' && (n.params as Status).state === 'ready');
    expect(firstDiagnostics).toBeGreaterThanOrEqual(0);
    expect(firstDiagnostics).toBeLessThan(ready);

    // A page changed on disk: no stale answer; the same diagnostics as a server without any cache.
    const page = fs.readdirSync(root, { recursive: true }).map(String).find((f) => f.endsWith('.md'))!;
    fs.appendFileSync(path.join(root, page), '\nSee [the missing page](/no-such-page-anywhere/).\n');
    const changed = LspClient.spawn([], ['--cache-dir', cacheDir]);
    clients.push(changed);
    await changed.initialize(root);
    const afterChange = await snapshot(changed);
    expect(logs(changed).some((m) => /from the results cache/.test(m))).toBe(false);
    const fresh = LspClient.spawn([], []);
    clients.push(fresh);
    await fresh.initialize(root);
    expect(afterChange).toEqual(await snapshot(fresh));
    expect(afterChange).not.toEqual(first);
  }, 240_000);
});
