import type { Cluster } from './clusters';
import { ruleOptions, ruleSeverity } from './config';
import type { SiteModel } from './model';
import { isSuppressed } from './parse/suppressions';
import { RULES } from './rules';
import { PAUSE_EVERY, type ReportInput, type Rule, type RuleScope } from './rules/types';
import { spanToRange } from './positions';
import type { Finding, Range, Span } from './types';

export interface AnalysisResult {
  findings: Finding[];
  /** Rules that threw; the analysis went on without them. */
  failures: { rule: string; error: string }[];
}

/** What one run re-checks: page rules on `files`, cluster rules on `clusters`, and the site rules or not. */
export interface AnalysisScope {
  files: readonly string[];
  clusters: readonly Cluster[];
  site: boolean;
  /** Pages removed since the last run, when the caller knows them (else every page is checked). */
  gone?: readonly string[];
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function pageDisabled(model: SiteModel, file: string): string[] {
  const p = model.pages.get(file)?.frontmatter?.pillarlink;
  if (!p || typeof p !== 'object' || Array.isArray(p)) return [];
  const d = (p as Record<string, unknown>).disable;
  if (d === true) return ['*'];
  if (typeof d === 'string') return [d];
  return Array.isArray(d) ? d.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * The message, flattened now. A message built by concatenation is a tree of string pieces in V8,
 * flattened in place the first time it is written out (LSP, CLI); then both forms stay alive as long
 * as the finding, and when the finding has reached the old generation the copy is promoted too:
 * printing the 50k-page synthetic site's ~860k messages grew the heap by ~200 MB. Reading one
 * character flattens it while it is young, and the garbage collector drops the tree.
 */
function flat(message: string): string {
  message.charCodeAt(0);
  return message;
}

/** The ranges of a run's findings by the span they were reported on (see checkRule). */
type SharedRanges = WeakMap<Span, { file: string; range: Range }>;

/**
 * Runs one rule (pausing where it yields) and returns its findings, or the error it threw.
 * `flatMessages`: see `flat`; a caller that prints each message once can keep them as built.
 */
function* checkRule(model: SiteModel, rule: Rule<never>, files: readonly string[], clusters: readonly Cluster[], disabledCache: Map<string, string[]>, ranges: SharedRanges, how: { findingData: boolean; flatMessages: boolean }): Generator<void, { out: Finding[]; failure?: string }, undefined> {
  const { id, scope: kind } = rule.meta;
  const severity = ruleSeverity(model.config, id, rule.meta.defaultSeverity);
  const out: Finding[] = [];
  if (severity === 'off') return { out };
  const keepData = how.findingData || kind === 'cluster';
  const options: Record<string, unknown> = {};
  for (const [k, o] of Object.entries(rule.meta.options)) options[k] = o.default;
  Object.assign(options, ruleOptions(model.config, id));
  const report = (input: ReportInput) => {
    const page = model.pages.get(input.file);
    let range = input.range ?? ZERO;
    if (input.span && page) {
      // Rules that report on the same link share its range (anchor rules: one link, several findings).
      const known = ranges.get(input.span);
      if (known?.file === input.file) range = known.range;
      else ranges.set(input.span, { file: input.file, range: (range = spanToRange(page.lineStarts, page.length, input.span)) });
    }
    if (page) {
      if (isSuppressed(page.suppressions, id, range.start.line)) return;
      let disabled = disabledCache.get(input.file);
      if (!disabled) disabledCache.set(input.file, (disabled = pageDisabled(model, input.file)));
      if (disabled.includes(id) || disabled.includes('*')) return;
    }
    const message = how.flatMessages ? flat(input.message) : input.message;
    // Two literal shapes, not a spread: a spread object keeps its properties out of line (~50 B more per finding).
    out.push(input.data && keepData
      ? { rule: id, severity, file: input.file, range, message, data: input.data }
      : { rule: id, severity, file: input.file, range, message });
  };
  try {
    const pauses = (rule as Rule<Record<string, unknown>>).check({ model, options, files: kind === 'page' ? files : [], clusters: kind === 'cluster' ? clusters : [], report });
    if (pauses) for (const _ of pauses) yield;
  } catch (e) {
    return { out, failure: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  return { out };
}

/** Findings of one page in a stable order: position, then rule, then message. */
function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}

/**
 * The findings of a site, kept per unit of work so that an edit re-runs only what it can change:
 * a page rule on one page, a cluster rule on one cluster, a site rule on everything. The result after
 * any sequence of partial runs equals a full run on the same model (test/perf/incremental.test.ts).
 */
export class Analysis {
  /**
   * Findings per unit, by table (`p\0rule`, `c\0rule`, `s\0rule`) and owner (the page, the cluster id,
   * '' for a site rule). Only units with findings are kept: a full run on a large site checks every
   * page rule on every page, and most of those units are empty.
   */
  private readonly units = new Map<string, Map<string, Finding[]>>();
  /** The units with findings on each file (by unit key, `table\0owner`), and their findings there. */
  private readonly byFile = new Map<string, Map<string, Finding[]>>();
  private sortedFiles = new Map<string, Finding[]>();
  private all: Finding[] | undefined;
  failures: AnalysisResult['failures'] = [];

  /** `findingData: false` drops the findings' `data`, except cluster rules' (see ProjectOptions.findingData). */
  constructor(private readonly rules: readonly Rule<never>[] = RULES, private readonly options: { findingData: boolean } = { findingData: true }) {}

  /** Runs the rules of the scope (everything when `scope` is 'all') and returns the files whose findings changed. */
  run(model: SiteModel, scope: AnalysisScope | 'all'): Set<string> {
    const changed = new Set<string>();
    for (const _ of this.steps(model, scope, changed)) { /* run to the end */ }
    return changed;
  }

  /**
   * The same run as `run`, as steps: it pauses between rules and wherever a rule yields (the site
   * rules do, every few hundred items), so a caller can spread it over several turns of its event
   * loop. Each rule's findings are stored when it completes: abandoning the iteration leaves every
   * rule that had not completed with its previous findings. The model must not change meanwhile.
   * Files whose findings changed are added to `changed` as each rule completes.
   */
  *steps(model: SiteModel, scope: AnalysisScope | 'all', changed: Set<string>): Generator<void, void, undefined> {
    const full = scope === 'all';
    const files = full ? [...model.pages.keys()] : scope.files.filter((f) => model.pages.has(f));
    const clusters = full ? model.clusters : scope.clusters;
    const site = full || scope.site;
    // Pages and clusters that are gone take their findings with them.
    const gone = full || !scope.gone ? undefined : new Set(scope.gone);
    const ids = new Set(model.clusters.map((c) => c.id));
    for (const [table, owners] of this.units) {
      if (table.startsWith('p')) {
        for (const file of [...owners.keys()]) if (!model.pages.has(file) && (!gone || gone.has(file))) this.setUnit(table, file, [], changed);
      } else if (table.startsWith('c')) {
        for (const id of [...owners.keys()]) if (full || !ids.has(id)) this.setUnit(table, id, [], changed);
      }
    }
    const disabledCache = new Map<string, string[]>();
    const ranges: SharedRanges = new WeakMap();
    for (const rule of this.rules) {
      const { id, scope: kind } = rule.meta;
      if (kind === 'site' && !site) continue;
      const { out, failure } = yield* checkRule(model, rule, files, clusters, disabledCache, ranges, { findingData: this.options.findingData, flatMessages: true });
      this.failures = this.failures.filter((f) => f.rule !== id);
      if (failure !== undefined) this.failures.push({ rule: id, error: failure });
      if (kind === 'site') {
        // Compared in slices, applied at once: a run abandoned meanwhile leaves the unit as it was.
        const table = `s\0${id}`;
        this.applyUnit(table, '', out, yield* this.diffUnit(table, '', out), changed);
      } else this.store(kind, id, out, files, clusters, changed);
      yield;
    }
  }

  private store(kind: RuleScope, id: string, out: Finding[], files: readonly string[], clusters: readonly Cluster[], changed: Set<string>): void {
    const table = `${kind === 'page' ? 'p' : 'c'}\0${id}`;
    // Owners checked in this run, in order; a unit that had findings and has none now is emptied.
    const owners: readonly string[] = kind === 'page' ? files : clusters.map((c) => c.id);
    const per = new Map<string, Finding[] | null>();
    if (kind === 'page') {
      // A page rule reports on the pages it checks; a report elsewhere is kept with that page's unit.
      for (const f of out) { const list = per.get(f.file); if (list) list.push(f); else per.set(f.file, [f]); }
    } else {
      const clusterOf = new Map<string, string>();
      for (const c of clusters) for (const m of [...c.members, ...c.targetMembers]) clusterOf.set(m.file, c.id);
      const known = new Set(owners);
      for (const f of out) {
        // Cluster rules report on members; data.cluster names the cluster when a finding sits elsewhere.
        const cid = (typeof f.data?.cluster === 'string' && known.has(f.data.cluster) ? f.data.cluster : undefined) ?? clusterOf.get(f.file) ?? clusters[0]?.id ?? '';
        const list = per.get(cid);
        if (list) list.push(f);
        else per.set(cid, [f]);
      }
    }
    const stored = this.units.get(table);
    for (const owner of owners) {
      const list = per.get(owner);
      if (list === null) continue;
      per.set(owner, null);
      if (list) this.setUnit(table, owner, list, changed);
      else if (stored?.has(owner)) this.setUnit(table, owner, [], changed);
    }
    for (const [owner, list] of per) if (list) this.setUnit(table, owner, list, changed);
  }

  /**
   * Replaces a unit's findings. A file is marked changed only when its findings from this unit
   * differ from before, so a site rule that runs again and finds the same does not republish
   * thousands of files.
   */
  private setUnit(table: string, owner: string, findings: Finding[], changed: Set<string>): void {
    if (findings.length === 0 && !this.units.get(table)?.has(owner)) return;
    const diff = this.diffUnit(table, owner, findings);
    let r = diff.next();
    while (!r.done) r = diff.next();
    this.applyUnit(table, owner, findings, r.value, changed);
  }

  /**
   * The files whose findings from unit (`table`, `owner`) would change to `findings`, with their new
   * lists (empty: none left). Read-only, and it pauses every few thousand findings: the comparison of a
   * site rule's tens of thousands of findings is spread over slices; `applyUnit` then takes time in the
   * changes only.
   */
  private *diffUnit(table: string, owner: string, findings: readonly Finding[]): Generator<void, Map<string, Finding[]>, undefined> {
    const diff = new Map<string, Finding[]>();
    const old = this.units.get(table)?.get(owner);
    if (!old && findings.length === 0) return diff;
    const key = unitKey(table, owner);
    const next = new Map<string, Finding[]>();
    let n = 0;
    for (const f of findings) {
      const list = next.get(f.file);
      if (list) list.push(f);
      else next.set(f.file, [f]);
      if (++n % PAUSE_EVERY === 0) yield;
    }
    if (old) {
      const seen = new Set<string>();
      for (const f of old) {
        if (seen.has(f.file)) continue;
        seen.add(f.file);
        const list = this.byFile.get(f.file)?.get(key);
        if (!list) continue;
        const now = next.get(f.file);
        next.delete(f.file);
        if (!now || !sameFindings(list, now)) diff.set(f.file, now ?? []);
        if ((n += list.length) >= PAUSE_EVERY) { n = 0; yield; }
      }
    }
    for (const [file, list] of next) diff.set(file, list);
    return diff;
  }

  private applyUnit(table: string, owner: string, findings: Finding[], diff: ReadonlyMap<string, Finding[]>, changed: Set<string>): void {
    let owners = this.units.get(table);
    if (findings.length === 0) {
      owners?.delete(owner);
      if (owners?.size === 0) this.units.delete(table);
    } else {
      if (!owners) this.units.set(table, (owners = new Map()));
      owners.set(owner, findings);
    }
    const key = unitKey(table, owner);
    for (const [file, list] of diff) {
      let m = this.byFile.get(file);
      if (list.length === 0) {
        m?.delete(key);
        if (m && m.size === 0) this.byFile.delete(file);
      } else {
        if (!m) this.byFile.set(file, (m = new Map()));
        m.set(key, list);
      }
      changed.add(file);
      // The sorted lists derived from the units are recomputed when asked for.
      this.sortedFiles.delete(file);
      this.all = undefined;
    }
  }

  /** The findings on one file, sorted by position. */
  findingsOf(file: string): Finding[] {
    let list = this.sortedFiles.get(file);
    if (!list) {
      list = [...(this.byFile.get(file)?.values() ?? [])].flat().sort(byPosition);
      this.sortedFiles.set(file, list);
    }
    return list;
  }

  /** Files that have findings. */
  files(): string[] {
    return [...this.byFile.keys()];
  }

  /** Every finding, by file and position. */
  result(): AnalysisResult {
    if (!this.all) this.all = this.files().sort((a, b) => a.localeCompare(b)).flatMap((f) => this.findingsOf(f));
    return { findings: this.all, failures: this.failures };
  }
}

/**
 * The findings of full runs, for callers that analyse once and print (the CLI): each rule's findings
 * in one list, grouped and sorted when asked for. It keeps none of `Analysis`'s per-unit bookkeeping
 * (on a 50k-page site ~80 MB), so every run checks everything, and messages are kept as the rules
 * built them (a message built by concatenation shares its tail with the others of its kind: on
 * large sites anchor texts repeat the same destinations' words thousands of times).
 */
export class OneShotAnalysis {
  private byRule = new Map<string, Finding[]>();
  private grouped: Map<string, Finding[]> | undefined;
  private all: Finding[] | undefined;
  failures: AnalysisResult['failures'] = [];

  constructor(private readonly rules: readonly Rule<never>[] = RULES, private readonly options: { findingData: boolean } = { findingData: true }) {}

  /** A full run whatever the scope; returns the files that had or have findings. */
  run(model: SiteModel, scope: AnalysisScope | 'all'): Set<string> {
    const changed = new Set<string>();
    for (const _ of this.steps(model, scope, changed)) { /* run to the end */ }
    return changed;
  }

  *steps(model: SiteModel, _scope: AnalysisScope | 'all', changed: Set<string>): Generator<void, void, undefined> {
    for (const file of this.files()) changed.add(file);
    const files = [...model.pages.keys()];
    const disabledCache = new Map<string, string[]>();
    const ranges: SharedRanges = new WeakMap();
    const byRule = new Map<string, Finding[]>();
    const failures: AnalysisResult['failures'] = [];
    for (const rule of this.rules) {
      const { out, failure } = yield* checkRule(model, rule, files, model.clusters, disabledCache, ranges, { findingData: this.options.findingData, flatMessages: false });
      if (failure !== undefined) failures.push({ rule: rule.meta.id, error: failure });
      if (out.length > 0) byRule.set(rule.meta.id, out);
      for (const f of out) changed.add(f.file);
      yield;
    }
    this.byRule = byRule;
    this.failures = failures;
    this.grouped = undefined;
    this.all = undefined;
  }

  /** Each file's findings sorted by position, files in order. */
  private byFile(): Map<string, Finding[]> {
    if (!this.grouped) {
      const by = new Map<string, Finding[]>();
      for (const out of this.byRule.values()) {
        for (const f of out) {
          const list = by.get(f.file);
          if (list) list.push(f);
          else by.set(f.file, [f]);
        }
      }
      this.grouped = new Map([...by.keys()].sort((a, b) => a.localeCompare(b)).map((f) => [f, by.get(f)!.sort(byPosition)]));
    }
    return this.grouped;
  }

  findingsOf(file: string): Finding[] {
    return this.byFile().get(file) ?? [];
  }

  files(): string[] {
    return [...this.byFile().keys()];
  }

  result(): AnalysisResult {
    this.all ??= [...this.byFile().values()].flat();
    return { findings: this.all, failures: this.failures };
  }
}

/** The key of a unit in `byFile`: site rules have one unit, named by their table. */
const unitKey = (table: string, owner: string): string => (table.startsWith('s') ? table : `${table}\0${owner}`);

/** Two lists of findings on one file are the same: same order, rule, severity, range, message and data. */
function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.rule !== y.rule || x.severity !== y.severity || x.message !== y.message || !sameRange(x.range, y.range) || !sameValue(x.data, y.data)) return false;
  }
  return true;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Structural equality of JSON-like values (finding data, published diagnostics). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

/** Runs every enabled rule over the model. Never throws. */
export function analyze(model: SiteModel, rules: readonly Rule<never>[] = RULES): AnalysisResult {
  const a = new Analysis(rules);
  a.run(model, 'all');
  return a.result();
}
