import { parseRemoteUrl, SlipwayError } from '@slipway/core';
import { forgeApiUrl, type ForgeTokenType } from './forge-api-url.js';
import type { ForgePort, PullRequestForgeKind } from './forge-port.js';
import { DEFAULT_FORGE_TIMEOUT_MS } from './fetch-with-timeout.js';
import { GitHubForge } from './github-forge.js';
import { GitLabForge } from './gitlab-forge.js';

export interface ForgeOptions {
  readonly kind: PullRequestForgeKind;
  readonly token: string;
  /** Default: derived from the remote's host with forgeApiUrl. */
  readonly apiUrl?: string;
  /** The origin URL; its path gives owner/repo (GitHub) or the project path (GitLab). */
  readonly remoteUrl: string;
  /** GitLab only: `job-token` sends CI_JOB_TOKEN in the JOB-TOKEN header. Default `token`. */
  readonly tokenType?: ForgeTokenType;
  /** Per request, reading the body included. Default 30 s. */
  readonly timeoutMs?: number;
}

interface ResolvedForgeOptions {
  readonly apiUrl: string;
  readonly token: string;
  readonly tokenType: ForgeTokenType;
  readonly repository: string;
  readonly timeoutMs: number;
}

const FORGES: Record<PullRequestForgeKind, (options: ResolvedForgeOptions) => ForgePort> = {
  github: (options) => new GitHubForge(options),
  gitlab: (options) => new GitLabForge(options),
};

export function createForge(options: ForgeOptions): ForgePort {
  const remote = parseRemoteUrl(options.remoteUrl);
  if (remote === null) {
    throw new SlipwayError(
      'FORGE_FAILED',
      `cannot read a repository from remote "${options.remoteUrl}"`,
      {
        subject: options.remoteUrl,
        hint: 'The release PR needs a network remote such as https://github.com/owner/repo.git.',
      },
    );
  }
  if (options.token.trim() === '') {
    throw new SlipwayError('FORGE_FAILED', `no ${options.kind} token given`, {
      hint:
        options.kind === 'github'
          ? 'Set GITHUB_TOKEN or GH_TOKEN.'
          : 'Set GITLAB_TOKEN (a CI_JOB_TOKEN usually may not open merge requests).',
    });
  }
  return FORGES[options.kind]({
    apiUrl: options.apiUrl ?? forgeApiUrl(options.kind, remote),
    token: options.token,
    tokenType: options.tokenType ?? 'token',
    repository: remote.path,
    timeoutMs: options.timeoutMs ?? DEFAULT_FORGE_TIMEOUT_MS,
  });
}
