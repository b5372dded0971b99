import type {
  BumpSummary,
  NotesHeading,
  NotesParsedCommit,
  ParsedCommit,
  RawCommit,
  ReleaseNotes,
} from '@slipway/core';
import {
  BumpCollector,
  NotesCollector,
  NotesLinesCollector,
  createCommitParser,
  createNotesCommitParser,
  createPlanCommitParser,
  getVersionScheme,
  isPreMajor,
  planFromSummary,
  planRelease,
  renderNotesTextChunks,
  selectBaseRelease,
} from '@slipway/core';
import type { PackageTarget } from '../../config/index.js';
import { readBumpSummaryCached, readWindowCached, visitWindowCached } from './cached-window.js';
import { linksFor } from './notes-service.js';
import type { PlanContext, PlanRequest, PlanServiceDeps, PlanningState } from './plan-service.js';
import { contextFor, countMergeOnce } from './plan-service.js';
import { forgeBreakingWindow, withForgeWarnings } from './forge-breaking-plan.js';
import { markReachable, readReleaseTags } from './read-releases.js';
import { cacheKey } from './window-cache.js';

/** The notes folded beside the plan: as entries, or as Markdown lines alone (ADR 0026). */
type FoldedNotes =
  | { readonly entries: NotesCollector; readonly lines?: undefined }
  | { readonly lines: NotesLinesCollector; readonly entries?: undefined };

