import type { ForgeKind, RemoteInfo } from './parse-remote-url.js';

/**
 * URL templates. Placeholders: `{repositoryUrl}`, `{owner}`, `{repo}` (the referenced repository,
 * so `owner/repo#12` links to that repository on the same host), `{sha}`, `{number}`, `{id}`,
 * `{previous}` and `{current}` (tags).
 */
export interface LinkTemplates {
  readonly commit: string;
  readonly pullRequest: string;
  /** GitLab `!12` references; falls back to `pullRequest`. */
  readonly mergeRequest?: string;
  readonly issue: string;
  readonly compare: string;
  /** Issue keys such as `ABC-123` (Jira); without it key references get no link. */
  readonly keyIssue?: string;
  /** This repository's web URL, without a trailing slash. */
  readonly repositoryUrl: string;
}

type ForgeTemplates = Omit<LinkTemplates, 'repositoryUrl' | 'keyIssue'>;

const FORGE_TEMPLATES: Record<ForgeKind, ForgeTemplates> = {
  github: {
    commit: '{repositoryUrl}/commit/{sha}',
    pullRequest: '{repositoryUrl}/pull/{number}',
    issue: '{repositoryUrl}/issues/{id}',
    compare: '{repositoryUrl}/compare/{previous}...{current}',
  },
  gitlab: {
    commit: '{repositoryUrl}/-/commit/{sha}',
    pullRequest: '{repositoryUrl}/-/merge_requests/{number}',
    mergeRequest: '{repositoryUrl}/-/merge_requests/{number}',
    issue: '{repositoryUrl}/-/issues/{id}',
    compare: '{repositoryUrl}/-/compare/{previous}...{current}',
  },
  gitea: {
    commit: '{repositoryUrl}/commit/{sha}',
    pullRequest: '{repositoryUrl}/pulls/{number}',
    issue: '{repositoryUrl}/issues/{id}',
    compare: '{repositoryUrl}/compare/{previous}...{current}',
  },
  bitbucket: {
    commit: '{repositoryUrl}/commits/{sha}',
    pullRequest: '{repositoryUrl}/pull-requests/{number}',
    issue: '{repositoryUrl}/issues/{id}',
    // Bitbucket compares "source%0Ddestination": the newer tag comes first.
    compare: '{repositoryUrl}/branches/compare/{current}%0D{previous}',
  },
};

/**
 * The link shapes of a forge for a parsed remote. An explicit `forge` wins over detection;
 * an undetected forge gets GitHub's shapes, the most common ones among self-hosted forges too.
 */
export function linkTemplatesFor(remote: RemoteInfo, forge?: ForgeKind): LinkTemplates {
  const kind = forge ?? remote.forge ?? 'github';
  return { ...FORGE_TEMPLATES[kind], repositoryUrl: `https://${remote.host}/${remote.path}` };
}
