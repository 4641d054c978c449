#!/usr/bin/env node
// Editor end-to-end test: installs the packaged extension into a real VS Code workbench (code-server),
// opens a copy of the example site in headless chromium and checks what a user sees.
//   npm run test:e2e   (= bash scripts/e2e-setup.sh && node test/e2e/run.mjs)
// Env: PILLARLINK_VSIX (default <repo>/pillarlink.vsix), PILLARLINK_E2E_ARTIFACTS (default <repo>/artifacts/e2e),
//      PILLARLINK_E2E_EXAMPLES (default <repo>/examples), PILLARLINK_E2E_SCENARIO (JSON file merged over SCENARIO),
//      PILLARLINK_E2E_KEEP=1 keeps the temp run directory.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { copyLogs, launchBrowser, outputChannelLogs, poll, startCodeServer } from './codeserver.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// Which example pages the checks use, chosen from examples/EXPECTED.md (paths relative to examples/, lines 1-based).
export const SCENARIO = {
  // EXPECTED #16: invoicing tutorial without a link to its target, reported at the page's H1 (line 12).
  // The quick fix links the unlinked mention "free invoice generator" in the sentence on line 14.
  support: {
    file: 'content/blog/how-to-write-an-invoice.md',
    title: 'How to write an invoice', // substring of the tree label (title or H1)
    line: 12,
    fixLine: 14,
    anchorIncludes: 'invoice generator',
    urlIncludes: 'invoice-generator',
  },
  // The cluster both pages belong to, as the Clusters view and the status bar name it.
  cluster: 'invoicing',
  // The cluster's target page (carries the "N support pages" code lens).
  target: { file: 'content/tools/invoice-generator/index.mdx', title: 'Free Invoice Generator' },
  // EXPECTED "healthy pages": what-is-an-invoice-number.md:32 links up with [invoice generator](/tools/invoice-generator/).
  link: { file: 'content/blog/what-is-an-invoice-number.md', text: 'invoice generator', destTitle: 'Free Invoice Generator' },
};

export const CONFIG = {
  vsix: path.resolve(process.env.PILLARLINK_VSIX || path.join(REPO, 'pillarlink.vsix')),
  examples: path.resolve(process.env.PILLARLINK_E2E_EXAMPLES || path.join(REPO, 'examples')),
  artifacts: path.resolve(process.env.PILLARLINK_E2E_ARTIFACTS || path.join(REPO, 'artifacts', 'e2e')),
  scenario: process.env.PILLARLINK_E2E_SCENARIO
    ? { ...SCENARIO, ...JSON.parse(fs.readFileSync(process.env.PILLARLINK_E2E_SCENARIO, 'utf8')) }
    : SCENARIO,
  keep: process.env.PILLARLINK_E2E_KEEP === '1',
};
const S = CONFIG.scenario;

const VIEW = '[id="workbench.view.extension.pillarlink"]';
const SEL = {
  explorerRow: '.explorer-folders-view .monaco-list-row',
  quickInput: '.quick-input-widget .quick-input-box input',
  quickInputRow: '.quick-input-widget .quick-input-list .monaco-list-row',
  markersRow: '.markers-panel .monaco-list-row',
  problemsFilter: 'input[aria-label="Filter Problems"]',
  actionRow: '.action-widget .monaco-list-row.action',
  container: '.activitybar .action-label[aria-label^="Pillarlink"]',
  treeRow: `${VIEW} .monaco-list-row`, // every view of the container; clustersRows() narrows to the Clusters view
  hover: '.monaco-hover:not(.hidden)',
  codeLens: '.codelens-decoration',
  statusItem: '.statusbar-item[id*="pillarlink" i], .statusbar-item[aria-label*="pillarlink" i]',
};
const editorSel = (file) => `.monaco-editor[data-uri$="/${file}"]`;

