import type { LinkBuilder, LinkTemplates, ReleaseNotes } from '@slipway/core';
import {
  buildReleaseNotes,
  cancelReverts,
  createLinkBuilder,
  linkTemplatesFor,
  parseRemoteUrl,
} from '@slipway/core';
import type { GitPort } from '../../adapters/git/git-port.js';
import type { SlipwayConfig } from '../../config/index.js';
import type { PlanContext } from './plan-service.js';

export interface NotesRequest {
  /** YYYY-MM-DD; defaults to today in UTC. */
  readonly date?: string;
}

/** Release notes of the planned release; null when nothing is releasable. */
export async function notesForPlan(
  git: GitPort,
  context: PlanContext,
  request: NotesRequest = {},
): Promise<ReleaseNotes | null> {
  const { plan, config } = context;
  if (plan.nextVersion === null || plan.nextTag === null) return null;
  const links = await linksFor(git, config);
  return buildReleaseNotes({
    name: plan.name,
    version: plan.nextVersion,
    previousVersion: plan.currentVersion,
    tag: plan.nextTag,
    previousTag: plan.currentTag,
    date: request.date ?? new Date().toISOString().slice(0, 10),
    commits: cancelReverts(await context.loadCommits()).effective,
    config: config.notes,
    links,
  });
}

/** Link templates from `origin` (forge detected from its host), overridden by `[links]`. */
export async function linksFor(git: GitPort, config: SlipwayConfig): Promise<LinkBuilder | null> {
  const url = await git.remoteUrl('origin');
  const remote = url === null ? null : parseRemoteUrl(url);
  const configured = config.links;
  const detected: LinkTemplates | null =
    remote === null
      ? null
      : configured.forge === undefined
        ? linkTemplatesFor(remote)
        : linkTemplatesFor(remote, configured.forge);
  if (detected === null && (configured.commit === undefined || configured.compare === undefined)) {
    return null;
  }
  const templates: LinkTemplates = {
    repositoryUrl: detected?.repositoryUrl ?? '',
    commit: configured.commit ?? detected?.commit ?? '',
    pullRequest: configured.pullRequest ?? detected?.pullRequest ?? '',
    issue: configured.issue ?? detected?.issue ?? '',
    compare: configured.compare ?? detected?.compare ?? '',
    ...optional('mergeRequest', detected?.mergeRequest),
    ...optional('keyIssue', configured.keyIssue ?? detected?.keyIssue),
  };
  return createLinkBuilder(templates);
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
