import { createReadStream } from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { Artifact, ArtifactKind, ControlPlane } from '@slipway/engine';
import { artifactKinds } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { globalOptions, outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import type { Output } from '../output.js';
import type { ArtifactFile } from './artifact-files.js';
import { describeArtifactFile } from './artifact-files.js';
import { dataDirHelp } from './cli-actor.js';
import type { ControlPlaneOptions } from './with-control-plane.js';
import { readControlPlane, withControlPlane } from './with-control-plane.js';

interface ArtifactAddOptions extends ControlPlaneOptions {
  service: string;
  version: string;
  kind?: ArtifactKind;
  commit?: string;
  upload: boolean;
}

interface ArtifactListOptions extends ControlPlaneOptions {
  service?: string;
  version?: string;
}

export interface RegisterFilesRequest {
  readonly service: string;
  readonly version: string;
  readonly sourceCommit?: string;
  readonly kind?: ArtifactKind;
  readonly upload: boolean;
  readonly actor: string;
}

/** Registers each file by digest and, unless told not to, uploads its bytes. */
export async function registerArtifactFiles(
  controlPlane: ControlPlane,
  files: readonly ArtifactFile[],
  request: RegisterFilesRequest,
): Promise<Artifact[]> {
  const artifacts: Artifact[] = [];
  for (const file of files) {
    let artifact = await controlPlane.registerArtifact(
      {
        digest: file.digest,
        name: file.name,
        kind: request.kind ?? file.kind,
        size: file.size,
        service: request.service,
        version: request.version,
        ...(request.sourceCommit === undefined ? {} : { sourceCommit: request.sourceCommit }),
      },
      { actor: request.actor },
    );
    if (request.upload && !artifact.stored) {
      artifact = await controlPlane.uploadArtifact(file.digest, createReadStream(file.path), {
        actor: request.actor,
      });
    }
    artifacts.push(artifact);
  }
  return artifacts;
}

/** `slipway artifact add|list`: built things, by digest. */
export function registerArtifactCommand(program: Command, context: CliContext): void {
  const artifact = program
    .command('artifact')
    .description('register (and upload) built artifacts by sha256 digest, and list them');

  artifact
    .command('add')
    .description('register files as artifacts of a service version and upload their bytes')
    .argument('<file...>', 'wheels, sdists or other files')
    .requiredOption('--service <name>', 'the service they were built for')
    .requiredOption('--version <version>', 'the version they were built as')
    .addOption(
      new Option('--kind <kind>', 'default: wheel, sdist or file by name').choices(artifactKinds),
    )
    .option('--commit <sha>', 'the source commit they were built from')
    .option('--no-upload', 'register the digests only; keep the bytes where they are')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (paths: string[], options: ArtifactAddOptions, command: Command) => {
      const output = outputFor(command, context);
      const { cwd } = globalOptions(command, context.streams);
      const files = await Promise.all(paths.map((path) => describeArtifactFile(cwd, path)));
      const artifacts = await withControlPlane(
        command,
        context,
        options,
        ({ controlPlane, actor }) =>
          registerArtifactFiles(controlPlane, files, {
            service: options.service,
            version: options.version,
            upload: options.upload,
            actor,
            ...(options.kind === undefined ? {} : { kind: options.kind }),
            ...(options.commit === undefined ? {} : { sourceCommit: options.commit }),
          }),
      );
      if (output.json) output.data({ artifacts });
      else artifacts.forEach((item) => printArtifact(item, output));
      context.exitCode = ExitCode.success;
    });

  artifact
    .command('list')
    .description('list registered artifacts')
    .option('--service <name>', 'only artifacts of this service')
    .option('--version <version>', 'only artifacts of this version')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (options: ArtifactListOptions, command: Command) => {
      const output = outputFor(command, context);
      const artifacts = await readControlPlane(command, context, options, ({ controlPlane }) =>
        controlPlane.listArtifacts({
          ...(options.service === undefined ? {} : { service: options.service }),
          ...(options.version === undefined ? {} : { version: options.version }),
        }),
      );
      if (output.json) output.data({ artifacts });
      else if (artifacts.length === 0) output.line(output.style.dim('no artifacts'));
      else artifacts.forEach((item) => printArtifact(item, output));
      context.exitCode = ExitCode.success;
    });
}

export function printArtifact(artifact: Artifact, output: Output): void {
  const { style } = output;
  const owner = [artifact.service, artifact.version].filter((part) => part !== null).join(' ');
  output.line(
    `${style.bold(artifact.name)} ${style.dim(artifact.kind)} ${artifact.digest} ${style.dim(`${artifact.size} bytes${artifact.stored ? ', stored' : ''}${owner === '' ? '' : `, ${owner}`}`)}`,
  );
}
