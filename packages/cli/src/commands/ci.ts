import type { Command } from 'commander';
import { SlipwayError } from '@slipway/core';
import {
  ciProviders,
  defaultPipelineOptions,
  detectCiContext,
  loadConfig,
  writePipeline,
  type PipelineOptions,
} from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { globalOptions, outputFor } from '../cli-context.js';

interface CiInitOptions {
  readonly provider: string;
  readonly service?: string;
  readonly environments?: string;
  readonly publish?: string;
  readonly test?: string;
  readonly build?: string;
  readonly force?: boolean;
}

const publishTargets = ['pypi', 'npm', 'none'] as const;

export function registerCiCommand(program: Command, context: CliContext): void {
  const ci = program.command('ci').description('CI integration: pipelines and the CI context');
  ci.command('init')
    .description(
      'write a release pipeline: check → test → release → build → publish → push → deploy → promote',
    )
    .requiredOption('--provider <name>', `the CI: ${ciProviders.join(', ')}`)
    .option(
      '--service <name>',
      'the catalog service to deploy (default [deploy] service, or the name)',
    )
    .option('--environments <list>', 'lifecycle, comma-separated (default dev,staging,prod)')
    .option(
      '--publish <target>',
      `where to publish: ${publishTargets.join(', ')} (default from the project)`,
    )
    .option('--test <command>', 'the test command (default from the project)')
    .option('--build <command>', 'the build command, writing to dist/ (default from the project)')
    .option('--force', 'replace an existing pipeline file')
    .action(async (options: CiInitOptions, command: Command) => {
      const { cwd } = globalOptions(command, context.streams);
      const output = outputFor(command, context);
      const provider = oneOf('--provider', options.provider, ciProviders);
      const { config } = await loadConfig(cwd);
      const service = options.service ?? config.deploy.service ?? config.name;
      // The name goes into shell commands of the pipeline: a catalog name, never shell words.
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(service)) {
        throw new SlipwayError(
          'USAGE',
          `service ${JSON.stringify(service)}: expected a catalog name`,
          {
            subject: service,
            hint: 'Pass --service <name>.',
          },
        );
      }
      const defaults = defaultPipelineOptions(cwd, service);
      const pipeline: PipelineOptions = {
        ...defaults,
        branch: config.check.base,
        ...(options.environments === undefined
          ? {}
          : { environments: environmentList(options.environments) }),
        ...(options.publish === undefined
          ? {}
          : { publish: oneOf('--publish', options.publish, publishTargets) }),
        ...(options.test === undefined ? {} : { testCommand: options.test }),
        ...(options.build === undefined ? {} : { buildCommand: options.build }),
      };
      const file = await writePipeline(cwd, provider, pipeline, {
        overwrite: options.force === true,
      });
      if (output.json) {
        output.data({
          provider,
          file: file.path,
          service: pipeline.service,
          environments: pipeline.environments,
        });
        return;
      }
      output.line(`${output.style.green('wrote')} ${file.path} (${provider})`);
      output.line(
        `  deploys ${pipeline.service} to ${pipeline.environments.join(' → ')}; publishes to ${pipeline.publish}`,
      );
      output.line('  needs SLIPWAY_SERVER and SLIPWAY_TOKEN in the CI settings');
    });
  ci.command('context')
    .description(
      'print what this CI run is: provider, run id and URL, commit, ref, actor, pull request',
    )
    .action((_options: unknown, command: Command) => {
      const output = outputFor(command, context);
      const detected = detectCiContext(context.streams.env);
      if (output.json) {
        output.data(detected);
        return;
      }
      for (const [key, value] of Object.entries(detected)) {
        const text =
          value === null ? '-' : typeof value === 'object' ? JSON.stringify(value) : String(value);
        output.line(`${key.padEnd(14)} ${text}`);
      }
    });
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new SlipwayError(
    'USAGE',
    `${option} ${JSON.stringify(value)}: expected one of ${allowed.join(', ')}`,
    {
      subject: value,
    },
  );
}

function environmentList(list: string): string[] {
  const names = list.split(',').map((name) => name.trim());
  if (names.length === 0 || names.some((name) => !/^[a-z0-9][a-z0-9_-]*$/.test(name))) {
    throw new SlipwayError(
      'USAGE',
      `--environments ${JSON.stringify(list)}: expected names such as dev,staging,prod`,
      {
        subject: list,
      },
    );
  }
  return names;
}
