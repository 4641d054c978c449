// The CLI analyses once (Project `incremental: false`): a model without a link index and
// OneShotAnalysis, which keeps each rule's findings in one list. Both must give what the language
// server's incremental analysis gives, on the example site and after changes (which rebuild in full).
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Project } from '../../server/src/core/project';
import { NodeWorkspace } from '../../server/src/node/fsWorkspace';
import { REPO } from '../helpers/tmp';

const EXAMPLE = path.join(REPO, 'examples');

async function loaded(incremental: boolean, findingData = true): Promise<Project> {
  const p = new Project(new NodeWorkspace(EXAMPLE), { incremental, findingData });
  await p.readInputs();
  await p.load();
  return p;
}

// Messages compared as text: one-shot messages are kept as built (concatenations), the same characters.
const plain = (p: Project) => p.analyze().findings.map((f) => ({ ...f, message: `${f.message}` }));

describe('one-shot analysis (CLI)', () => {
  it('finds what the incremental analysis finds, in the same order, with and without data', async () => {
    for (const findingData of [true, false]) {
      const inc = await loaded(true, findingData);
      const once = await loaded(false, findingData);
      const expected = plain(inc);
      expect(expected.length).toBeGreaterThan(20);
      expect(new Set(expected.map((f) => f.rule)).size).toBeGreaterThan(5);
      expect(plain(once)).toEqual(expected);
      expect(once.filesWithFindings()).toEqual([...inc.filesWithFindings()].sort((a, b) => a.localeCompare(b)));
      for (const file of inc.filesWithFindings()) expect(once.findingsOf(file)).toEqual(inc.findingsOf(file));
    }
  });

  it('keeps no link index, and a change rebuilds the model and the findings in full', async () => {
    const inc = await loaded(true);
    const once = await loaded(false);
    expect(inc.model().linkIndex).toBeDefined();
    expect(once.model().linkIndex).toBeUndefined();
    plain(inc);
    plain(once);
    // A page that links to a missing page and loses a heading other pages link to.
    const file = inc.filesWithFindings()[0]!;
    const text = `${inc.pages.get(file)!.text}\n\n## A new heading\n\nSee [nowhere](./no-such-page.md).\n`;
    for (const p of [inc, once]) p.setOpenDocument(file, text);
    const after = plain(once);
    expect(after).toEqual(plain(inc));
    expect(after.some((f) => f.file === file && f.rule === 'broken-link' && f.message.includes('no-such-page'))).toBe(true);
    expect(once.model().linkIndex).toBeUndefined();
  });
});
