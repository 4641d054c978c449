// The single source of truth for Pillarlink's VS Code settings. `npm run gen:manifest` writes the
// `contributes.configuration` block of package.json from this list; a test fails when they drift.

export interface SettingMeta {
  key: string;
  type: 'string' | 'boolean' | 'number' | 'array' | 'object';
  default: unknown;
  description: string;
  scope: 'application' | 'window' | 'resource';
  enum?: string[];
  enumDescriptions?: string[];
  items?: { type: string };
  /** For object settings: allowed property values. */
  additionalProperties?: { type?: string; enum?: string[] };
  restrictedInUntrusted?: boolean;
}

const SEVERITY = ['off', 'hint', 'information', 'warning', 'error'];

export const SETTINGS: readonly SettingMeta[] = [
  {
    key: 'pillarlink.rules',
    type: 'object',
    default: {},
    description: 'Severity per rule id, e.g. `{ "orphan-page": "off", "broken-link": "warning" }`. `pillarlink.json` in the workspace wins over this setting.',
    scope: 'resource',
    additionalProperties: { type: 'string', enum: SEVERITY },
  },
  {
    key: 'pillarlink.contentRoots',
    type: 'array',
    default: [],
    items: { type: 'string' },
    description: 'Folders (relative to the workspace folder) that hold the site\'s pages. Empty: detected (`content/`, `src/content/`, `docs/`, `src/pages/`, `pages/`, else the whole folder).',
    scope: 'resource',
    restrictedInUntrusted: true,
  },
  {
    key: 'pillarlink.entryPoints',
    type: 'array',
    default: [],
    items: { type: 'string' },
    description: 'Pages reachable without inbound links (home and landing pages), relative to the workspace folder. The content root\'s index page is always one.',
    scope: 'resource',
  },
  {
    key: 'pillarlink.baseUrl',
    type: 'string',
    default: '',
    description: 'The site\'s public URL (e.g. `https://example.com`). Absolute links on it are treated as internal.',
    scope: 'resource',
  },
  {
    key: 'pillarlink.clustersInfer',
    type: 'string',
    default: 'off',
    enum: ['off', 'directory', 'taxonomy'],
    enumDescriptions: [
      'Only clusters declared in frontmatter or pillarlink.json.',
      'Each folder with an index page is a suggested cluster whose index page is the target.',
      'Pages sharing their first category (else tag) form a suggested cluster.',
    ],
    description: 'Suggest clusters for pages that declare none. Suggested clusters raise no warnings.',
    scope: 'resource',
  },
  {
    key: 'pillarlink.explorer.followActiveEditor',
    type: 'boolean',
    default: true,
    description: 'Reveal the active page in the Clusters view.',
    scope: 'window',
  },
  {
    key: 'pillarlink.codeLens.enabled',
    type: 'boolean',
    default: true,
    description: 'Show cluster summaries as code lenses at the top of target and support pages.',
    scope: 'resource',
  },
  {
    key: 'pillarlink.trace.server',
    type: 'string',
    default: 'off',
    enum: ['off', 'messages', 'verbose'],
    enumDescriptions: ['No protocol trace.', 'Trace message names.', 'Trace messages with their content.'],
    description: 'Traces the communication between VS Code and the Pillarlink language server in the output channel.',
    scope: 'window',
  },
];

/** The `contributes.configuration` object for package.json. */
export function configurationContribution(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const s of SETTINGS) {
    const p: Record<string, unknown> = { type: s.type, default: s.default, markdownDescription: s.description, scope: s.scope };
    if (s.enum) p.enum = s.enum;
    if (s.enumDescriptions) p.enumDescriptions = s.enumDescriptions;
    if (s.items) p.items = s.items;
    if (s.additionalProperties) p.additionalProperties = s.additionalProperties;
    properties[s.key] = p;
  }
  return { title: 'Pillarlink', properties };
}

/** Settings that name paths; ignored in untrusted workspaces. */
export const RESTRICTED_SETTINGS = SETTINGS.filter((s) => s.restrictedInUntrusted).map((s) => s.key);
