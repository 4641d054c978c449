// `pillarlink fix`: applies the safe fixes the editor offers (the top link insertion for a missing
// target link, role suggestions, repeated links, a single close fragment) and prints a diff.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, fixAll, type FileEdit, type FindingRef } from '../core/fixes';
import type { Project } from '../core/project';
import { decodeText } from '../node/fsWorkspace';
import { computeLineStarts, spanToRange, stripBom } from '../core/positions';
import type { Range } from '../core/types';

export interface FixOptions {
  rules: string[];
  dryRun: boolean;
  format: 'text' | 'json';
}

export interface AppliedEdit { file: string; rule: string; title: string; range: Range; newText: string }

/** Encodes `text` as `original` was encoded: UTF-16 LE/BE (byte-order mark kept) or UTF-8. */
function encodeLike(original: Buffer, text: string): string | Buffer {
  const le = original[0] === 0xff && original[1] === 0xfe;
  const be = original[0] === 0xfe && original[1] === 0xff;
  if (!le && !be) return text;
  const body = Buffer.from(text, 'utf16le');
  if (be) body.swap16();
  return Buffer.concat([Buffer.from(le ? [0xff, 0xfe] : [0xfe, 0xff]), body]);
}

/** Writes through a temporary file in the same folder, so a reader never sees half a file. */
function writeAtomic(abs: string, text: string | Buffer): void {
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.pillarlink-${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, text, { mode: fs.statSync(abs).mode });
    fs.renameSync(tmp, abs);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

export async function runFix(project: Project, options: FixOptions, out: (s: string) => void): Promise<number> {
  const root = project.workspace.root;
  const raw = new Map<string, string>();
  const textOf = (file: string): string | undefined => {
    if (!raw.has(file)) {
      try {
        // Decoded as the analysis decoded it (UTF-16 with a BOM, else UTF-8), so offsets agree.
        raw.set(file, decodeText(fs.readFileSync(path.join(root, file))));
      } catch {
        return undefined;
      }
    }
    return stripBom(raw.get(file)!);
  };
  const ctx = { model: project.model(), textOf };
  const findings = project.analyze().findings.filter((f) => options.rules.length === 0 || options.rules.includes(f.rule));
  const byFile = new Map<string, FindingRef[]>();
  for (const f of findings) {
    if (!project.pages.has(f.file)) continue;
    if (!byFile.has(f.file)) byFile.set(f.file, []);
    byFile.get(f.file)!.push({ rule: f.rule, range: f.range, ...(f.data ? { data: f.data } : {}) });
  }
  const applied: AppliedEdit[] = [];
  const diffs: string[] = [];
  for (const [file, refs] of [...byFile].sort((a, b) => a[0].localeCompare(b[0]))) {
    const result = fixAll(ctx, file, refs);
    const text = textOf(file);
    if (!result || text === undefined) continue;
    const starts = computeLineStarts(text);
    const edits: FileEdit[] = [];
    for (const a of result.applied) {
      for (const e of a.edits) {
        edits.push(e);
        applied.push({ file, rule: a.rule, title: a.title, range: spanToRange(starts, text.length, e.span), newText: e.newText });
      }
    }
    const fixed = applyEdits(text, edits, file);
    if (fixed === text) continue;
    diffs.push(unifiedDiff(file, text, fixed));
    if (!options.dryRun) writeAtomic(path.join(root, file), encodeLike(fs.readFileSync(path.join(root, file)), raw.get(file)!.startsWith('\uFEFF') ? `\uFEFF${fixed}` : fixed));
  }
  if (options.format === 'json') {
    out(`${JSON.stringify({ version: 1, edits: applied }, null, 2)}\n`);
  } else {
    const files = new Set(applied.map((a) => a.file)).size;
    out(`${diffs.join('')}${applied.length === 0 ? 'Nothing to fix.' : `${options.dryRun ? 'Would apply' : 'Applied'} ${applied.length} edit${applied.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}.`}\n`);
  }
  return 0;
}

/** A unified diff (3 lines of context) of one file. */
export function unifiedDiff(file: string, a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  // Trim the common head and tail; the middle is compared line by line.
  let head = 0;
  while (head < x.length && head < y.length && x[head] === y[head]) head++;
  let tail = 0;
  while (tail < x.length - head && tail < y.length - head && x[x.length - 1 - tail] === y[y.length - 1 - tail]) tail++;
  const xm = x.slice(head, x.length - tail);
  const ym = y.slice(head, y.length - tail);
  const lcs: number[][] = Array.from({ length: xm.length + 1 }, () => new Array<number>(ym.length + 1).fill(0));
  for (let i = xm.length - 1; i >= 0; i--) for (let j = ym.length - 1; j >= 0; j--) lcs[i]![j] = xm[i] === ym[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  type Op = { t: ' ' | '-' | '+'; s: string };
  const ops: Op[] = x.slice(0, head).map((s) => ({ t: ' ', s }));
  let i = 0;
  let j = 0;
  while (i < xm.length || j < ym.length) {
    if (i < xm.length && j < ym.length && xm[i] === ym[j]) { ops.push({ t: ' ', s: xm[i]! }); i++; j++; }
    else if (i < xm.length && (j >= ym.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) { ops.push({ t: '-', s: xm[i]! }); i++; }
    else { ops.push({ t: '+', s: ym[j]! }); j++; }
  }
  for (const s of x.slice(x.length - tail)) ops.push({ t: ' ', s });
  const out = [`--- a/${file}\n`, `+++ b/${file}\n`];
  const C = 3;
  let k = 0;
  while (k < ops.length) {
    if (ops[k]!.t === ' ') { k++; continue; }
    const start = Math.max(0, k - C);
    let end = k;
    // Extend the hunk while changes are within 2*C lines of each other.
    for (;;) {
      while (end < ops.length && ops[end]!.t !== ' ') end++;
      let next = end;
      while (next < ops.length && ops[next]!.t === ' ') next++;
      if (next < ops.length && next - end <= 2 * C) { end = next; continue; }
      break;
    }
    const stop = Math.min(ops.length, end + C);
    let aLine = 1;
    let bLine = 1;
    for (let q = 0; q < start; q++) { if (ops[q]!.t !== '+') aLine++; if (ops[q]!.t !== '-') bLine++; }
    const hunk = ops.slice(start, stop);
    const aLen = hunk.filter((o) => o.t !== '+').length;
    const bLen = hunk.filter((o) => o.t !== '-').length;
    out.push(`@@ -${aLen === 0 ? aLine - 1 : aLine},${aLen} +${bLen === 0 ? bLine - 1 : bLine},${bLen} @@\n`);
    for (const o of hunk) out.push(`${o.t}${o.s}\n`);
    k = stop;
  }
  return out.join('');
}
