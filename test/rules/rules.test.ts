import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../server/src/core/rules';
import { checkFixture, FIXTURES, markersOf } from './harness';

const DOCS = path.join(__dirname, '..', '..', 'docs', 'rules');

describe('rule fixtures', () => {
  for (const rule of RULES) {
    const id = rule.meta.id;
    it(`${id}: findings match the fixture markers`, async () => {
      const { missing, unexpected } = await checkFixture(id);
      expect({ missing, unexpected }).toEqual({ missing: [], unexpected: [] });
    });
  }
});

describe('rule catalogue', () => {
  it('ids are unique and kebab-case', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });
  for (const rule of RULES) {
    const id = rule.meta.id;
    it(`${id} has a docs page, fixtures with an expected finding, and option defaults`, () => {
      expect(fs.existsSync(path.join(DOCS, `${id}.md`)), `docs/rules/${id}.md`).toBe(true);
      const doc = fs.readFileSync(path.join(DOCS, `${id}.md`), 'utf8');
      expect(doc).toContain(`# ${id}`);
      expect(doc).toContain(rule.meta.defaultSeverity);
      expect(doc).toContain(`- Scope: ${rule.meta.scope} `);
      expect(fs.existsSync(path.join(FIXTURES, id)), `test/rules/fixtures/${id}/`).toBe(true);
      expect(markersOf(path.join(FIXTURES, id)).some((m) => m.rule === id)).toBe(true);
      for (const [name, o] of Object.entries(rule.meta.options)) {
        expect(doc, `option ${name} documented`).toContain(name);
        expect(o.description.length).toBeGreaterThan(0);
      }
    });
  }
});
