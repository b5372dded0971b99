import type { Command } from 'commander';
import { Option } from 'commander';
import type { RiskTier, Service } from '@slipway/engine';
import { riskTiers } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { globalOptions, outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import type { Output } from '../output.js';
import type { CatalogDatabaseOptions } from './cli-actor.js';
import { dataDirHelp } from './cli-actor.js';
import type { RolloutFileOptions } from './rollout-file.js';
import { rolloutFieldOf, withRolloutFileOptions } from './rollout-file.js';
import type { ServiceFieldOptions } from './service-options.js';
import { servicePatchOf, withServiceFieldOptions } from './service-options.js';
import { readControlPlane, withControlPlane } from './with-control-plane.js';

type ServiceChangeOptions = CatalogDatabaseOptions & ServiceFieldOptions & RolloutFileOptions;

interface ServiceListOptions extends CatalogDatabaseOptions {
  owner?: string;
  risk?: RiskTier;
  search?: string;
}

/** `slipway service add|set|show|list`: the service catalog. */
export function registerServiceCommand(program: Command, context: CliContext): void {
  const service = program
    .command('service')
    .description('add, change and list the services and libraries of the catalog');

  withRolloutFileOptions(
    withServiceFieldOptions(
      service
        .command('add')
        .description('add a service (or library) to the catalog')
        .argument('<name>', 'letters and digits, separated by single - _ or .'),
      'risk tier (default standard)',
    ),
  )
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (name: string, options: ServiceChangeOptions, command: Command) => {
      const output = outputFor(command, context);
      const patch = servicePatchOf(options);
      const { cwd } = globalOptions(command, context.streams);
      const rollout = await rolloutFieldOf(options, cwd, () => Promise.resolve(undefined));
      const added = await withControlPlane(command, context, options, ({ controlPlane, actor }) =>
        controlPlane.addService(
          { name, ...patch, ...(rollout === undefined ? {} : { rollout }) },
          { actor },
        ),
      );
      if (output.json) output.data(added);
      else output.line(`${output.style.green('added')} ${describeService(added, output)}`);
      context.exitCode = ExitCode.success;
    });

  withRolloutFileOptions(
    withServiceFieldOptions(
      service
        .command('set')
        .description('change fields of a service (the others stay as they are)')
        .argument('<name>', 'the service'),
      'risk tier',
    ),
  )
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (name: string, options: ServiceChangeOptions, command: Command) => {
      const output = outputFor(command, context);
      const patch = servicePatchOf(options);
      const { cwd } = globalOptions(command, context.streams);
      const updated = await withControlPlane(
        command,
        context,
        options,
        async ({ controlPlane, actor }) => {
          // The other environments' specs stay: read the field, change one entry, write it back.
          const rollout = await rolloutFieldOf(
            options,
            cwd,
            async () => (await controlPlane.getService(name)).rollout,
          );
          return controlPlane.updateService(
            name,
            { ...patch, ...(rollout === undefined ? {} : { rollout }) },
            { actor },
          );
        },
      );
      if (output.json) output.data(updated);
      else output.line(`${output.style.green('updated')} ${describeService(updated, output)}`);
      context.exitCode = ExitCode.success;
    });

  service
    .command('show')
    .description('one service with all its fields')
    .argument('<name>', 'the service')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (name: string, options: CatalogDatabaseOptions, command: Command) => {
      const output = outputFor(command, context);
      const found = await readControlPlane(command, context, options, ({ controlPlane }) =>
        controlPlane.getService(name),
      );
      if (output.json) output.data(found);
      else output.line(describeService(found, output));
      context.exitCode = ExitCode.success;
    });

  service
    .command('list')
    .description('list the catalog, sorted by name')
    .option('--owner <owner>', 'only services of this owner')
    .addOption(new Option('--risk <tier>', 'only services of this risk tier').choices(riskTiers))
    .option('--search <text>', 'only services whose name, owner or repository contains this')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (options: ServiceListOptions, command: Command) => {
      const output = outputFor(command, context);
      const services = await readControlPlane(command, context, options, ({ controlPlane }) =>
        controlPlane.listServices({
          ...(options.owner === undefined ? {} : { owner: options.owner }),
          ...(options.risk === undefined ? {} : { tier: options.risk }),
          ...(options.search === undefined ? {} : { search: options.search }),
        }),
      );
      if (output.json) output.data({ services });
      else if (services.length === 0) output.line(output.style.dim('no services'));
      else services.forEach((item) => output.line(describeService(item, output)));
      context.exitCode = ExitCode.success;
    });
}

function describeService(service: Service, output: Output): string {
  const { style } = output;
  // The record deployer is the default: only a deploy command is worth a mention.
  const deployer =
    service.deployer === null || service.deployer.kind === 'record'
      ? undefined
      : service.deployer.kind === 'argo-rollouts'
        ? 'deploys with Argo Rollouts'
        : `deploys with ${service.deployer.command.join(' ')}`;
  const details = [
    service.kind,
    `${service.riskTier} risk`,
    service.lifecycle.join(' → '),
    service.owner === null ? undefined : `owner ${service.owner}`,
    service.repository ?? undefined,
    service.entityRef ?? undefined,
    deployer,
    service.allowSkip ? 'may skip environments' : undefined,
  ].filter((part): part is string => part !== undefined);
  return `${style.bold(service.name)} ${style.dim(details.join(' · '))}`;
}