const t0 = Date.now();
const log = (msg) => console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}`);

// ---------------------------------------------------------------------------------------------
// Steps: each has a deadline; `ctx.until(fn, what)` polls within what is left of it.

const steps = [];
const step = (name, ms, fn, { fatal = false } = {}) => steps.push({ name, ms, fn, fatal });

let page;
let cs;
let run;
const state = {};

/** Opens a workspace file through Quick Open (Ctrl+P), retrying while the file search is still warming up. */
async function openFile(file, ctx) {
  const base = path.posix.basename(file);
  const dir = path.posix.dirname(file);
  await ctx.until(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    await page.locator(SEL.quickInput).waitFor({ state: 'visible', timeout: 5000 });
    await page.keyboard.type(file);
    const row = page.locator(SEL.quickInputRow).filter({ hasText: base }).filter({ hasText: dir === '.' ? base : dir }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: Math.min(8000, ctx.left()) });
    } catch {
      return false;
    }
    await row.click();
    return true;
  }, `Quick Open to list ${file}`);
  await page.locator(editorSel(file)).waitFor({ state: 'visible', timeout: ctx.left() });
}

/** Problems rows in display order, each marker row tagged with the file row above it. */
async function problems() {
  return page.locator(SEL.markersRow).evaluateAll((rows) => {
    const sorted = rows
      .map((r) => ({ i: Number(r.getAttribute('data-index')), label: r.getAttribute('aria-label') || '', text: r.textContent || '' }))
      .sort((a, b) => a.i - b.i);
    let file = '';
    let folder = '';
    const out = [];
    for (const r of sorted) {
      const m = /problems? in file (.+?)(?: of folder (.+))?$/.exec(r.label);
      if (m) { file = m[1]; folder = m[2] || ''; continue; }
      const pos = /\[Ln (\d+), Col (\d+)\]/.exec(r.text);
      out.push({ file, folder, label: r.label, text: r.text, line: pos ? Number(pos[1]) : 0, col: pos ? Number(pos[2]) : 0, index: r.i });
    }
    return out;
  });
}
const isSupportFile = (p) => p.file === path.posix.basename(S.support.file)
  && (!p.folder || p.folder === path.posix.dirname(S.support.file) || S.support.file.endsWith(`${p.folder}/${p.file}`));

/** Opens Problems filtered to the support page: the list is virtualised, so rows below the fold are not in the DOM. */
async function showProblems() {
  if (!(await page.locator('.markers-panel').isVisible())) await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 5000 });
  const filter = page.locator(SEL.problemsFilter).first();
  const glob = `**/${S.support.file}`;
  if ((await filter.inputValue()) !== glob) await filter.fill(glob);
}

async function openClustersView() {
  const container = page.locator(SEL.container);
  await container.waitFor({ state: 'visible', timeout: 10_000 }).catch(async () => {
    const labels = await page.locator('.activitybar .action-label').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    throw new Error(`no activity bar container labelled Pillarlink; containers: ${labels.join(', ')}`);
  });
  if ((await page.locator(VIEW).count()) === 0 || !(await page.locator(VIEW).isVisible())) await container.click();
  await clustersRows().first().waitFor({ state: 'visible', timeout: 10_000 });
}

/** Rows of the Clusters view only (the container may hold more views, each with its own list). */
function clustersRows() {
  const panes = page.locator(`${VIEW} .pane`);
  return panes.filter({ has: page.locator('.pane-header', { hasText: /Clusters/i }) }).or(panes.filter({ has: page.locator('[id="pillarlink.clusters"]') }))
    .first().locator('.monaco-list-row');
}

async function treeRows() {
  return clustersRows().evaluateAll((rows) => rows
    .map((r) => ({
      i: Number(r.getAttribute('data-index')),
      label: r.getAttribute('aria-label') || '',
      expanded: r.getAttribute('aria-expanded'),
      name: r.querySelector('.label-name')?.textContent || '',
      description: r.querySelector('.label-description')?.textContent || '',
      text: r.textContent || '',
    }))
    .sort((a, b) => a.i - b.i));
}

/** Expands the configured cluster (if collapsed) and returns the support page's row description. */
async function supportRowDescription(ctx) {
  await openClustersView();
  const rows = await ctx.until(async () => {
    const all = await treeRows();
    return all.some((r) => r.text.includes(S.cluster)) && all;
  }, `a Clusters row for cluster "${S.cluster}"`);
  const cluster = rows.find((r) => r.text.includes(S.cluster));
  if (cluster.expanded === 'false') {
    await clustersRows().filter({ hasText: S.cluster }).first().click();
  }
  const row = await ctx.until(async () => (await treeRows()).find((r) => r.text.includes(S.support.title) && r.i > cluster.i), `a row for "${S.support.title}" under the cluster`);
  state.treeRows = await treeRows();
  return row;
}

const lastRowError = (e) => new Error(`${e.message}${state.lastRow ? `; last row: name "${state.lastRow.name}", description "${state.lastRow.description}"` : ''}`);

/** Moves the cursor to a 1-based line through Quick Open's ":<line>" mode, which also scrolls it into view. */
async function gotoLine(line) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  await page.locator(SEL.quickInput).waitFor({ state: 'visible', timeout: 5000 });
  await page.keyboard.type(`:${line}`);
  await page.keyboard.press('Enter');
  await page.locator(SEL.quickInput).waitFor({ state: 'hidden', timeout: 5000 });
}

/** Screen rectangle of `needle` inside the given editor's rendered lines, if visible. */
async function textRect(file, needle) {
  return page.locator(`${editorSel(file)} .view-lines`).evaluate((root, needle) => {
    for (const line of root.querySelectorAll('.view-line')) {
      const text = (line.textContent || '').replace(/\u00a0/g, ' ');
      const at = text.indexOf(needle);
      if (at < 0) continue;
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let offset = 0;
      let started = false;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const len = n.textContent.length;
        if (!started && at < offset + len) { range.setStart(n, at - offset); started = true; }
        if (started && at + needle.length <= offset + len) { range.setEnd(n, at + needle.length - offset); break; }
        offset += len;
      }
      const r = range.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }
    return null;
  }, needle);
}

// 1. Workbench with the example site.
step('open-workspace', 60_000, async (ctx) => {
  await page.goto(`${cs.url}/?folder=${encodeURIComponent(state.ws)}`);
  await page.locator(SEL.explorerRow).first().waitFor({ state: 'visible', timeout: ctx.left() });
}, { fatal: true });

// 2. Problems panel shows missing-target-link for the support page, at the expected line.
step('problems', 45_000, async (ctx) => {
  await openFile(S.support.file, ctx);
  // The panel can re-render and drop its filter while diagnostics arrive: re-apply it on every poll.
  const marker = await ctx.until(async () => { await showProblems(); return (await problems()).find((p) => isSupportFile(p) && p.text.includes('missing-target-link')); },
    `a missing-target-link row for ${S.support.file} in Problems`);
  state.marker = marker;
  ctx.note(`row: ${marker.label} | ${marker.text}`);
  if (!marker.text.includes('pillarlink')) throw new Error(`row does not name the source pillarlink: ${marker.text}`);
  if (!/No contextual link to the cluster's target/.test(marker.text)) throw new Error(`unexpected message: ${marker.text}`);
  if (S.support.line && marker.line !== S.support.line) throw new Error(`diagnostic at line ${marker.line}, expected ${S.support.line}`);
  await page.locator(`${editorSel(S.support.file)} .squiggly-warning, ${editorSel(S.support.file)} .squiggly-error, ${editorSel(S.support.file)} .squiggly-info`)
    .first().waitFor({ state: 'visible', timeout: ctx.left() });
});

// 3. Clusters view before the fix: the support page has no link to its target.
step('tree-before', 30_000, async (ctx) => {
  const row = await ctx.until(async () => {
    const r = await supportRowDescription(ctx);
    state.lastRow = r;
    return r.text.includes('no link to target') && r;
  }, `"${S.support.title}" described as "no link to target"`).catch((e) => { throw lastRowError(e); });
  ctx.note(`row: ${row.label}`);
});

// 4. Quick fix inserts a contextual link into the sentence; the diagnostic disappears.
step('quickfix', 45_000, async (ctx) => {
  const file = path.join(state.ws, S.support.file);
  const before = fs.readFileSync(file, 'utf8').split('\n');
  await showProblems();
  let chosen;
  for (let attempt = 1; attempt <= 3 && !chosen; attempt++) {
    // Clicking the marker selects its range in the editor; Ctrl+1 focuses the editor without moving the selection.
    await page.locator(SEL.markersRow).filter({ hasText: 'missing-target-link' }).first().click();
    await page.keyboard.press('Control+1');
    await ctx.until(async () => {
      const sel = await page.locator('.statusbar-item[id="status.editor.selection"]').textContent();
      return sel && sel.includes(`Ln ${state.marker.line},`);
    }, `the cursor on line ${state.marker.line}`);
    await page.keyboard.press('Control+.');
    try {
      await page.locator(SEL.actionRow).first().waitFor({ state: 'visible', timeout: Math.min(5000, ctx.left()) });
      const items = await page.locator(SEL.actionRow).allTextContents();
      ctx.note(`attempt ${attempt}: quick fixes ${JSON.stringify(items)}`);
      const idx = items.findIndex((t) => t.trim().startsWith('Link "') && t.includes('→') && t.includes('(target)'));
      if (idx >= 0) chosen = { idx, text: items[idx].trim() };
      else await page.keyboard.press('Escape');
    } catch (e) {
      ctx.note(`attempt ${attempt}: ${e.message.split('\n')[0]}`);
      await page.keyboard.press('Escape');
    }
  }
  if (!chosen) throw new Error('no quick fix starting with `Link "` containing → and (target)');
  await page.screenshot({ path: ctx.shot('menu') });
  await page.locator(SEL.actionRow).nth(chosen.idx).click();
  await page.locator(SEL.actionRow).first().waitFor({ state: 'hidden', timeout: 5000 });
  await page.keyboard.press('Control+S');
  const lineNo = (S.support.fixLine ?? S.support.line ?? state.marker.line) - 1;
  const link = /\[([^\]\n]+)\]\(([^)\s]+)\)/;
  const after = await ctx.until(() => {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    return lines.some((l, i) => link.test(l) && l !== before[i]) && lines;
  }, `${S.support.file} saved with a new Markdown link`);
  const changed = after.findIndex((l, i) => l !== before[i]);
  const line = after[lineNo];
  ctx.note(`chose: ${chosen.text}`);
  ctx.note(`line ${lineNo + 1} before: ${before[lineNo]}`);
  ctx.note(`line ${lineNo + 1} after:  ${line}`);
  const m = link.exec(line ?? '');
  if (!m) throw new Error(`line ${lineNo + 1} has no Markdown link (first changed line is ${changed + 1}: ${after[changed]})`);
  if (S.support.anchorIncludes && !m[1].toLowerCase().includes(S.support.anchorIncludes.toLowerCase())) throw new Error(`anchor "${m[1]}" lacks "${S.support.anchorIncludes}"`);
  if (S.support.urlIncludes && !m[2].includes(S.support.urlIncludes)) throw new Error(`url "${m[2]}" lacks "${S.support.urlIncludes}"`);
  const outside = line.replace(m[0], ' ');
  if (!/\w/.test(outside)) throw new Error(`the link is not inside a sentence: ${line}`);
  if (line.replace(m[0], m[1]) === before[lineNo]) ctx.note('the link wraps words that were already in the sentence');
  await ctx.until(async () => { await showProblems(); return !(await problems()).some((p) => isSupportFile(p) && p.text.includes('missing-target-link')); },
    'the missing-target-link row to disappear');
});

