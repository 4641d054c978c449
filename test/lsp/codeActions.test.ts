// Code actions over stdio: the link-to-target quick fix, its application, the diagnostic going
// away on didChange (no save), and edits computed on a stale version never landing in the wrong place.
import { describe, expect, it } from 'vitest';
import { lspSessions } from '../helpers/session';
import type { Diagnostic, LspClient } from '../helpers/lspClient';
import { waitFor } from '../helpers/wait';

interface Pos { line: number; character: number }
interface TextEdit { range: { start: Pos; end: Pos }; newText: string }
interface DocEdit { textDocument: { uri: string; version: number | null }; edits: TextEdit[] }
interface Action { title: string; kind?: string; isPreferred?: boolean; diagnostics?: Diagnostic[]; edit?: { documentChanges?: DocEdit[] } }

const SUPPORT = [
  '---',
  'title: How to write an invoice',
  'cluster: invoicing',
  'role: tutorial',
  '---',
  '',
  '# How to write an invoice',
  '',
  'Every invoice needs a number, a date and the amount due. You can write one by hand, or use a free invoice generator that does the arithmetic for you.',
  '',
  'Send it the day the work is done.',
  '',
].join('\n');

const FILES = {
  'content/index.md': '---\ntitle: Home\n---\n\n# Home\n\nSee [how to write an invoice](/blog/how-to-write-an-invoice/) and the [generator](/tools/invoice-generator/).\n',
  'content/tools/invoice-generator/index.md': '---\ntitle: Free invoice generator\ncluster: invoicing\nrole: target\nkeywords: [free invoice generator, invoice generator]\n---\n\n# Free invoice generator\n\nCreate an invoice in your browser.\n',
  'content/blog/how-to-write-an-invoice.md': SUPPORT,
  'content/blog/invoice-numbers.md': '---\ntitle: Invoice numbers\ncluster: invoicing\nrole: explainer\n---\n\n# Invoice numbers\n\nNumber invoices in sequence.\n',
};

const sessions = lspSessions();

async function start() {
  const { root, client } = await sessions.start(FILES);
  const uri = client.uri(root, 'content/blog/how-to-write-an-invoice.md');
  await client.open(uri, SUPPORT);
  const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'missing-target-link'), 'the missing-target-link diagnostic');
  return { client, uri, diag: diags.find((x) => x.code === 'missing-target-link')! };
}

function offsetOf(text: string, p: Pos): number {
  const lines = text.split('\n');
  let o = 0;
  for (let i = 0; i < p.line; i++) o += lines[i]!.length + 1;
  return o + p.character;
}

function applyTextEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetOf(text, b.range.start) - offsetOf(text, a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offsetOf(text, e.range.start)) + e.newText + out.slice(offsetOf(text, e.range.end));
  return out;
}

const codeActions = (client: LspClient, uri: string, diag: Diagnostic, only?: string[]) =>
  client.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag], ...(only ? { only } : {}) } });

