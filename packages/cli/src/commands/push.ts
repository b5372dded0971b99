import type { Command } from 'commander';
import { SlipwayError } from '@slipway/core';
import type { RollForwardPlan } from '@slipway/core';
import type { Artifact, CommitAuthor, ReleaseRecord } from '@slipway/engine';
import { createPlanServiceFor, previousTag, readReleaseWindow } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { globalOptions, outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { describeArtifactFile } from './artifact-files.js';
import { printArtifact, registerArtifactFiles } from './artifact.js';
import { dataDirHelp } from './cli-actor.js';
import { artifactPaths, readTagNotes } from './push-source.js';
import type { ControlPlaneOptions } from './with-control-plane.js';
import { withControlPlane } from './with-control-plane.js';

interface PushOptions extends ControlPlaneOptions {
  package?: string;
  service?: string;
  artifact: string[];
  upload: boolean;
  rollForward?: string;
  rollForwardStep: string[];
  fixes?: string;
}

/** `slipway push`: the release at HEAD (and its built artifacts) to the control plane. */
export function registerPushCommand(program: Command, context: CliContext): void {
  program
    .command('push')
    .description(
      'send the release tagged at HEAD (by slipway release), its notes and built artifacts to the control plane',
    )
    .option('--package <name>', 'the package of a monorepo to push')
    .option('--service <name>', 'the catalog service (default [deploy] service, or the name)')
    .option(
      '--artifact <path>',
      'an artifact file or directory (repeatable; default [deploy] artifacts)',
      collect,
      [],
    )
    .option('--no-upload', 'register artifact digests only, without their bytes')
    .option('--roll-forward <reason>', 'record a roll-forward plan: why there is no way back')
    .option(
      '--roll-forward-step <step>',
      'a step of the roll-forward plan (repeatable)',
      collect,
      [],
    )
    .option('--fixes <version>', 'mark this release as the fix of an earlier version (DORA)')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (options: PushOptions, command: Command) => {
      const output = outputFor(command, context);
      const { cwd, cache } = globalOptions(command, context.streams);
      const planContext = await createPlanServiceFor(cwd, { cache }).plan(
        options.package === undefined ? {} : { package: options.package },
      );
      const { base, head, config } = planContext;
      const version = planContext.plan.currentVersion;
      if (base === null || version === null || base.commit !== head) {
        throw new SlipwayError('USAGE', `HEAD (${head.slice(0, 7)}) is not a release commit`, {
          subject: 'HEAD',
          hint: 'run `slipway release` first, or check out the release tag to push',
        });
      }
      const rollForward = rollForwardOf(options);
      const named = options.artifact.length > 0;
      const paths = await artifactPaths(
        planContext.topLevel,
        named ? options.artifact : config.deploy.artifacts,
        named,
      );
      const files = await Promise.all(paths.map((path) => describeArtifactFile(cwd, path)));
      const notes = await readTagNotes(planContext.topLevel, base.tag);
      const service = options.service ?? config.deploy.service ?? config.name;
      // As `slipway authors` does: whoever wrote the release's commits may not approve it.
      const since = await previousTag(planContext.topLevel);
      // One git log for both: who wrote the release (barred from approving it) and when its
      // oldest commit was made (where DORA lead time starts, not at its registration).
      const { authors: commitAuthors, firstCommitTime } = await readReleaseWindow(
        planContext.topLevel,
        since === null ? 'HEAD' : `${since}..HEAD`,
      );
      const pushed = await withControlPlane(
        command,
        context,
        options,
        async ({
          controlPlane,
          actor,
        }): Promise<{ release: ReleaseRecord; artifacts: Artifact[]; authors: CommitAuthor[] }> => {
          const artifacts = await registerArtifactFiles(controlPlane, files, {
            service,
            version,
            sourceCommit: head,
            upload: options.upload,
            actor,
          });
          const release = await controlPlane.createRelease(
            {
              service,
              version,
              tag: base.tag,
              commit: head,
              notes,
              artifacts: artifacts.map((artifact) => artifact.digest),
              components: config.deploy.components,
              rollForward,
              ...(firstCommitTime === null ? {} : { firstCommitTime }),
              ...(options.fixes === undefined ? {} : { fixes: options.fixes }),
            },
            { actor },
          );
          const authors = await controlPlane.recordReleaseAuthors(service, version, commitAuthors, {
            actor,
          });
          return { release, artifacts, authors };
        },
      );
      if (output.json) output.data(pushed);
      else {
        output.line(
          `${output.style.green('pushed')} ${output.style.bold(service)} ${version} ${output.style.dim(`(tag ${base.tag}, commit ${head.slice(0, 7)}, release ${pushed.release.id})`)}`,
        );
        pushed.artifacts.forEach((artifact) => printArtifact(artifact, output));
        if (pushed.artifacts.length === 0) output.warn('no artifacts found to push');
        output.line(
          output.style.dim(
            `${pushed.authors.length} commit authors (since ${since ?? 'the first commit'}) may not approve its deployments`,
          ),
        );
      }
      context.exitCode = ExitCode.success;
    });
}

function rollForwardOf(options: PushOptions): RollForwardPlan | null {
  if (options.rollForward === undefined) {
    if (options.rollForwardStep.length > 0) {
      throw new SlipwayError('USAGE', '--roll-forward-step needs --roll-forward <reason>', {
        subject: '--roll-forward-step',
      });
    }
    return null;
  }
  if (options.rollForwardStep.length === 0) {
    throw new SlipwayError('USAGE', '--roll-forward needs at least one --roll-forward-step', {
      subject: '--roll-forward',
    });
  }
  return { reason: options.rollForward, steps: options.rollForwardStep };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