// 5. Clusters view after the fix: the page now links up.
step('tree-after', 30_000, async (ctx) => {
  state.lastRow = undefined;
  const row = await ctx.until(async () => {
    const r = await supportRowDescription(ctx);
    state.lastRow = r;
    return r.text.includes('links up ✓') && r;
  }, `"${S.support.title}" described as "links up ✓"`).catch((e) => { throw lastRowError(e); });
  ctx.note(`rows: ${state.treeRows.map((r) => r.label).join(' | ')}`);
  ctx.note(`row: ${row.label}`);
});

// 6. Hovering a Markdown link shows the destination's title.
step('hover', 30_000, async (ctx) => {
  await openFile(S.link.file, ctx);
  const needle = `[${S.link.text}]`;
  const lines = fs.readFileSync(path.join(state.ws, S.link.file), 'utf8').split('\n');
  const at = lines.findIndex((l) => l.includes(`${needle}(`));
  if (at < 0) throw new Error(`${S.link.file} has no link ${needle}(…)`);
  await gotoLine(at + 1);
  // A wrapped line may split the link across visual lines: fall back to the bare anchor text.
  const rect = await ctx.until(async () => (await textRect(S.link.file, needle)) ?? (await textRect(S.link.file, S.link.text)),
    `the link ${needle} (line ${at + 1}) rendered in ${S.link.file}`);
  const hover = page.locator(SEL.hover).filter({ hasText: S.link.destTitle });
  // Approach the link from beside it so the editor sees a real mouse move onto the text.
  await page.mouse.move(rect.x + rect.width / 2, rect.y - 40);
  await page.mouse.move(rect.x + rect.width / 2, rect.y + rect.height / 2, { steps: 5 });
  try {
    await hover.first().waitFor({ state: 'visible', timeout: Math.min(5000, ctx.left()) });
  } catch {
    ctx.note('mouse hover did not show; falling back to Ctrl+K Ctrl+I at the link');
    await page.mouse.click(rect.x + rect.width / 2, rect.y + rect.height / 2);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await hover.first().waitFor({ state: 'visible', timeout: ctx.left() });
  }
  ctx.note(`hover: ${(await hover.first().textContent()).slice(0, 200)}`);
});