describe('code actions over stdio', () => {
  it('adds a link to an orphan from another page, behind a confirmation', async () => {
    const { client, uri } = await start();
    const orphan = uri.replace('how-to-write-an-invoice.md', 'invoice-numbers.md');
    await client.open(orphan, FILES['content/blog/invoice-numbers.md']);
    const diags = await client.waitForDiagnostics(orphan, (d) => d.some((x) => x.code === 'orphan-page'), 'the orphan-page diagnostic');
    const actions = await codeActions(client, orphan, diags.find((x) => x.code === 'orphan-page')!, ['quickfix']);
    const add = actions.find((a) => a.title.startsWith('Add a link from '));
    expect(add?.title).toBe('Add a link from Free invoice generator');
    const edit = add!.edit as { documentChanges: (DocEdit & { edits: (TextEdit & { annotationId?: string })[] })[]; changeAnnotations: Record<string, { needsConfirmation: boolean }> };
    const dc = edit.documentChanges[0]!;
    // The target page is not open: its version is null, and the edit needs the user's confirmation.
    expect(dc.textDocument).toEqual({ uri: uri.replace('blog/how-to-write-an-invoice.md', 'tools/invoice-generator/index.md'), version: null });
    expect(edit.changeAnnotations[dc.edits[0]!.annotationId!]!.needsConfirmation).toBe(true);
    expect(applyTextEdits(FILES['content/tools/invoice-generator/index.md'], dc.edits)).toContain('](/blog/invoice-numbers/)');
  });

  it('offers link insertions for missing-target-link; applying one clears the diagnostic without a save', async () => {
    const { client, uri, diag } = await start();
    const actions = await codeActions(client, uri, diag);
    const links = actions.filter((a) => a.title.startsWith('Link "'));
    expect(links.length).toBeGreaterThan(0);
    expect(links.length).toBeLessThanOrEqual(3);
    // The suffix is the target's link score gain (test/lsp/score.test.ts checks its value).
    expect(links[0]!.title).toMatch(/^Link "free invoice generator" \u2192 Free invoice generator \(target\) \u00b7 [+\u2212](\d+(\.\d)?|<0\.1) link score$/);
    expect(links[0]!.kind).toBe('quickfix');
    expect(links[0]!.isPreferred).toBe(true);
    expect(links.filter((a) => a.isPreferred)).toHaveLength(1);
    expect(links[0]!.diagnostics?.[0]?.code).toBe('missing-target-link');
    const change = links[0]!.edit!.documentChanges![0]!;
    expect(change.textDocument).toEqual({ uri, version: 1 });
    const fixed = applyTextEdits(SUPPORT, change.edits);
    expect(fixed).toContain('or use a [free invoice generator](/tools/invoice-generator/) that does');
    // Send the edit as the editor would, and wait for the re-analysis.
    for (const e of change.edits) await client.change(uri, e.range, e.newText);
    await client.waitForDiagnostics(uri, (d) => !d.some((x) => x.code === 'missing-target-link'), 'the diagnostic to go away after the edit');
    // A second request on the fixed text offers no insertion.
    const again = await client.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 8, character: 0 }, end: { line: 8, character: 10 } }, context: { diagnostics: [] } });
    expect(again.filter((a) => a.title.startsWith('Link "'))).toEqual([]);
  });

  it('computes edits on the current version, never on a stale one', async () => {
    const { client, uri, diag } = await start();
    // Version 2 inserts a paragraph above the heading: the stale diagnostic's range now points at it.
    const inserted = 'A new first paragraph about nothing in particular.\n\n';
    await client.change(uri, { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, inserted);
    const current = SUPPORT.replace('# How to write', `${inserted}# How to write`);
    const fresh = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'missing-target-link' && x.range.start.line === diag.range.start.line + 2), 'diagnostics of version 2');
    const check = (actions: Action[]) => {
      for (const a of actions) {
        for (const dc of a.edit?.documentChanges ?? []) {
          // Edits of version 2 that fit its text, never version 1's offsets.
          expect(dc.textDocument.version).toBe(2);
          if (a.title.startsWith('Link "free invoice generator"')) expect(applyTextEdits(current, dc.edits)).toContain('use a [free invoice generator](/tools/invoice-generator/) that');
        }
      }
    };
    const stale = await codeActions(client, uri, diag);
    // The stale range holds no finding any more: no quick fix there (the refactoring, computed afresh, may be offered).
    expect(stale.filter((a) => a.kind === 'quickfix')).toEqual([]);
    check(stale);
    const current2 = await codeActions(client, uri, fresh.find((x) => x.code === 'missing-target-link')!);
    expect(current2.some((a) => a.title.startsWith('Link "free invoice generator"'))).toBe(true);
    check(current2);
    // The command refuses a version that is no longer current.
    const err = await client.request('workspace/executeCommand', { command: 'pillarlink.linkToTarget', arguments: [{ uri, version: 1 }] }).then(() => undefined, (e: { code?: number }) => e);
    expect(err?.code).toBe(-32801);
    // With the current version it asks the client to apply the top candidate.
    await client.request('workspace/executeCommand', { command: 'pillarlink.linkToTarget', arguments: [{ uri, version: 2 }] });
    const req = await waitFor(() => client.requests.find((r) => r.method === 'workspace/applyEdit'), 'a workspace/applyEdit request');
    const edit = (req.params as { edit: { documentChanges: DocEdit[] } }).edit.documentChanges[0]!;
    expect(edit.textDocument.version).toBe(2);
    expect(applyTextEdits(current, edit.edits)).toContain('[free invoice generator](/tools/invoice-generator/)');
  });

  it('offers fix-all as a source action and the refactoring anywhere in the body', async () => {
    const { client, uri } = await start();
    const body = { start: { line: 10, character: 0 }, end: { line: 10, character: 4 } };
    const refactors = await client.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: body, context: { diagnostics: [], only: ['refactor'] } });
    expect(refactors.map((a) => a.kind)).toContain('refactor.rewrite');
    expect(refactors[0]!.title).toMatch(/^Link ".+" \u2192 Free invoice generator \(target\) \u00b7 \S+ link score$/);
    const all = await client.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: body, context: { diagnostics: [], only: ['source.fixAll'] } });
    expect(all).toHaveLength(1);
    expect(all[0]!.kind).toBe('source.fixAll.pillarlink');
    expect(applyTextEdits(SUPPORT, all[0]!.edit!.documentChanges![0]!.edits)).toContain('[free invoice generator](/tools/invoice-generator/)');
  });
});
