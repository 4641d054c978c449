import type { ClusterDto, ClusterMemberDto, PageInfoDto } from '../../../shared/src/dto';
import type { ClusterMember } from '../core/clusters';
import type { Folder, Session } from './session';

function memberDto(session: Session, folder: Folder, m: ClusterMember): ClusterMemberDto {
  const model = folder.project.model();
  return {
    uri: session.uriFor(folder, m.file),
    file: m.file,
    title: model.titleOf(m.file),
    role: m.role,
    linksToTarget: m.linksToTarget,
    linksToTargetOnlyFromBoilerplate: m.linksToTargetOnlyFromBoilerplate,
    inbound: (model.inbound.get(m.file) ?? []).filter((l) => l.from !== m.file).length,
  };
}

export function clusterDtos(session: Session, folder: Folder): ClusterDto[] {
  const model = folder.project.model();
  return model.clusters.map((c) => ({
    id: c.id,
    name: c.name,
    inferred: c.inferred,
    targets: c.targetMembers.map((m) => memberDto(session, folder, m)),
    members: c.members.map((m) => memberDto(session, folder, m)),
  }));
}

export function pageInfo(session: Session, folder: Folder, file: string): PageInfoDto | null {
  const model = folder.project.model();
  if (!model.pages.has(file)) return null;
  const c = model.clusterOf(file);
  const info: PageInfoDto = {
    uri: session.uriFor(folder, file),
    file,
    title: model.titleOf(file),
    url: model.urlOf(file) ?? null,
    cluster: c ? { id: c.cluster.id, name: c.cluster.name } : null,
    role: c?.member.role ?? null,
    isTarget: c?.isTarget ?? false,
    inbound: (model.inbound.get(file) ?? []).filter((l) => l.from !== file).length,
    outbound: (model.outbound.get(file) ?? []).filter((l) => l.res.kind === 'page' && !l.link.image).length,
    linksToTarget: c && !c.isTarget ? c.member.linksToTarget : null,
    supportCount: 0,
    supportLinkingUp: 0,
    missing: [],
    targets: c ? c.cluster.targets.map((t) => ({ uri: session.uriFor(folder, t), title: model.titleOf(t) })) : [],
  };
  if (c?.isTarget) {
    info.supportCount = c.cluster.members.length;
    info.supportLinkingUp = c.cluster.members.filter((m) => m.linksToTarget).length;
    info.missing = c.cluster.members.filter((m) => !m.linksToTarget).map((m) => ({ uri: session.uriFor(folder, m.file), title: model.titleOf(m.file) }));
  }
  return info;
}