// 7. The target page carries a code lens counting its support pages.
step('codelens', 30_000, async (ctx) => {
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
  await openFile(S.target.file, ctx);
  const lens = page.locator(`${editorSel(S.target.file)} ${SEL.codeLens}`).filter({ hasText: 'support pages' });
  await lens.first().waitFor({ state: 'visible', timeout: ctx.left() });
  ctx.note(`lens: ${await lens.first().textContent()}`);
});

// 8. The status bar names the page's cluster.
step('statusbar', 10_000, async (ctx) => {
  const item = await ctx.until(async () => {
    const items = await page.locator(SEL.statusItem).evaluateAll((els) => els.map((e) => ({ id: e.id, label: e.getAttribute('aria-label') || '', text: e.textContent || '' })));
    return items.find((i) => i.text.includes(S.cluster) || i.label.includes(S.cluster));
  }, `a Pillarlink status bar item naming cluster "${S.cluster}"`);
  ctx.note(`item: ${JSON.stringify(item)}`);
});

// 9. The server log is clean.
step('server-log', 10_000, async (ctx) => {
  const logs = await ctx.until(() => {
    const found = outputChannelLogs(cs.userData).filter((f) => /(^|[-/])Pillarlink\.log$/.test(f));
    return found.length > 0 && found;
  }, 'the "Pillarlink" output channel log');
  const bad = [];
  for (const f of logs) {
    // Matches the client's "[Error - time]" lines and a log channel's "[error]" level alike.
    for (const l of fs.readFileSync(f, 'utf8').split('\n')) if (/\[error/i.test(l) || l.includes('Unhandled')) bad.push(l);
  }
  ctx.note(`${logs.length} log file(s): ${logs.map((f) => path.relative(cs.userData, f)).join(', ')}`);
  if (bad.length) throw new Error(`${bad.length} bad line(s):\n${bad.slice(0, 10).join('\n')}`);
});

// The graph webview: code-server nests it as iframe.webview (its URL names the extension) → iframe#active-frame.
const EXTENSION_ID = (() => {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    return `${pkg.publisher}.${pkg.name}`;
  } catch {
    return 'pillarlink.pillarlink';
  }
})();

