// POSIX-style path helpers for workspace-relative paths. Pure string functions: the core never
// touches the disk, and a path that climbs above the root is reported as null, never followed.

/** Normalises a workspace-relative path; returns null when it escapes the root. */
export function normalizeRelative(path: string): string | null {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else {
      out.push(part);
    }
  }
  return out.join('/');
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function stripExtension(path: string): string {
  const b = basename(path);
  const dot = b.lastIndexOf('.');
  return dot <= 0 ? path : path.slice(0, path.length - (b.length - dot));
}

export function joinPath(...parts: string[]): string | null {
  return normalizeRelative(parts.filter((p) => p !== '').join('/'));
}

/** Relative path from directory `fromDir` to file `to`, both workspace-relative. */
export function relativePath(fromDir: string, to: string): string {
  const a = fromDir === '' ? [] : fromDir.split('/');
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  const up = a.length - i;
  const rest = b.slice(i).join('/');
  return up === 0 ? `./${rest}` : '../'.repeat(up) + rest;
}

export function isUnder(path: string, dir: string): boolean {
  return dir === '' || path === dir || path.startsWith(dir + '/');
}
