import type { LinkBuilder, ReleaseNotes } from '@slipway/core';
import {
  buildReleaseNotes,
  cancelReverts,
  createLinkBuilder,
  renderReleaseNotesMarkdown,
} from '@slipway/core';
import type { GitPort } from '../../adapters/git/git-port.js';
import type { SlipwayConfig } from '../../config/index.js';
import { linkTemplatesFromConfig } from '../../config/index.js';
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
  const { config } = context;
  const heading = headingOf(context, request);
  if (heading === null) return null;
  // Folded while the window streamed (a single package planned with keepCommits).
  if (context.windowNotes !== null) return context.windowNotes(heading);
  return buildReleaseNotes({
    ...heading,
    commits: cancelReverts(await context.loadCommits()).effective,
    config: config.notes,
    links: await linksFor(git, config, context.originUrl),
  });
}

/**
 * The Markdown of the planned release's notes, in pieces to write one after another (their
 * concatenation is the Markdown); null when nothing is releasable. Folded as lines when the
 * plan was asked for Markdown alone (`markdownOnly`), else rendered from the notes.
 */
export async function notesMarkdownForPlan(
  git: GitPort,
  context: PlanContext,
  request: NotesRequest = {},
): Promise<readonly string[] | null> {
  const heading = headingOf(context, request);
  if (heading !== null && context.windowMarkdown !== null) return context.windowMarkdown(heading);
  const notes = await notesForPlan(git, context, request);
  return notes === null ? null : [renderReleaseNotesMarkdown(notes)];
}

/** What the notes say about the release itself; null when nothing is releasable. */
function headingOf(context: PlanContext, request: NotesRequest) {
  const { plan } = context;
  if (plan.nextVersion === null || plan.nextTag === null) return null;
  return {
    name: plan.name,
    version: plan.nextVersion,
    previousVersion: plan.currentVersion,
    tag: plan.nextTag,
    previousTag: plan.currentTag,
    date: request.date ?? new Date().toISOString().slice(0, 10),
    fragments: context.fragments,
  };
}

/**
 * Link templates from `origin` (forge detected from its host), overridden by `[links]`.
 * `originUrl`: the remote's URL when it is already being read.
 */
export async function linksFor(
  git: GitPort,
  config: SlipwayConfig,
  originUrl: Promise<string | null> | null = null,
): Promise<LinkBuilder | null> {
  if (!config.links.enabled) return null;
  const templates = linkTemplatesFromConfig(
    config.links,
    await (originUrl ?? git.remoteUrl('origin')),
  );
  return templates === null ? null : createLinkBuilder(templates);
}
