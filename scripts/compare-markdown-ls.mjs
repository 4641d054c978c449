#!/usr/bin/env node
// Side by side: Pillarlink's language server (out/server.js over stdio) and
// vscode-markdown-languageservice (the service behind VS Code's built-in Markdown support), asked
// the same questions on the same fixture. Prints a Markdown table (docs/navigation.md) or JSON.
//
//   node esbuild.mjs && node scripts/compare-markdown-ls.mjs [fixture] [--json] [--mdls <node_modules dir>]
//
// vscode-markdown-languageservice is not a dependency of Pillarlink: install it (0.4.0, with
// markdown-it 13) anywhere and point --mdls (or MDLS_NODE_MODULES) at that node_modules folder.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const mdlsAt = args.includes('--mdls') ? args[args.indexOf('--mdls') + 1] : process.env.MDLS_NODE_MODULES;
const fixture = path.resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--mdls') ?? path.join(REPO, 'test/fixtures/navigation/site'));

const repoRequire = createRequire(path.join(REPO, 'package.json'));
function load(name) {
  for (const base of [mdlsAt, path.join(REPO, 'node_modules')].filter(Boolean)) {
    try {
      return createRequire(path.join(base, 'noop.js'))(name);
    } catch {
      // Try the next place.
    }
  }
  console.error(`Cannot load ${name}. Install vscode-markdown-languageservice@0.4.0 markdown-it@13 vscode-languageserver-textdocument vscode-uri somewhere and pass --mdls <that>/node_modules.`);
  process.exit(2);
}
const md = load('vscode-markdown-languageservice');
const MarkdownIt = load('markdown-it');
const { TextDocument } = load('vscode-languageserver-textdocument');
const { URI } = load('vscode-uri');
const rpc = repoRequire('vscode-jsonrpc/node');

// ---- the fixture as documents ----
const files = [];
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else files.push(path.relative(fixture, p).split(path.sep).join('/'));
  }
})(fixture);
const uriOf = (rel) => pathToFileURL(path.join(fixture, rel)).href;
const relOf = (uri) => path.relative(fixture, fileURLToPath(uri.split('#')[0])).split(path.sep).join('/');
const textOf = (rel) => fs.readFileSync(path.join(fixture, rel), 'utf8');
const docs = new Map(files.filter((f) => /\.(md|mdx|markdown)$/.test(f)).map((f) => [f, TextDocument.create(uriOf(f), f.endsWith('.mdx') ? 'mdx' : 'markdown', 1, textOf(f))]));
/** VS Code hands the service only documents of the `markdown` language: `.mdx` is not one. */
const markdownDocs = [...docs.entries()].filter(([f]) => !f.endsWith('.mdx'));

function posOf(rel, needle, delta = 0) {
  const text = textOf(rel);
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`${needle} not in ${rel}`);
  return docs.get(rel).positionAt(i + delta);
}

// ---- vscode-markdown-languageservice ----
const noEvent = () => ({ dispose() {} });
const workspace = {
  workspaceFolders: [URI.file(fixture)],
  onDidChangeMarkdownDocument: noEvent,
  onDidCreateMarkdownDocument: noEvent,
  onDidDeleteMarkdownDocument: noEvent,
  async getAllMarkdownDocuments() { return markdownDocs.map(([, d]) => d); },
  hasMarkdownDocument(resource) { return markdownDocs.some(([f]) => uriOf(f) === resource.toString()); },
  async openMarkdownDocument(resource) { return markdownDocs.find(([f]) => uriOf(f) === resource.toString())?.[1]; },
  async stat(resource) {
    try {
      return { isDirectory: fs.statSync(resource.fsPath).isDirectory() };
    } catch {
      return undefined;
    }
  },
  async readDirectory(resource) {
    return fs.readdirSync(resource.fsPath, { withFileTypes: true }).map((e) => [e.name, { isDirectory: e.isDirectory() }]);
  },
};
const mdit = MarkdownIt({ html: true });
// VS Code's markdown-it runs the front-matter plugin: blank the block out, keeping line numbers.
const withoutFrontmatter = (text) => text.replace(/^---\r?\n[\s\S]*?\r?\n---(?=\r?\n)/, (m) => m.replace(/[^\r\n]/g, ''));
const parser = { slugifier: md.githubSlugifier, async tokenize(doc) { return mdit.parse(withoutFrontmatter(doc.getText()), {}); } };
const logger = { level: 0, log() {} };
const ls = md.createLanguageService({ workspace, parser, logger });
const token = { isCancellationRequested: false, onCancellationRequested: noEvent };

