import type { Command } from 'commander';
import { SlipwayError } from '@slipway/core';
import type {
  ControlPlane,
  ImageArtifacts,
  PlacedImage,
  RegistryCredentials,
} from '@slipway/engine';
import { ImageService, OciRegistryClient, imageEventsThrough, renderTags } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import type { Output } from '../output.js';
import { dataDirHelp } from './cli-actor.js';
import { registerImageAttestationCommands } from './image-attestations.js';
import type { ControlPlaneOptions } from './with-control-plane.js';
import { withControlPlane } from './with-control-plane.js';

interface RegistryOptions {
  plainHttp: boolean;
}

interface RecordOptions extends ControlPlaneOptions, RegistryOptions {
  service: string;
  version: string;
  commit?: string;
  tag: string[];
}

interface PlaceOptions extends ControlPlaneOptions, RegistryOptions {
  tag: string[];
  moving: string[];
  version?: string;
  commit?: string;
  env?: string;
}

/** Credentials for every registry this command talks to, from the environment only. */
function registryCredentials(env: NodeJS.ProcessEnv): RegistryCredentials | null {
  const username = env.SLIPWAY_REGISTRY_USERNAME;
  const password = env.SLIPWAY_REGISTRY_PASSWORD;
  if (username === undefined || username === '') return null;
  return { username, password: password ?? '' };
}

/**
 * The CLI talks to the registries itself; what it records (the image, each tag move and
 * promotion) goes through the control plane, embedded or `--server`, before any tag is written.
 */
function imageService(
  context: CliContext,
  options: RegistryOptions,
  controlPlane: ControlPlane,
  actor: string,
  artifacts: ImageArtifacts = controlPlane,
): ImageService {
  const credentials = registryCredentials(context.streams.env);
  return new ImageService(
    (registry) => new OciRegistryClient({ registry, credentials, insecure: options.plainHttp }),
    artifacts,
    imageEventsThrough(controlPlane.images, { actor }),
  );
}

const noArtifacts: ImageArtifacts = {
  registerArtifact: () =>
    Promise.reject(new SlipwayError('INTERNAL', 'tagging registers no artifact')),
};

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `slipway image record|tag|promote`: container images by digest, in OCI registries. */
export function registerImageCommand(program: Command, context: CliContext): void {
  const image = program
    .command('image')
    .description('record container images by digest, tag them and promote them between registries');

  image
    .command('record')
    .description(
      'resolve an image to its digest and register it as an oci-image artifact of a release',
    )
    .argument('<reference>', 'registry/repository:tag or registry/repository@sha256:…')
    .requiredOption('--service <name>', 'the service the image belongs to')
    .requiredOption('--version <version>', 'the release version')
    .option('--commit <sha>', 'the source commit it was built from')
    .option(
      '--tag <template>',
      'also tag the digest ({version}, {major}.{minor}, {sha}, {sha_short}); repeatable',
      collect,
      [],
    )
    .option('--plain-http', 'talk HTTP, not HTTPS, to the registry (loopback, lab)', false)
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (reference: string, options: RecordOptions, command: Command) => {
      const output = outputFor(command, context);
      const tags = renderTags(options.tag, {
        version: options.version,
        ...(options.commit === undefined ? {} : { sha: options.commit }),
      });
      const result = await withControlPlane(
        command,
        context,
        options,
        async ({ controlPlane, actor }) => {
          const images = imageService(context, options, controlPlane, actor);
          const record = await images.recordImage(
            {
              reference,
              service: options.service,
              version: options.version,
              sourceCommit: options.commit ?? null,
            },
            { actor },
          );
          const repository = `${record.registry}/${record.repository}`;
          const placed =
            tags.length === 0
              ? null
              : await images.placeImage(
                  { source: record.reference, destination: repository, tags },
                  { actor },
                );
          return { record, placed };
        },
      );
      if (output.json) {
        output.data(result);
      } else {
        output.line(
          `${output.style.bold(result.record.reference)} ${output.style.dim(result.record.mediaType)}`,
        );
        for (const platform of result.record.platforms)
          output.line(`  ${platform.platform} ${platform.digest}`);
        if (result.placed !== null) printPlaced(result.placed, output);
      }
      context.exitCode = ExitCode.success;
    });

  const placeCommand = (name: string, description: string, destinationHelp: string): void => {
    image
      .command(name)
      .description(description)
      .argument('<image>', 'registry/repository@sha256:… (by digest only)')
      .argument(name === 'tag' ? '[repository]' : '<repository>', destinationHelp)
      .option(
        '--tag <template>',
        'tag template ({version}, {major}.{minor}, {sha}, {sha_short}, {env}); repeatable',
        collect,
        [],
      )
      .option(
        '--moving <template>',
        'a tag that may move here from another digest (latest, {env}); the move is recorded; repeatable',
        collect,
        [],
      )
      .option('--version <version>', 'fills {version}, {major}, {minor}')
      .option('--commit <sha>', 'fills {sha} and {sha_short}')
      .option('--env <environment>', 'fills {env}; names the environment promoted to')
      .option('--plain-http', 'talk HTTP, not HTTPS, to the registries (loopback, lab)', false)
      .option('--data-dir <dir>', dataDirHelp)
      .action(
        async (
          source: string,
          destination: string | undefined,
          options: PlaceOptions,
          command: Command,
        ) => {
          const output = outputFor(command, context);
          const tagContext = {
            ...(options.version === undefined ? {} : { version: options.version }),
            ...(options.commit === undefined ? {} : { sha: options.commit }),
            ...(options.env === undefined ? {} : { env: options.env }),
          };
          const movingTags = renderTags(options.moving, tagContext);
          const tags = [...new Set([...renderTags(options.tag, tagContext), ...movingTags])];
          if (tags.length === 0) {
            throw new SlipwayError('USAGE', `slipway image ${name} needs at least one --tag`, {
              subject: '--tag',
            });
          }
          const placed = await withControlPlane(
            command,
            context,
            options,
            ({ controlPlane, actor }) =>
              imageService(context, options, controlPlane, actor, noArtifacts).placeImage(
                {
                  source,
                  destination: destination ?? source.replace(/[@:][^/]*$/, ''),
                  tags,
                  movingTags,
                  environment: options.env ?? null,
                },
                { actor },
              ),
          );
          if (output.json) output.data(placed);
          else printPlaced(placed, output);
          context.exitCode = ExitCode.success;
        },
      );
  };
  placeCommand(
    'tag',
    'tag a digest in its repository (a tag that points elsewhere is refused unless --moving)',
    'default: the image’s own repository',
  );
  placeCommand(
    'promote',
    'copy a digest to another repository or registry, verify it there, then tag it',
    'registry/repository of the environment',
  );
  registerImageAttestationCommands(image, context);
}

function printPlaced(placed: PlacedImage, output: Output): void {
  output.line(
    `${output.style.bold(placed.reference)}${placed.copied ? output.style.dim(' (copied and verified)') : ''}`,
  );
  for (const change of placed.changed) {
    const moved =
      change.previous === null ? '' : output.style.dim(` (moved from ${change.previous})`);
    output.line(`  tagged ${change.tag}${moved}`);
  }
  for (const tag of placed.unchanged) output.line(`  ${tag} ${output.style.dim('already there')}`);
}
