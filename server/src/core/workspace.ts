// All file access of the core goes through this interface, so tests run in memory
// and the containment rules live in one place (the Node implementation).

export interface FileEntry {
  /** Workspace-relative path with forward slashes. */
  path: string;
  /** Size in bytes, for the page size cap. Listings may leave it 0 for files that are not pages (isPagePath): only pages are read whole. */
  size: number;
  /**
   * For pages, when the listing can vouch for it: a stamp of the file (device, inode, size,
   * modification time) that any later change to its content changes, as git's index does. A results
   * cache keys such a page by its stamp instead of reading it. Absent when the file was modified
   * too recently to tell (a second write within the clock's granularity keeps the time): then the
   * content is read.
   */
  stamp?: string;
}

export interface Workspace {
  /** Absolute root, for display and for the JSON output only. */
  readonly root: string;
  /** Every file of the workspace, honouring ignore rules; directory symlinks are never followed. */
  listFiles(): Promise<FileEntry[]>;
  /** The text of a workspace file, or undefined when it cannot be read. Never reads outside the root. */
  readFile(path: string): Promise<string | undefined>;
  /**
   * Whether listFiles would list this path (ignore rules, skipped and symlinked folders), for files
   * reported one by one by a file watcher. Absent means every path is included.
   */
  includes?(path: string): Promise<boolean>;
}

export class InMemoryWorkspace implements Workspace {
  readonly files = new Map<string, string>();
  constructor(readonly root: string = '/ws', files: Record<string, string> = {}) {
    for (const [p, t] of Object.entries(files)) this.files.set(p, t);
  }
  set(path: string, text: string): void { this.files.set(path, text); }
  delete(path: string): void { this.files.delete(path); }
  async listFiles(): Promise<FileEntry[]> {
    return [...this.files].map(([path, text]) => ({ path, size: text.length }));
  }
  async readFile(path: string): Promise<string | undefined> { return this.files.get(path); }
}

export const PAGE_EXTENSIONS = ['.md', '.mdx', '.markdown'] as const;

export function isPagePath(path: string): boolean {
  const lower = path.toLowerCase();
  return PAGE_EXTENSIONS.some((e) => lower.endsWith(e));
}