/** The inner frame of the Pillarlink graph webview, once its document has the graph's #stage. */
async function graphFrame() {
  for (const f of page.frames()) {
    const parent = f.parentFrame();
    if (!parent || !decodeURIComponent(parent.url()).toLowerCase().includes(`extensionid=${EXTENSION_ID.toLowerCase()}`)) continue;
    if ((await f.locator('#stage').count().catch(() => 0)) > 0) return f;
  }
  return null;
}

/** What the webview draws: nodes (class, aria-label, label box), edges (class, ends, computed colours), theme colours. */
async function graphState(frame) {
  return frame.evaluate(() => {
    const rect = (r) => ({ x: r.x, y: r.y, w: r.width, h: r.height });
    const svg = document.querySelector('#stage svg.graph');
    const body = getComputedStyle(document.body);
    const base = {
      bodyClass: document.body.className,
      bg: body.backgroundColor,
      fg: body.color,
      title: document.getElementById('title')?.textContent || '',
      facts: document.getElementById('facts')?.textContent || '',
      message: document.querySelector('#stage .message')?.textContent || '',
      viewport: { w: window.innerWidth, h: window.innerHeight },
    };
    if (!svg) return { ...base, svg: null, nodes: [], edges: [] };
    const nodes = [...svg.querySelectorAll('g.node')].map((g) => {
      const c = g.querySelector('circle');
      const t = g.querySelector('text.label');
      const cs = getComputedStyle(c);
      return {
        cls: g.getAttribute('class') || '',
        aria: g.getAttribute('aria-label') || '',
        label: t?.textContent || '',
        labelFill: t ? getComputedStyle(t).fill : '',
        labelBox: t ? rect(t.getBoundingClientRect()) : null,
        cx: Number(c.getAttribute('cx')), cy: Number(c.getAttribute('cy')), r: Number(c.getAttribute('r')),
        fill: cs.fill, stroke: cs.stroke,
      };
    });
    const edges = [...svg.querySelectorAll('line.edge')].map((l) => {
      const cs = getComputedStyle(l);
      const n = (a) => Number(l.getAttribute(a));
      return { cls: l.getAttribute('class') || '', x1: n('x1'), y1: n('y1'), x2: n('x2'), y2: n('y2'), stroke: cs.stroke, dash: cs.strokeDasharray, opacity: Number(cs.opacity) };
    });
    return { ...base, svg: rect(svg.getBoundingClientRect()), nodes, edges };
  });
}

