import type { RemoteInfo } from '@slipway/core';
import type { PullRequestForgeKind } from './forge-port.js';

/**
 * The REST API root for a remote: github.com → api.github.com, GitHub Enterprise Cloud with data
 * residency (`*.ghe.com`) → `api.<host>`, GitHub Enterprise Server → `/api/v3` on the host,
 * GitLab (SaaS or self-managed) → `/api/v4` on the host.
 */
export function forgeApiUrl(kind: PullRequestForgeKind, remote: RemoteInfo): string {
  const host = remote.host;
  if (kind === 'gitlab') return `https://${host}/api/v4`;
  if (host === 'github.com' || host === 'www.github.com') return 'https://api.github.com';
  if (host.endsWith('.ghe.com')) return `https://api.${host}`;
  return `https://${host}/api/v3`;
}

/** How a GitLab token is sent: personal/project/group tokens and CI job tokens use different headers. */
export type ForgeTokenType = 'token' | 'job-token';

export interface ForgeAuth {
  readonly token: string;
  readonly tokenType: ForgeTokenType;
  /** The variable it came from, for messages ("GITLAB_TOKEN was refused"). */
  readonly variable: string;
}

const VARIABLES: Record<PullRequestForgeKind, readonly [string, ForgeTokenType][]> = {
  github: [
    ['GITHUB_TOKEN', 'token'],
    ['GH_TOKEN', 'token'],
  ],
  // A job token reaches only a few GitLab endpoints, so a real token wins when both are set.
  gitlab: [
    ['GITLAB_TOKEN', 'token'],
    ['CI_JOB_TOKEN', 'job-token'],
  ],
};

/** The first non-empty token variable for the forge, with the header it needs. */
export function forgeAuthFromEnv(
  kind: PullRequestForgeKind,
  env: NodeJS.ProcessEnv,
): ForgeAuth | null {
  for (const [variable, tokenType] of VARIABLES[kind]) {
    const token = env[variable]?.trim();
    if (token !== undefined && token !== '') return { token, tokenType, variable };
  }
  return null;
}

export function forgeTokenFromEnv(
  kind: PullRequestForgeKind,
  env: NodeJS.ProcessEnv,
): string | null {
  return forgeAuthFromEnv(kind, env)?.token ?? null;
}
