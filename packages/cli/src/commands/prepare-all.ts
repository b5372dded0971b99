import type { PlanContext, PreparedRelease } from '@slipway/engine';
import { CliGit, createPlanServiceFor, prepareRelease } from '@slipway/engine';
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
): Promise<PreparedAll> {
  const dateOption = prepareOptions(options);
  const service = createPlanServiceFor(cwd, { cache });
  const contexts = await planSelected(service, options, { keepCommits: true });
  printPlanWarnings(
    contexts.map((context) => context.plan),
    output,
  );
  const git = new CliGit({ cwd });
  const prepared: PreparedRelease[] = [];
  // With a forge token the changelog and the tag's notes name pull requests and authors; one
  // enricher for every package, so a commit shared by packages is looked up once.
  const first = contexts[0];
  const forge =
    first === undefined
      ? null
      : await forgeNotesEnricher(git, first.config, env, output, undefined);
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