/** A single-package repository: one window, cached under .git/slipway, and a memoized plan. */
export async function planSinglePackage(
  deps: PlanServiceDeps,
  state: PlanningState,
  target: PackageTarget,
  request: PlanRequest,
): Promise<PlanContext> {
  const { git } = deps;
  const { config } = target;
  const { role, head: headSha } = state;
  // The notes' links need one `git config` read: started now, beside the other reads. Should it
  // fail, notes are not folded, and `notesForPlan` meets the failure where it always did.
  const linksRead =
    request.keepCommits === true
      ? linksFor(git, config, state.originUrl).then(
          (links) => ({ links }),
          () => null,
        )
      : null;
  const fragments = await deps.readFragments(state.topLevel);
  const scheme = getVersionScheme(config.scheme);
  const prerelease = request.prerelease ?? (role.kind === 'channel' ? role.prerelease : null);
  const firstParent = request.firstParent ?? config.firstParent;
  const releases = await markReachable(
    git,
    headSha,
    readReleaseTags(config, state.allTags),
    scheme,
    {
      exact: role.kind === 'maintenance',
      prerelease: prerelease !== null,
    },
  );
  const base = selectBaseRelease(releases, scheme, prerelease !== null);
  const maintenance = role.kind === 'maintenance' ? role.range : null;
  const cache = deps.cache(state.gitDir);

  const query = { head: headSha, base: base?.commit ?? null, firstParent };
  const parser = createCommitParser({ issuePatterns: config.issuePatterns });
  const parse = (raw: RawCommit): ParsedCommit => countMergeOnce(parser(raw), firstParent);
  const loadCommits = (): Promise<ParsedCommit[]> =>
    readWindowCached(git, query, { parse, shallowBoundary: state.boundary }, cache);
  const planning = {
    bumps: config.bump,
    preMajor: config.preMajor,
    firstRelease: config.firstRelease,
  };
  const preMajor = isPreMajor({ base, releases, scheme });
  const collector = (): BumpCollector => new BumpCollector(planning, preMajor);

  // Notes and plan fold the same read of the window: each parsed commit is dropped once its
  // entries (or, for Markdown alone, its lines) and bump reasons exist (most of the memory and
  // the garbage collector's work).
  let folded: { bumps: BumpCollector; notes: FoldedNotes } | null = null;
  const links = await linksRead;
  if (links !== null) {
    const bumps = collector();
    // News fragments take over entries: with any waiting, the entries are kept (ADR 0026).
    const linesOnly = request.markdownOnly === true && fragments.entries.length === 0;
    const notes: FoldedNotes = linesOnly
      ? { lines: new NotesLinesCollector(config.notes, links.links) }
      : { entries: new NotesCollector(config.notes, links.links) };
    const fold = notes.lines ?? notes.entries;
    // Parsed for what notes and the planner read: no body text, footers or reviewers.
    const notesParser = createNotesCommitParser({ issuePatterns: config.issuePatterns });
    const parseForNotes = (raw: RawCommit): NotesParsedCommit =>
      countMergeOnce(notesParser(raw), firstParent);
    const visit = (commit: NotesParsedCommit): void => {
      bumps.add(commit);
      fold.add(commit);
    };
    await visitWindowCached(
      git,
      query,
      { parse: parseForNotes, visit, shallowBoundary: state.boundary },
      cache,
    );
    folded = { bumps, notes };
  }
  const entries = folded?.notes.entries;
  const lines = folded?.notes.lines;
  const kept = (): ((index: number) => boolean) | null => folded?.bumps.keptCommits() ?? null;
  const windowNotes =
    entries === undefined
      ? null
      : (heading: NotesHeading): ReleaseNotes => entries.finish(heading, kept());
  const windowMarkdown =
    lines === undefined
      ? null
      : (heading: NotesHeading): readonly string[] =>
          renderNotesTextChunks(lines.finish(heading, kept()));

  // Planning alone folds each commit into a bump summary as git streams it, parsed for the
  // planner's fields only.
  const planParser = createPlanCommitParser({ issuePatterns: config.issuePatterns });
  const loadSummary = async (): Promise<BumpSummary> => {
    if (folded !== null) return folded.bumps.finish();
    return readBumpSummaryCached(
      git,
      query,
      {
        parse: (raw: RawCommit) => countMergeOnce(planParser(raw), firstParent),
        collector,
        summaryKey: {
          issuePatterns: config.issuePatterns,
          bumps: config.bump,
          preMajorRules: config.preMajor,
          preMajor,
        },
        shallowBoundary: state.boundary,
      },
      cache,
    );
  };

  // The planner is pure, so a plan is determined by its inputs: the same inputs, the same plan.
  const planKey = cacheKey({
    head: headSha,
    releases: releases.map(({ tag, commit, reachable }) => [tag, commit, reachable]),
    config,
    prerelease,
    firstParent,
    maintenance,
    shallow: state.boundary.size > 0,
    fragments: fragments.entries,
  });
  let plan = await cache.readPlan(planKey);
  if (plan === null) {
    plan = planFromSummary({
      name: config.name,
      scheme,
      tagFormat: config.tagFormat,
      config: planning,
      base,
      summary: await loadSummary(),
      fragments: fragments.entries,
      prerelease,
      releases,
      maintenance,
    });
    await cache.writePlan(planKey, plan);
  }
  // Forge enrichment on: a pull request's breaking change counts (only then is the window read).
  const forged =
    request.forgeBreaking === undefined
      ? null
      : await forgeBreakingWindow(request.forgeBreaking, config, await loadCommits());
  if (forged !== null && forged.breaking.length > 0) {
    plan = planRelease({
      name: config.name,
      scheme,
      tagFormat: config.tagFormat,
      config: planning,
      base,
      commits: forged.commits,
      fragments: fragments.entries,
      prerelease,
      releases,
      maintenance,
      forgeBreaking: forged.breaking,
    });
  }
  return contextFor(state, target, {
    plan: withForgeWarnings(plan, forged),
    loadCommits: forged === null ? loadCommits : () => Promise.resolve(forged.commits),
    windowNotes: forged === null ? windowNotes : null,
    windowMarkdown: forged === null ? windowMarkdown : null,
    base,
    fragments: fragments.entries,
    fragmentDirectory: fragments.directory,
    fragmentProblems: fragments.problems,
    dependencyUpdates: [],
  });
}