const rgbOf = (css) => {
  const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(css || '');
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
};
/** Alpha of a computed colour: rgba(r, g, b, a), or color(srgb r g b / a) as relative colours serialise. */
const alphaOf = (css) => {
  const m = /^rgba\(.*,\s*([\d.]+)\s*\)$/.exec(css || '') || /\/\s*([\d.]+)(%?)\s*\)$/.exec(css || '');
  return m ? Number(m[1]) / (m[2] === '%' ? 100 : 1) : 1;
};
/** WCAG relative luminance (0 black … 1 white). */
const luminance = (rgb) => {
  const [r, g, b] = rgb.map((v) => { const c = v / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };

/** The node an edge end touches: its circle's rim is where the webview starts and ends lines. */
const nodeAt = (nodes, x, y) => {
  let best = null;
  for (const n of nodes) {
    const gap = Math.abs(Math.hypot(x - n.cx, y - n.cy) - n.r);
    if (!best || gap < best.gap) best = { n, gap };
  }
  return best && best.gap <= 8 ? best.n : null;
};

/** Checks shared by both themes: labels legible against the background and not cut off by the webview. */
function checkLegible(g, ctx) {
  const bg = rgbOf(g.bg);
  if (!bg) throw new Error(`webview body background is not a colour: "${g.bg}"`);
  const problems = [];
  for (const n of g.nodes) {
    const fill = rgbOf(n.labelFill);
    if (!fill) { problems.push(`label "${n.label}" has no fill colour ("${n.labelFill}")`); continue; }
    const ratio = contrast(fill, bg);
    if (ratio < 4.5) problems.push(`label "${n.label}" contrast ${ratio.toFixed(2)} (${n.labelFill} on ${g.bg}), expected at least 4.5`);
    const b = n.labelBox;
    if (b && (b.x < g.svg.x - 1 || b.y < g.svg.y - 1 || b.x + b.w > g.svg.x + g.svg.w + 1 || b.y + b.h > g.svg.y + g.svg.h + 1)) {
      problems.push(`label "${n.label}" at x ${b.x.toFixed(0)}..${(b.x + b.w).toFixed(0)}, y ${b.y.toFixed(0)}..${(b.y + b.h).toFixed(0)} is cut off by the picture (x ${g.svg.x.toFixed(0)}..${(g.svg.x + g.svg.w).toFixed(0)}, y ${g.svg.y.toFixed(0)}..${(g.svg.y + g.svg.h).toFixed(0)})`);
    }
  }
  // Node colours must be opaque: a translucent theme colour lets edges show through and fades the link-up rings.
  for (const n of g.nodes) {
    if (alphaOf(n.fill) < 1) problems.push(`node "${n.label}" is filled with translucent ${n.fill}`);
    if (/\bup-(none|boiler)\b/.test(n.cls) && alphaOf(n.stroke) < 1) problems.push(`node "${n.label}" has a translucent link-up ring ${n.stroke}`);
  }
  const fg = rgbOf(g.fg);
  if (fg && contrast(fg, bg) < 4.5) problems.push(`text colour ${g.fg} on ${g.bg} has contrast ${contrast(fg, bg).toFixed(2)}, expected at least 4.5`);
  if (problems.length) throw new Error(problems.join('; '));
  ctx.note(`node colours: ${g.nodes.map((n) => `${n.cls.match(/\br-[\w-]+/)?.[0] ?? n.cls} ${n.fill} / ${n.stroke}`).join(', ')}`);
  const heights = g.nodes.map((n) => n.labelBox?.h ?? 0);
  ctx.note(`labels ${Math.min(...heights).toFixed(1)}–${Math.max(...heights).toFixed(1)} px high on screen`);
  ctx.note(`background ${g.bg}, text ${g.fg}, label contrast ≥ ${Math.min(...g.nodes.map((n) => contrast(rgbOf(n.labelFill), bg))).toFixed(1)}`);
}

/**
 * Picks a colour theme the way a user does (Preferences: Color Theme) and waits for the workbench to apply it.
 * (Writing workbench.colorTheme into the user settings file was not always picked up late in a session.)
 */
async function setColorTheme(label, kind, ctx) {
  const themeClass = () => page.locator('.monaco-workbench').first().evaluate((el, kind) => el.classList.contains(kind), kind);
  if (await themeClass()) return;
  await ctx.until(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+P');
    await page.locator(SEL.quickInput).waitFor({ state: 'visible', timeout: 5000 });
    await page.keyboard.type('Preferences: Color Theme');
    // Click rows by their exact label: the focused row may be a recently used neighbour ("Browse Color Themes…").
    const row = (text) => page.locator(SEL.quickInputRow).filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${text}\\s*$`) }) }).first();
    try {
      await row('Preferences: Color Theme').click({ timeout: Math.min(5000, ctx.left()) });
      await page.keyboard.type(label);
      await row(label).click({ timeout: Math.min(5000, ctx.left()) });
    } catch {
      return false;
    }
    return poll(themeClass, { ms: Math.min(5000, ctx.left()), what: `the workbench class ${kind}` }).catch(() => false);
  }, `the workbench to switch to the "${label}" theme (class ${kind})`);
  await page.locator(SEL.quickInput).waitFor({ state: 'hidden', timeout: ctx.left() });
  // The picker closed under the pointer: move it off the tab bar so no tooltip covers the screenshot.
  await page.mouse.move(5, 5);
}

/** A red-dominant colour, as --vscode-charts-red is in every built-in theme. */
const isRed = (css) => { const c = rgbOf(css); return !!c && c[0] >= 150 && c[0] > c[1] + 60 && c[0] > c[2] + 60; };

// 10. The cluster graph of the target page, dark theme: the target, its support pages, and red dashed
//     "missing link up" edges from exactly the support pages that still lack a contextual link (after step 4).
step('graph-dark', 60_000, async (ctx) => {
  await page.mouse.move(5, 5);
  // Headless chromium prefers a light scheme, and code-server's default theme follows it: ask for dark explicitly.
  await setColorTheme('Dark Modern', 'vs-dark', ctx);
  await openFile(S.target.file, ctx);
  await page.mouse.move(5, 5); // off the tab bar the Quick Open row was clicked above
  // Ground truth from the CLI the vsix ships, run on the same (edited) workspace copy.
  const cli = fs.readdirSync(cs.extDir).map((d) => path.join(cs.extDir, d, 'out', 'cli.js')).find((p) => p.includes(EXTENSION_ID) && fs.existsSync(p));
  if (!cli) throw new Error(`no out/cli.js in the installed extension under ${cs.extDir}`);
  const r = spawnSync(process.execPath, [cli, 'clusters', state.ws, '--format', 'json', '--workers', '0'], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(`pillarlink clusters exited ${r.status}: ${r.stderr}`);
  const cluster = JSON.parse(r.stdout).clusters.find((c) => c.id === S.cluster || c.name === S.cluster);
  if (!cluster) throw new Error(`the CLI lists no cluster "${S.cluster}"`);
  if (!cluster.targets.includes(S.target.file)) throw new Error(`the CLI names targets ${cluster.targets.join(', ')} for "${S.cluster}", not ${S.target.file}`);
  const lacking = cluster.members.filter((m) => !m.linksToTarget).map((m) => m.file);
  if (lacking.includes(S.support.file)) throw new Error(`after the quick fix the CLI still says ${S.support.file} lacks a link up`);
  ctx.note(`CLI: ${cluster.members.length} support pages; without a contextual link up: ${lacking.join(', ') || 'none'}`);

  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+P');
  await page.locator(SEL.quickInput).waitFor({ state: 'visible', timeout: 5000 });
  await page.keyboard.type('Pillarlink: Show Cluster Graph');
  await page.locator(`${SEL.quickInputRow}.focused`).filter({ hasText: 'Show Cluster Graph' }).waitFor({ state: 'visible', timeout: ctx.left() });
  await page.keyboard.press('Enter');

  const g = await ctx.until(async () => {
    const f = await graphFrame();
    if (!f) return false;
    state.graphFrame = f;
    const s = await graphState(f);
    state.lastGraph = s;
    return s.svg && s.nodes.some((n) => n.aria.includes(S.target.file) && n.label.includes(S.target.title)) && s;
  }, `the graph webview to draw a node labelled "${S.target.title}"`).catch((e) => {
    const frames = page.frames().map((f) => f.url().slice(0, 160)).join('\n  ');
    throw new Error(`${e.message}; last state: ${JSON.stringify(state.lastGraph ?? null).slice(0, 400)}; frames:\n  ${frames}`);
  });
  ctx.note(`title "${g.title}", facts "${g.facts}", body class "${g.bodyClass}", picture ${g.svg.w.toFixed(0)}×${g.svg.h.toFixed(0)} px`);
  if (!/\bvscode-dark\b/.test(g.bodyClass) || luminance(rgbOf(g.bg) ?? [255, 255, 255]) > 0.2) throw new Error(`webview is not dark: body class "${g.bodyClass}", background ${g.bg}`);
  ctx.note(`nodes: ${g.nodes.map((n) => `${n.label} [${n.cls.replace(/\bnode\b|\bclickable\b/g, '').trim()}]`).join(' | ')}`);
  if (!g.title.includes(S.cluster)) throw new Error(`webview title "${g.title}" does not name cluster "${S.cluster}"`);

  const target = g.nodes.find((n) => n.aria.includes(S.target.file));
  const byFile = new Map(cluster.members.map((m) => [m.file, g.nodes.find((n) => n.aria.includes(m.file))]));
  const absent = [...byFile].filter(([, n]) => !n).map(([f]) => f);
  if (absent.length) throw new Error(`no graph node for support page(s) ${absent.join(', ')}`);
  if (byFile.size < 3) throw new Error(`cluster "${S.cluster}" has ${byFile.size} support pages, the check needs at least 3`);
  if (g.nodes.length !== cluster.members.length + cluster.targets.length) throw new Error(`${g.nodes.length} nodes drawn, expected ${cluster.members.length + cluster.targets.length} (targets and support pages)`);
  const fixed = byFile.get(S.support.file);
  if (/\bup-none\b/.test(fixed.cls) || fixed.aria.includes('No contextual link up')) throw new Error(`the fixed page "${fixed.label}" is still drawn without a link up (${fixed.cls})`);

  // Every missing edge runs from a page the CLI lists as lacking a link, to the target, drawn red and dashed.
  const missing = g.edges.filter((e) => /\be-missing\b/.test(e.cls));
  const from = new Set();
  for (const e of missing) {
    const a = nodeAt(g.nodes, e.x1, e.y1);
    const b = nodeAt(g.nodes, e.x2, e.y2);
    const file = a && [...byFile].find(([, n]) => n === a)?.[0];
    if (!file || b !== target) throw new Error(`a missing-link edge runs from ${a ? `"${a.label}"` : `(${e.x1}, ${e.y1})`} to ${b ? `"${b.label}"` : `(${e.x2}, ${e.y2})`}, expected a support page → "${target.label}"`);
    if (!isRed(e.stroke)) throw new Error(`the missing-link edge from "${a.label}" is drawn in ${e.stroke}, expected red`);
    if (!e.dash || e.dash === 'none') throw new Error(`the missing-link edge from "${a.label}" is not dashed`);
    from.add(file);
  }
  const want = new Set(lacking);
  const extra = [...from].filter((f) => !want.has(f));
  const lackingEdge = lacking.filter((f) => !from.has(f));
  if (extra.length || lackingEdge.length) {
    throw new Error(`missing-link edges from [${[...from].join(', ')}], expected from [${lacking.join(', ')}] (the pages the CLI reports without a contextual link up)`);
  }
  ctx.note(`${missing.length} red missing-link edge(s) (${missing.map((e) => e.stroke).join(', ')}), from ${[...from].map((f) => byFile.get(f).label).join(', ') || 'no page'}; ${g.edges.length - missing.length} link edge(s)`);
  checkLegible(g, ctx);
  await page.locator('iframe.webview').first().screenshot({ path: ctx.shot('webview') });
});

// 11. The same graph follows a light colour theme: the webview's background turns light, labels stay legible.
step('graph-light', 45_000, async (ctx) => {
  await setColorTheme('Light Modern', 'vs', ctx);
  const g = await ctx.until(async () => {
    const f = await graphFrame();
    if (!f) return false;
    const s = await graphState(f);
    state.lastGraph = s;
    const bg = rgbOf(s.bg);
    return s.svg && s.nodes.length > 0 && bg && luminance(bg) > 0.7 && s;
  }, 'the graph webview background to turn light').catch((e) => {
    throw new Error(`${e.message}; last background ${state.lastGraph?.bg}, body class "${state.lastGraph?.bodyClass}"`);
  });
  ctx.note(`body class "${g.bodyClass}", ${g.nodes.length} nodes, ${g.edges.length} edges`);
  if (!/\bvscode-light\b/.test(g.bodyClass)) throw new Error(`body class "${g.bodyClass}" lacks vscode-light`);
  const missing = g.edges.filter((e) => /\be-missing\b/.test(e.cls));
  const bad = missing.filter((e) => !isRed(e.stroke));
  if (bad.length) throw new Error(`missing-link edges drawn in ${bad.map((e) => e.stroke).join(', ')}, expected red`);
  checkLegible(g, ctx);
  await page.locator('iframe.webview').first().screenshot({ path: ctx.shot('webview') });
});

// ---------------------------------------------------------------------------------------------

async function main() {
  fs.rmSync(CONFIG.artifacts, { recursive: true, force: true });
  fs.mkdirSync(CONFIG.artifacts, { recursive: true });
  if (!fs.existsSync(CONFIG.vsix)) throw new Error(`no extension package at ${CONFIG.vsix}: run npm run package (or set PILLARLINK_VSIX)`);
  if (!fs.existsSync(CONFIG.examples)) throw new Error(`no example site at ${CONFIG.examples}`);
  run = fs.mkdtempSync(path.join(os.tmpdir(), 'pillarlink-e2e-'));
  state.ws = path.join(run, 'ws');
  fs.cpSync(CONFIG.examples, state.ws, { recursive: true });
  log(`run dir ${run}; vsix ${CONFIG.vsix}`);
  cs = await startCodeServer({
    run,
    vsix: CONFIG.vsix,
    settings: { 'pillarlink.trace.server': 'verbose', 'workbench.secondarySideBar.defaultVisibility': 'hidden' },
    log,
  });
  const browser = await launchBrowser();
  const results = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (e) => fs.appendFileSync(path.join(CONFIG.artifacts, 'browser-console.log'), `pageerror: ${e.message}\n`));
    page.on('console', (m) => fs.appendFileSync(path.join(CONFIG.artifacts, 'browser-console.log'), `${m.type()}: ${m.text()}\n`));
    let skipRest = '';
    for (const [i, s] of steps.entries()) {
      const nn = String(i + 1).padStart(2, '0');
      const shot = path.join(CONFIG.artifacts, `${nn}-${s.name}.png`);
      const notes = [];
      const started = Date.now();
      const deadline = started + s.ms;
      const ctx = {
        left: () => Math.max(1, deadline - Date.now()),
        until: (fn, what) => poll(fn, { ms: Math.max(1, deadline - Date.now()), what }),
        note: (n) => { notes.push(n); log(`  ${s.name}: ${n}`); },
        shot: (suffix) => path.join(CONFIG.artifacts, `${nn}-${s.name}-${suffix}.png`),
      };
      let error;
      if (skipRest) {
        error = new Error(`skipped: ${skipRest}`);
      } else {
        let timer;
        try {
          await Promise.race([
            s.fn(ctx),
            new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`step deadline of ${s.ms} ms exceeded`)), s.ms + 2000); }),
          ]);
        } catch (e) {
          error = e;
        } finally {
          clearTimeout(timer);
        }
        await page.screenshot({ path: shot }).catch((e) => notes.push(`screenshot failed: ${e.message}`));
      }
      const ms = Date.now() - started;
      results.push({ step: `${nn}-${s.name}`, ok: !error, ms, error: error?.message, notes, screenshot: skipRest ? undefined : shot });
      log(`${error ? 'FAIL' : 'ok  '} ${nn}-${s.name} (${ms} ms)${error ? `: ${error.message}` : ''}`);
      if (error && s.fatal && !skipRest) skipRest = `${nn}-${s.name} failed`;
    }
  } finally {
    await browser.close().catch(() => {});
    await cs.stop();
    const copied = copyLogs(cs.userData, path.join(CONFIG.artifacts, 'logs'));
    for (const f of ['code-server.log', 'install-extension.log']) {
      if (fs.existsSync(path.join(run, f))) fs.copyFileSync(path.join(run, f), path.join(CONFIG.artifacts, 'logs', f));
    }
    log(`copied ${copied.length} log file(s) to ${path.join(CONFIG.artifacts, 'logs')}`);
    if (!CONFIG.keep) fs.rmSync(run, { recursive: true, force: true });
  }
  fs.writeFileSync(path.join(CONFIG.artifacts, 'results.json'), JSON.stringify({ vsix: CONFIG.vsix, scenario: S, results }, null, 2));
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

// Run only when executed directly: the extension-host runners import SCENARIO from here.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then((code) => { process.exitCode = code; }, (e) => {
    console.error(e.stack || String(e));
    console.log(`0 passed, ${steps.length} failed`);
    process.exitCode = 1;
  });
}