async function vscodeLinks(rel) {
  const links = await ls.getDocumentLinks(docs.get(rel), token);
  const out = [];
  for (const l of links) {
    const r = l.target ? l : await ls.resolveDocumentLink(l, token);
    const text = docs.get(rel).getText(l.range);
    out.push({ text, target: r?.target ? describeTarget(r.target) : '(unresolved)' });
  }
  return out;
}

function describeTarget(target) {
  if (target.startsWith('command:')) {
    try {
      const arg = JSON.parse(decodeURIComponent(target.slice(target.indexOf('?') + 1)));
      const a = Array.isArray(arg) ? arg[0] : arg;
      return a?.path ? `${path.relative(fixture, a.path)}${a.fragment ? `#${a.fragment}` : ''}` : target;
    } catch {
      return target;
    }
  }
  if (target.startsWith('file:')) {
    const rel = relOf(target);
    return fs.existsSync(path.join(fixture, rel)) ? rel + (target.includes('#') ? target.slice(target.indexOf('#')) : '') : `${rel} (missing file)`;
  }
  return target;
}

const locs = (list) => (list ?? []).map((l) => `${relOf(l.uri ?? l.targetUri)}:${(l.range ?? l.targetSelectionRange).start.line + 1}`).sort();

// ---- Pillarlink over stdio ----
async function pillarlink() {
  const proc = spawn(process.execPath, [path.join(REPO, 'out/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  const diagnostics = new Map();
  let indexed = false;
  conn.onNotification((method, params) => {
    if (method === 'textDocument/publishDiagnostics') diagnostics.set(params.uri, params.diagnostics);
    if (method === 'pillarlink/graphChanged') indexed = true;
  });
  conn.onRequest(() => null);
  conn.listen();
  const on = Object.fromEntries(['documentLinks', 'definitions', 'references', 'completion', 'rename', 'fileRename', 'symbols'].map((f) => [f, 'on']));
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(fixture).href, workspaceFolders: [{ uri: pathToFileURL(fixture).href, name: 'fixture' }], capabilities: { workspace: { workspaceFolders: true } }, initializationOptions: { settings: { navigation: on } } });
  await conn.sendNotification('initialized', {});
  const deadline = Date.now() + 15000;
  while (!indexed) {
    if (Date.now() > deadline) throw new Error('Pillarlink did not finish indexing in 15 s');
    await new Promise((r) => setTimeout(r, 20));
  }
  for (const [f, d] of docs) await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(f), languageId: d.languageId, version: 1, text: d.getText() } });
  return {
    request: (m, p) => conn.sendRequest(m, p),
    diagnostics,
    async close() {
      conn.dispose();
      proc.stdin.end();
      proc.kill();
    },
  };
}

