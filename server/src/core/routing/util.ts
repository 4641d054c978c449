// Small helpers shared by the site profiles: frontmatter reading, path pieces, dates, slugs.

export function str(v: unknown): string | undefined {
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

export function strList(v: unknown): string[] {
  if (typeof v === 'string') return v.trim() === '' ? [] : [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
}

/** `a/b` relative to `root` ('' when equal), or undefined when outside it. */
export function relTo(path: string, root: string): string | undefined {
  if (root === '') return path;
  if (path === root) return '';
  return path.startsWith(`${root}/`) ? path.slice(root.length + 1) : undefined;
}

/** Joins URL segments into a site path with a trailing slash: (`a`, `b`) → `/a/b/`. */
export function urlJoin(...segs: (string | undefined)[]): string {
  const parts = segs.flatMap((s) => (s ?? '').split('/')).filter((s) => s !== '');
  return parts.length === 0 ? '/' : `/${parts.join('/')}/`;
}

/** Lowercase, spaces to dashes, most punctuation dropped: the slug Hugo's `urlize` and Jekyll's `slugify` make. */
export function urlize(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_.-]+/gu, '')
    .replace(/[\s]+/g, '-')
    .replace(/-{2,}/g, '-');
}

/** GitHub-style slug of one path segment (Astro content collections): lowercase, spaces to dashes. */
export function slugSegment(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}\s_.@-]+/gu, '').replace(/\s/g, '-');
}

export interface DateParts { year: string; month: string; day: string; date: Date }

/** Year, month and day from a frontmatter date (string or YAML date). */
export function dateParts(v: unknown): DateParts | undefined {
  let d: Date | undefined;
  if (v instanceof Date) d = v;
  else if (typeof v === 'string') {
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(v.trim());
    if (m) d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  }
  if (!d || Number.isNaN(d.getTime())) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  return { year: String(d.getUTCFullYear()), month: pad(d.getUTCMonth() + 1), day: pad(d.getUTCDate()), date: d };
}

/** `2021-08-01-name` → date parts and `name`. */
export function datedName(name: string): { date: DateParts; rest: string } | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[-_](.*))?$/.exec(name);
  if (!m) return undefined;
  const date = dateParts(`${m[1]}-${m[2]}-${m[3]}`);
  return date ? { date, rest: m[4] ?? '' } : undefined;
}

/** Locale-looking folder names: `en`, `pt-br`, `zh-CN`, `en-us`. */
export function isLocaleCode(s: string): boolean {
  return /^[a-z]{2,3}(?:[-_][a-z0-9]{2,4})?$/i.test(s);
}

/** Replaces `:name` placeholders (longest names first) by the values given; unknown ones stay. */
export function fillPattern(pattern: string, values: Record<string, string | undefined>): { url: string; missing: string[] } {
  const missing: string[] = [];
  const url = pattern.replace(/:([a-zA-Z_][a-zA-Z0-9_]*)/g, (whole, name: string) => {
    const v = values[name];
    if (v === undefined) {
      missing.push(name);
      return whole;
    }
    return v;
  });
  return { url, missing };
}
