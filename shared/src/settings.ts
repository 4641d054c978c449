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

/** `auto`: always on in `.mdx`; in `.md` only where VS Code's built-in Markdown support falls short (see docs/navigation.md). */
const NAVIGATION_MODES = ['auto', 'on', 'off'];

function navigationSettings(): SettingMeta[] {
  const features: [string, string, string][] = [
    ['documentLinks', 'Clickable link destinations (site URLs, slugs, `.mdx`).', 'in `.md`, only links the built-in Markdown support cannot follow (site URLs, slugs)'],
    ['definitions', 'Go to Definition on links: the destination page or heading, or a reference link\'s definition.', 'in `.md`, only on links the built-in Markdown support cannot follow'],
    ['references', 'Find All References: backlinks of a page, links to a heading.', 'in `.md`, only the references the built-in Markdown support misses (site URLs, `.mdx` sources)'],
    ['completion', 'Completion of pages and headings inside link destinations.', 'in `.md`, only where the site writes site URLs or a site URL is being typed'],
    ['rename', 'Rename a heading and update every link to it.', 'in `.md`, only when the site has links the built-in Markdown support cannot follow'],
    ['fileRename', 'Update links when a page file is renamed or moved (adds an alias for the old URL when the site uses `aliases`).', 'on (VS Code\'s `markdown.updateLinksOnFileMove.enabled` is off by default; turn one of them off)'],
    ['symbols', 'Heading outline (document symbols) and page search (workspace symbols; `#` searches headings).', 'the outline in `.mdx` only; workspace symbols everywhere'],
  ];
  return features.map(([name, what, auto]) => ({
    key: `pillarlink.navigation.${name}`,
    type: 'string' as const,
    default: 'auto',
    enum: NAVIGATION_MODES,
    enumDescriptions: [`Always in \`.mdx\`; ${auto}.`, 'In every Markdown and MDX page.', 'Never.'],
    description: `${what} \`auto\` avoids duplicating VS Code's built-in Markdown features.`,
    scope: 'resource' as const,
  }));
}

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
  ...navigationSettings(),
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
