// The ordered rule registry. Every rule lives in its own file with its metadata;
// docs/rules/<id>.md documents it and test/rules/ holds its fixtures.
import brokenLink from './broken-link';
import brokenFragment from './broken-fragment';
import orphanPage from './orphan-page';
import nonCrawlableLink from './non-crawlable-link';
import frontmatterError from './frontmatter-error';
import parseError from './parse-error';
import configError from './config-error';
import clusterWithoutTarget from './cluster-without-target';
import multipleTargets from './multiple-targets';
import unknownRole from './unknown-role';
import roleWithoutCluster from './role-without-cluster';
import missingTargetLink from './missing-target-link';
import targetLinkInBoilerplateOnly from './target-link-in-boilerplate-only';
import sidewaysLinks from './sideways-links';
import busyTarget from './busy-target';
import tooManyLinks from './too-many-links';
import repeatedLink from './repeated-link';
import linkToUnindexedPage from './link-to-unindexed-page';
import deepPage from './deep-page';
import competingSupportPage from './competing-support-page';
import overlappingSupportPages from './overlapping-support-pages';
import genericAnchor from './generic-anchor';
import anchorMismatch from './anchor-mismatch';
import exactMatchOveruse from './exact-match-overuse';
import anchorCollision from './anchor-collision';
import weakSources from './weak-sources';
import searchConsoleError from './search-console-error';
import crossLocaleLink from './cross-locale-link';
import type { Rule } from './types';

export const RULES: readonly Rule<never>[] = [
  brokenLink,
  brokenFragment,
  orphanPage,
  nonCrawlableLink,
  frontmatterError,
  parseError,
  configError,
  clusterWithoutTarget,
  multipleTargets,
  unknownRole,
  roleWithoutCluster,
  missingTargetLink,
  targetLinkInBoilerplateOnly,
  sidewaysLinks,
  busyTarget,
  tooManyLinks,
  repeatedLink,
  linkToUnindexedPage,
  deepPage,
  competingSupportPage,
  overlappingSupportPages,
  genericAnchor,
  anchorMismatch,
  exactMatchOveruse,
  anchorCollision,
  weakSources,
  searchConsoleError,
  crossLocaleLink,
] as Rule<never>[];

export function findRule(id: string): Rule<never> | undefined {
  return RULES.find((r) => r.meta.id === id);
}
