import type { PlanContext, PreparedRelease } from '@slipway/engine';
import { CliGit, createPlanServiceFor, forgeBreakingLookup, prepareRelease } from '@slipway/engine';
import type { Output } from '../output.js';
import { forgeNotesEnricher } from './forge-notes.js';
import { printPlanWarnings } from './print-warnings.js';
import type { PlanningOptions } from './release-options.js';
import { planSelected, prepareOptions } from './release-options.js';

export interface PreparedAll {
  readonly contexts: readonly PlanContext[];
  /** The releasable packages, prepared; empty when nothing is releasable. */
  readonly prepared: readonly PreparedRelease[];
}

/** Plans every package (or `--package`) and prepares the releasable ones; warns once per message. */
export async function prepareAll(
  cwd: string,
  cache: boolean,
  options: PlanningOptions,
  output: Output,
  env: NodeJS.ProcessEnv = process.env,
  /** False (`--no-forge`): never ask the forge; the plan and notes come from git alone. */
  forgeOn = true,
): Promise<PreparedAll> {
  const dateOption = prepareOptions(options);
  const service = createPlanServiceFor(cwd, { cache });
  const git = new CliGit({ cwd });
  // With a token a pull request's breaking change counts in the bump (null, and no work, without).
  const forgeBreaking = forgeOn ? forgeBreakingLookup(git, env) : null;
  const contexts = await planSelected(service, options, {
    keepCommits: true,
    ...(forgeBreaking === null ? {} : { forgeBreaking }),
  });
  printPlanWarnings(
    contexts.map((context) => context.plan),
    output,
  );
  const prepared: PreparedRelease[] = [];
  // With a forge token the changelog and the tag's notes name pull requests and authors; one
  // enricher for every package, so a commit shared by packages is looked up once.
  const first = contexts[0];
  const forge =
    first === undefined
      ? null
      : await forgeNotesEnricher(git, first.config, env, output, forgeOn ? undefined : false);
  for (const context of contexts) {
    const release = await prepareRelease(git, context, {
      ...dateOption,
      ...(forge === null ? {} : { enrichNotes: forge.enrich }),
    });
    if (release === null) continue;
    for (const note of release.detectionNotes) output.warn(note);
    prepared.push(release);
  }
  return { contexts, prepared };
}

export function nothingToReleaseMessage(contexts: readonly PlanContext[]): string {
  if (contexts.length === 1) {
    return `nothing to release since ${contexts[0]?.plan.currentTag ?? 'the first commit'}`;
  }
  return 'nothing to release in any package';
}
