// A model as plain data, and a full build to compare an incrementally derived model with.
import { expect } from 'vitest';
import { SiteModel } from '../../server/src/core/model';
import type { Project } from '../../server/src/core/project';

/** A full build on the project's current pages, files, configuration and profile. */
export function rebuild(project: Project): SiteModel {
  const current = project.model();
  const m = new SiteModel(project.workspace.root, project.config, project.pages, project.files, project.contentRoots, project.routing?.profile);
  m.configProblems = current.configProblems;
  m.searchConsoleInput = current.searchConsoleInput;
  return m;
}

/** The model as plain data: links both ways, URLs, roles, clusters, entry pages (in order: the deep-page walk starts there). */
export function modelData(m: SiteModel) {
  const links = (map: Map<string, SiteModel['outbound'] extends Map<string, infer V> ? V : never>) =>
    [...map].map(([f, ls]) => [f, ls.map((l) => [l.from, l.index, l.link.url, l.res])]);
  return {
    outbound: links(m.outbound),
    inbound: links(m.inbound),
    urls: [...m.pages.keys()].map((f) => [f, m.urlOf(f) ?? null]),
    roles: [...m.roles].sort(([a], [b]) => (a < b ? -1 : 1)),
    membership: [...m.pages.keys()].map((f) => { const c = m.clusterOf(f); return [f, c ? [c.cluster.id, c.member, c.isTarget] : null]; }),
    clusters: m.clusters,
    entries: [...m.entryPages],
  };
}

/** The link index as sorted lines; every recorded link must be the one in the model's lists. */
export function indexData(m: SiteModel): string[] {
  const index = m.linkIndex;
  expect(index).toBeDefined();
  const out: string[] = [];
  for (const [k, l] of index!.entries()) {
    expect(m.outbound.get(l.from)?.[l.index], `${k} → ${l.from}#${l.index}`).toBe(l);
    out.push(`${k}\u0000${l.from}\u0000${l.index}`);
  }
  return out.sort();
}

/** The project's model equals a full build (link index included); returns it. */
export function expectRebuilt(project: Project, message?: string): SiteModel {
  const model = project.model();
  const full = rebuild(project);
  expect(modelData(model), message).toEqual(modelData(full));
  expect(indexData(model), message).toEqual(indexData(full));
  return model;
}
