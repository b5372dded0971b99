import type { Command } from 'commander';
import type { ReleaseRecord } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import type { Output } from '../output.js';
import { dataDirHelp } from './cli-actor.js';
import { shortDigest } from './deployment-output.js';
import type { ControlPlaneOptions } from './with-control-plane.js';
import { readControlPlane } from './with-control-plane.js';

/** `slipway releases <service> [version]`: what `slipway push` registered. */
export function registerReleasesCommand(program: Command, context: CliContext): void {
  program
    .command('releases')
    .description('list the releases of a service (newest first), or show one with its notes')
    .argument('<service>', 'the service, as in the catalog')
    .argument('[version]', 'show this release')
    .option('--data-dir <dir>', dataDirHelp)
    .action(
      async (
        service: string,
        version: string | undefined,
        options: ControlPlaneOptions,
        command: Command,
      ) => {
        const output = outputFor(command, context);
        if (version !== undefined) {
          const release = await readControlPlane(command, context, options, ({ controlPlane }) =>
            controlPlane.getRelease(service, version),
          );
          if (output.json) output.data(release);
          else printRelease(release, output, true);
        } else {
          const releases = await readControlPlane(command, context, options, ({ controlPlane }) =>
            controlPlane.listReleases(service),
          );
          if (output.json) output.data({ releases });
          else if (releases.length === 0) output.line(output.style.dim('no releases'));
          else releases.forEach((release) => printRelease(release, output, false));
        }
        context.exitCode = ExitCode.success;
      },
    );
}

function printRelease(release: ReleaseRecord, output: Output, details: boolean): void {
  const { style } = output;
  const source = [release.tag, release.commit?.slice(0, 7)].filter((part) => part != null);
  output.line(
    `${style.bold(release.service)} ${release.version} ${style.dim(`${source.join(' ')} ${release.createdAt} by ${release.createdBy}`)}`,
  );
  for (const digest of release.artifacts)
    output.line(`  ${style.dim(details ? digest : shortDigest(digest))}`);
  if (!details) return;
  for (const component of release.components) {
    output.line(`  component ${component.name}: ${component.kind}, rollback ${component.rollback}`);
  }
  if (release.rollForward !== null) {
    output.line(`  roll-forward: ${release.rollForward.reason}`);
    release.rollForward.steps.forEach((step) => output.line(`    - ${step}`));
  }
  if (release.notes !== null) output.line(`\n${release.notes.trimEnd()}`);
}
