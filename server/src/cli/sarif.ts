// `pillarlink check --format sarif`: a SARIF 2.1.0 log for code-scanning tools (GitHub code scanning,
// Azure DevOps, the SARIF viewer). Locations are relative to the analysed root under %SRCROOT%.
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Rule } from '../core/rules/types';
import type { Finding, Severity } from '../core/types';

/**
 * Where rule documentation is published. SARIF wants an absolute helpUri; the repository URL is a
 * placeholder until the project has a public home (the same page is docs/rules/<id>.md in the repo).
 */
export const RULE_DOCS_BASE = 'https://example.invalid/pillarlink/blob/main/docs/rules/';
export const INFORMATION_URI = 'https://example.invalid/pillarlink';
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export const SARIF_LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

// The few SARIF shapes we write (a subset of the 2.1.0 object model).
interface SarifMessage { text: string; markdown?: string }
interface SarifRegion { startLine: number; startColumn: number; endLine: number; endColumn: number }
interface SarifLocation { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: SarifRegion } }
interface SarifRule {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  helpUri: string;
  help: SarifMessage;
  defaultConfiguration: { level: SarifLevel; enabled: boolean };
  properties: { category: string; fixable: boolean; tags: string[] };
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
}
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: { name: string; version: string; semanticVersion: string; informationUri: string; rules: SarifRule[] } };
    originalUriBaseIds: Record<string, { uri: string; description?: SarifMessage }>;
    columnKind: 'utf16CodeUnits';
    results: SarifResult[];
  }[];
}

/** A workspace-relative path as a relative URI reference (each segment percent-encoded). */
export function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function ruleDescriptor(rule: Rule<never>): SarifRule {
  const m = rule.meta;
  const options = Object.entries(m.options).map(([k, o]) => `${k} (${o.type}, default ${JSON.stringify(o.default)}): ${o.description}`);
  const full = `${m.description}${options.length > 0 ? ` Options: ${options.join('; ')}.` : ''}`;
  return {
    id: m.id,
    // SARIF rule names are PascalCase identifiers, distinct from the id.
    name: m.id.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(''),
    shortDescription: { text: m.description },
    fullDescription: { text: full },
    helpUri: `${RULE_DOCS_BASE}${m.id}.md`,
    help: { text: `${m.description} See docs/rules/${m.id}.md.`, markdown: `${m.description} See [docs/rules/${m.id}.md](${RULE_DOCS_BASE}${m.id}.md).` },
    defaultConfiguration: { level: SARIF_LEVEL[m.defaultSeverity], enabled: true },
    properties: { category: m.category, fixable: m.fixable, tags: ['pillarlink', m.category] },
  };
}

/** The SARIF region of a finding: 1-based lines and columns, end column exclusive. */
export function sarifRegion(f: Finding): SarifRegion {
  return {
    startLine: f.range.start.line + 1,
    startColumn: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
  };
}

export function toSarif(findings: readonly Finding[], rules: readonly Rule<never>[], opts: { root: string; version: string }): SarifLog {
  const index = new Map(rules.map((r, i) => [r.meta.id, i]));
  const descriptors = rules.map(ruleDescriptor);
  const results: SarifResult[] = [];
  for (const f of findings) {
    let ruleIndex = index.get(f.rule);
    if (ruleIndex === undefined) {
      // A finding of a rule outside the registry still gets a descriptor, so ruleIndex is always valid.
      ruleIndex = descriptors.length;
      index.set(f.rule, ruleIndex);
      descriptors.push({ id: f.rule, name: f.rule, shortDescription: { text: f.rule }, fullDescription: { text: f.rule }, helpUri: `${RULE_DOCS_BASE}${f.rule}.md`, help: { text: f.rule }, defaultConfiguration: { level: SARIF_LEVEL[f.severity], enabled: true }, properties: { category: 'other', fixable: false, tags: ['pillarlink'] } });
    }
    // Stable across line moves: code scanning matches alerts between runs by this fingerprint.
    const fingerprint = createHash('sha256').update(`${f.rule}\n${f.file}\n${f.message}`).digest('hex').slice(0, 32);
    results.push({
      ruleId: f.rule,
      ruleIndex,
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      locations: f.file === '' ? [] : [{ physicalLocation: { artifactLocation: { uri: relativeUri(f.file), uriBaseId: '%SRCROOT%' }, region: sarifRegion(f) } }],
      partialFingerprints: { 'pillarlinkFinding/v1': fingerprint },
    });
  }
  let rootUri = pathToFileURL(opts.root).href;
  if (!rootUri.endsWith('/')) rootUri += '/';
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'Pillarlink', version: opts.version, semanticVersion: opts.version, informationUri: INFORMATION_URI, rules: descriptors } },
      originalUriBaseIds: { '%SRCROOT%': { uri: rootUri, description: { text: 'The analysed site root.' } } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
}
