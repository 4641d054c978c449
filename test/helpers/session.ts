import { afterEach, beforeAll } from 'vitest';
import { buildBundles } from './build';
import { LspClient } from './lspClient';
import { copyFixture, removeDir, tempWorkspace } from './tmp';

/**
 * Registers the hooks every LSP test file needs (build the bundles once; dispose servers and
 * temporary workspaces after each test) and returns starters for sessions.
 */
export function lspSessions() {
  const clients: LspClient[] = [];
  const dirs: string[] = [];
  beforeAll(async () => { await buildBundles(); });
  afterEach(async () => {
    while (clients.length) await clients.pop()!.dispose();
    while (dirs.length) removeDir(dirs.pop()!);
  });
  /** A server process on a temporary copy of `source` (a map of files, or a fixture folder), not yet initialized. */
  const spawn = (source: Record<string, string> | string) => {
    const root = typeof source === 'string' ? copyFixture(source) : tempWorkspace(source);
    dirs.push(root);
    const client = LspClient.spawn();
    clients.push(client);
    return { root, client, uri: (rel: string) => client.uri(root, rel) };
  };
  /** As `spawn`, then `initialize`/`initialized` with the workspace as the only folder. */
  const start = async (source: Record<string, string> | string, options?: Parameters<LspClient['initialize']>[1]) => {
    const s = spawn(source);
    const init = await s.client.initialize(s.root, options);
    return { ...s, init };
  };
  return { spawn, start };
}
