// Plain wire types shared by the client and the server.

export interface ClusterMemberDto {
  uri: string;
  file: string;
  title: string;
  role: string;
  linksToTarget: boolean;
  linksToTargetOnlyFromBoilerplate: boolean;
  inbound: number;
}

export interface ClusterDto {
  id: string;
  name: string;
  inferred: boolean;
  targets: ClusterMemberDto[];
  members: ClusterMemberDto[];
}

export interface PageInfoDto {
  uri: string;
  file: string;
  title: string;
  url: string | null;
  cluster: { id: string; name: string } | null;
  role: string | null;
  isTarget: boolean;
  inbound: number;
  outbound: number;
  /** For support pages: has a contextual link up to the target. */
  linksToTarget: boolean | null;
  /** For target pages: support pages in the cluster, and how many link up. */
  supportCount: number;
  supportLinkingUp: number;
  missing: { uri: string; title: string }[];
  targets: { uri: string; title: string }[];
}
