import { describe, expect, it } from 'vitest';
import { compareTopics, cosine, pack, packedCosine, TfIdf, topicOf, type TopicFields } from '../../server/src/core/text/index';

const page = (title: string, slug: string, headings: string[] = [], keywords: string[] = []): TopicFields => ({ title, slug, headings, keywords });

function corpus(pages: TopicFields[]): TfIdf {
  const idf = new TfIdf();
  for (const p of pages) idf.add(topicOf(p).bag.keys());
  return idf;
}

describe('TfIdf', () => {
  it('weighs rare terms above common ones', () => {
    const idf = new TfIdf();
    idf.add(['invoic', 'guid']);
    idf.add(['tax', 'guid']);
    idf.add(['payment', 'guid']);
    expect(idf.idf('invoic')).toBeGreaterThan(idf.idf('guid'));
    expect(idf.idf('never-seen')).toBeGreaterThan(idf.idf('invoic'));
  });
  it('builds unit vectors; identical bags have similarity 1, disjoint 0', () => {
    const idf = new TfIdf();
    idf.add(['a1', 'b1']);
    const v = idf.vector(new Map([['a1', 2], ['b1', 1]]));
    expect([...v.values()].reduce((s, w) => s + w * w, 0)).toBeCloseTo(1);
    expect(cosine(v, v)).toBeCloseTo(1);
    expect(cosine(v, idf.vector(new Map([['c1', 1]])))).toBe(0);
  });
});

describe('packed vectors', () => {
  it('give the same cosine as the map vectors', () => {
    const idf = new TfIdf();
    const bags = [new Map([['a1', 1], ['b1', 2], ['c1', 1]]), new Map([['c1', 1], ['b1', 1], ['d1', 3]]), new Map([['e1', 1]])];
    for (const b of bags) idf.add(b.keys());
    const dict = new Map<string, number>();
    const vs = bags.map((b) => idf.vector(b));
    const ps = vs.map((v) => pack(v, dict));
    for (let i = 0; i < vs.length; i++) for (let j = 0; j < vs.length; j++) expect(packedCosine(ps[i]!, ps[j]!)).toBeCloseTo(cosine(vs[i]!, vs[j]!));
    expect(packedCosine(ps[0]!, ps[1]!)).toBeGreaterThan(0);
  });
});

describe('topic similarity', () => {
  const target = page('Free invoice generator', '/tools/invoice-generator/', ['Create an invoice', 'Download as PDF'], ['invoice generator']);
  const competing = page('Free invoice generator online', '/blog/free-invoice-generator-online/', ['Generate invoices in seconds', 'Download a PDF invoice']);
  const support = page('How to write a payment reminder', '/blog/payment-reminder/', ['When to send a reminder', 'Reminder email template']);
  const other = page('Cash vs accrual accounting', '/blog/cash-vs-accrual/', ['Cash basis', 'Accrual basis']);
  const idf = corpus([target, competing, support, other]);

  it('scores a page that repeats the target topic far above one with its own topic', () => {
    const high = compareTopics(idf, topicOf(competing), topicOf(target));
    const low = compareTopics(idf, topicOf(support), topicOf(target));
    expect(high.similarity).toBeGreaterThan(0.6);
    expect(low.similarity).toBeLessThan(0.2);
    expect(high.shared.slice(0, 2).sort()).toEqual(['generator', 'invoice']);
  });
  it('is symmetric and bounded', () => {
    const ab = compareTopics(idf, topicOf(competing), topicOf(target)).similarity;
    const ba = compareTopics(idf, topicOf(target), topicOf(competing)).similarity;
    expect(ab).toBeCloseTo(ba);
    expect(ab).toBeLessThanOrEqual(1 + 1e-9);
    expect(compareTopics(idf, topicOf(other), topicOf(support)).similarity).toBe(0);
  });
  it('counts the H1 once when it repeats the title', () => {
    expect(topicOf({ ...target, h1: 'Free Invoice Generator' }).bag).toEqual(topicOf(target).bag);
    expect(topicOf({ ...target, h1: 'Invoice maker' }).bag.get('maker')).toBe(1);
  });
});