async function main() {
  const pl = await pillarlink();
  const rows = [];
  const row = (feature, question, vscode, ours) => rows.push({ feature, question, vscode, pillarlink: ours });

  // Document links on a .md page with site URLs, a slug URL, a relative .mdx link and a reference definition.
  const vsLinks = await vscodeLinks('content/index.md');
  const plLinks = await pl.request('textDocument/documentLink', { textDocument: { uri: uriOf('content/index.md') } });
  const resolved = (list) => list.filter((l) => !/unresolved|missing/.test(l.target)).length;
  const plDescribed = plLinks.map((l) => ({ text: docs.get('content/index.md').getText(l.range), target: describeTarget(l.target) }));
  row('Document links (.md)', 'index.md: links that open the right page', `${resolved(vsLinks)}/${vsLinks.length}`, `${resolved(plDescribed)}/${plDescribed.length}`);
  const siteUrl = (list) => list.find((l) => l.text === '/blog/guide/')?.target ?? '(no link)';
  row('Document links (.md)', '`/blog/guide/` (a site URL)', siteUrl(vsLinks), siteUrl(plDescribed));
  const slug = (list) => list.find((l) => l.text === '/posts/custom-slug/')?.target ?? '(no link)';
  row('Document links (.md)', '`/posts/custom-slug/` (frontmatter slug)', slug(vsLinks), slug(plDescribed));

  // .mdx: VS Code does not run the Markdown service on it at all; forced, it misses JSX links.
  const mdxDoc = docs.get('content/tools/generator.mdx');
  const forced = (await ls.getDocumentLinks(mdxDoc, token)).map((l) => mdxDoc.getText(l.range));
  const plMdx = await pl.request('textDocument/documentLink', { textDocument: { uri: uriOf('content/tools/generator.mdx') } });
  row('Document links (.mdx)', 'generator.mdx: `<Link href>` and `[home](/)`', `not run on .mdx (forced: ${forced.length} link(s): ${forced.map((t) => `\`${t}\``).join(', ') || 'none'})`, `${plMdx.length} links: ${plMdx.map((l) => `\`${mdxDoc.getText(l.range)}\``).join(', ')}`);

  // Definitions.
  const defAt = async (rel, needle, delta) => {
    const p = posOf(rel, needle, delta);
    const vs = rel.endsWith('.mdx') ? 'not run on .mdx' : (locs(toArray(await ls.getDefinition(docs.get(rel), p, token))).join(', ') || 'none');
    const ours = locs(await pl.request('textDocument/definition', { textDocument: { uri: uriOf(rel) }, position: p })).join(', ') || 'none';
    return [vs, ours];
  };
  row('Definition', 'on `/blog/guide/#setup` in index.md', ...(await defAt('content/index.md', '/blog/guide/#setup', 3)));
  row('Definition', 'on the label of `[reference guide][guide]`', ...(await defAt('content/index.md', '][guide]', 3)));
  row('Definition', 'on `<Link href="/blog/guide/#setup">` in .mdx', ...(await defAt('content/tools/generator.mdx', '/blog/guide/#setup', 3)));

  // References and backlinks of guide.md.
  const guideH1 = posOf('content/blog/guide.md', '# The guide', 3);
  const vsHeaderRefs = await ls.getReferences(docs.get('content/blog/guide.md'), guideH1, { includeDeclaration: false }, token);
  const vsFileRefs = await ls.getFileReferences(URI.parse(uriOf('content/blog/guide.md')), token);
  const plRefs = await pl.request('textDocument/references', { textDocument: { uri: uriOf('content/blog/guide.md') }, position: guideH1, context: { includeDeclaration: false } });
  row('References', 'backlinks of blog/guide.md (8 links from 4 pages, 2 of them in .mdx)', `${vsFileRefs.length} (file references: ${locs(vsFileRefs).join(', ') || 'none'}); on the H1: ${vsHeaderRefs.length}`, `${plRefs.length}: ${locs(plRefs).join(', ')}`);
  const setup = posOf('content/blog/guide.md', '## Setup', 4);
  const vsSetup = await ls.getReferences(docs.get('content/blog/guide.md'), setup, { includeDeclaration: false }, token);
  const plSetup = await pl.request('textDocument/references', { textDocument: { uri: uriOf('content/blog/guide.md') }, position: setup, context: { includeDeclaration: false } });
  row('References', 'links to `## Setup` (#setup)', `${vsSetup.length}: ${locs(vsSetup).join(', ') || 'none'}`, `${plSetup.length}: ${locs(plSetup).join(', ')}`);

  // Diagnostics on site URLs: the built-in validator treats `/blog/guide/` as a workspace path.
  const vsDiags = await ls.computeDiagnostics(docs.get('content/index.md'), { validateReferences: 'warning', validateFragmentLinks: 'warning', validateFileLinks: 'warning', validateMarkdownFileLinkFragments: 'warning', validateUnusedLinkDefinitions: 'ignore', validateDuplicateLinkDefinitions: 'ignore', ignoreLinks: [] }, token);
  const plDiags = (pl.diagnostics.get(uriOf('content/index.md')) ?? []).filter((d) => d.code === 'broken-link' || d.code === 'broken-fragment');
  row('Diagnostics', 'false "no such file" on valid site URLs in index.md', `${vsDiags.length}: ${vsDiags.map((d) => `\`${docs.get('content/index.md').getText(d.range)}\``).join(', ') || 'none'}`, `${plDiags.length}`);

  // Completion after `](` on a page that writes site URLs.
  const other = docs.get('content/blog/other.md');
  const cpos = posOf('content/blog/other.md', '[](', 3);
  const vsComp = await ls.getCompletionItems(other, cpos, {}, token);
  const plComp = await pl.request('textDocument/completion', { textDocument: { uri: uriOf('content/blog/other.md') }, position: cpos });
  const sample = (items) => items.slice(0, 4).map((i) => `\`${i.label}\``).join(', ');
  row('Completion', 'after `](` in other.md (the site writes site URLs)', `${vsComp.length}: ${sample(vsComp)}`, `${plComp?.items.length ?? 0}: ${sample(plComp?.items ?? [])}`);

  // Moving a page: which links are updated?
  const oldUri = URI.parse(uriOf('content/blog/guide.md'));
  const newUri = URI.parse(uriOf('content/guides/start.md'));
  const vsMove = await ls.getRenameFilesInWorkspaceEdit([{ oldUri, newUri }], token);
  const vsChanges = vsMove?.edit?.documentChanges?.filter((d) => d.edits).map((d) => [d.textDocument.uri, d.edits]) ?? Object.entries(vsMove?.edit?.changes ?? {});
  const vsFiles = vsChanges.map(([u]) => relOf(u)).sort();
  const vsEdits = vsChanges.reduce((n, [, e]) => n + e.length, 0);
  const plMove = await pl.request('workspace/willRenameFiles', { files: [{ oldUri: oldUri.toString(), newUri: newUri.toString() }] });
  const plFiles = (plMove?.documentChanges ?? []).map((d) => relOf(d.textDocument.uri)).sort();
  const plEdits = (plMove?.documentChanges ?? []).reduce((n, d) => n + d.edits.length, 0);
  row('File move', 'blog/guide.md → guides/start.md: edits (files)', `${vsEdits} (${vsFiles.join(', ') || 'none'})`, `${plEdits} (${plFiles.join(', ')})`);

  // Symbols.
  const vsSym = await ls.getDocumentSymbols(docs.get('content/blog/guide.md'), {}, token);
  const plSym = await pl.request('textDocument/documentSymbol', { textDocument: { uri: uriOf('content/blog/guide.md') } });
  row('Document symbols', 'guide.md outline (top level)', vsSym.map((s) => s.name).join(', '), plSym.map((s) => s.name).join(', '));
  const plMdxSym = await pl.request('textDocument/documentSymbol', { textDocument: { uri: uriOf('content/tools/generator.mdx') } });
  row('Document symbols', 'generator.mdx outline', 'not run on .mdx', `${plMdxSym.map((s) => s.name).join(', ')} (+${plMdxSym.reduce((n, s) => n + (s.children?.length ?? 0), 0)} children)`);
  const vsWs = await ls.getWorkspaceSymbols('guide', token);
  const plWs = await pl.request('workspace/symbol', { query: 'guide' });
  row('Workspace symbols', 'query `guide`', vsWs.map((s) => `${s.name}`).join(', ') || 'none', plWs.map((s) => `${s.name} (${s.containerName})`).join(', ') || 'none');

  await pl.close();
  if (json) {
    console.log(JSON.stringify({ fixture: path.relative(REPO, fixture), rows }, null, 2));
    return;
  }
  const esc = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  console.log('| Feature | Question | VS Code built-in (vscode-markdown-languageservice) | Pillarlink |');
  console.log('|---|---|---|---|');
  for (const r of rows) console.log(`| ${esc(r.feature)} | ${esc(r.question)} | ${esc(r.vscode)} | ${esc(r.pillarlink)} |`);
}

function toArray(x) {
  return x === undefined || x === null ? [] : Array.isArray(x) ? x : [x];
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
