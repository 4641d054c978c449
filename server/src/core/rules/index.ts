// The ordered rule registry. Every rule lives in its own file with its metadata;
// docs/rules/<id>.md documents it and test/rules/ holds its fixtures.
import brokenLink from './broken-link';
import brokenFragment from './broken-fragment';
import orphanPage from './orphan-page';
import nonCrawlableLink from './non-crawlable-link';
import frontmatterError from './frontmatter-error';
import parseError from './parse-error';
import configError from './config-error';
import type { Rule } from './types';

export const RULES: readonly Rule<never>[] = [
  brokenLink,
  brokenFragment,
  orphanPage,
  nonCrawlableLink,
  frontmatterError,
  parseError,
  configError,
] as Rule<never>[];

export function findRule(id: string): Rule<never> | undefined {
  return RULES.find((r) => r.meta.id === id);
}
