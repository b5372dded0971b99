import { linkTemplatesFor, parseRemoteUrl, type LinkTemplates } from '@slipway/core';
import type { LinksConfig } from './config-schema.js';

/**
 * The link templates for a repository: the forge's (detected from the remote, or `forge`),
 * with configured templates on top. Null when links are off, or when neither a remote nor
 * `repository-url` says where the repository lives and the templates do not cover every link.
 */
export function linkTemplatesFromConfig(
  links: LinksConfig,
  remoteUrl: string | null,
): LinkTemplates | null {
  if (!links.enabled) return null;
  const custom = links;
  const remote =
    (custom.repositoryUrl === undefined ? null : parseRemoteUrl(custom.repositoryUrl)) ??
    (remoteUrl === null ? null : parseRemoteUrl(remoteUrl));
  const forged = remote === null ? null : linkTemplatesFor(remote, links.forge);
  const repositoryUrl = custom.repositoryUrl ?? forged?.repositoryUrl;
  const commit = custom.commit ?? forged?.commit;
  const pullRequest = custom.pullRequest ?? forged?.pullRequest;
  const issue = custom.issue ?? forged?.issue;
  const compare = custom.compare ?? forged?.compare;
  if (
    repositoryUrl === undefined ||
    commit === undefined ||
    pullRequest === undefined ||
    issue === undefined ||
    compare === undefined
  ) {
    return null;
  }
  const mergeRequest = custom.mergeRequest ?? forged?.mergeRequest;
  const keyIssue = custom.keyIssue ?? forged?.keyIssue;
  return {
    repositoryUrl,
    commit,
    pullRequest,
    issue,
    compare,
    ...(mergeRequest === undefined ? {} : { mergeRequest }),
    ...(keyIssue === undefined ? {} : { keyIssue }),
  };
}
