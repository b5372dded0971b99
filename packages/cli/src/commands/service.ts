import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import type { RiskTier, Service, ServiceKind } from '@slipway/engine';
import { environmentNamePattern, riskTiers, serviceKinds } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import type { Output } from '../output.js';
import type { CatalogDatabaseOptions } from './with-catalog.js';
import { cliActor, dataDirHelp, withCatalog } from './with-catalog.js';

interface ServiceAddOptions extends CatalogDatabaseOptions {
  owner?: string;
  repository?: string;
  kind?: ServiceKind;
  risk?: RiskTier;
  lifecycle?: string[];
}

interface ServiceListOptions extends CatalogDatabaseOptions {
  owner?: string;
  risk?: RiskTier;
  search?: string;
}

/** `slipway service add|list`: the service catalog on the embedded or shared database. */
export function registerServiceCommand(program: Command, context: CliContext): void {
  const service = program
    .command('service')
    .description('add and list the services and libraries of the catalog');

  service
    .command('add')
    .description('add a service (or library) to the catalog')
    .argument('<name>', 'letters and digits, separated by single - _ or .')
    .option('--owner <owner>', 'owning team or person')
    .option('--repository <url>', 'source repository')
    .addOption(kindOption())
    .addOption(riskOption('risk tier (default standard)'))
    .option(
      '--lifecycle <envs>',
      'environments in promotion order (default dev,staging,prod)',
      parseLifecycle,
    )
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (name: string, options: ServiceAddOptions, command: Command) => {
      const output = outputFor(command, context);
      const added = await withCatalog(command, context, options, (catalog) =>
        catalog.addService(
          {
            name,
            ...(options.owner === undefined ? {} : { owner: options.owner }),
            ...(options.repository === undefined ? {} : { repository: options.repository }),
            ...(options.kind === undefined ? {} : { kind: options.kind }),
            ...(options.risk === undefined ? {} : { riskTier: options.risk }),
            ...(options.lifecycle === undefined ? {} : { lifecycle: options.lifecycle }),
          },
          { actor: cliActor(context.streams.env) },
        ),
      );
      if (output.json) output.data(added);
      else output.line(`${output.style.green('added')} ${describeService(added, output)}`);
      context.exitCode = ExitCode.success;
    });

  service
    .command('list')
    .description('list the catalog, sorted by name')
    .option('--owner <owner>', 'only services of this owner')
    .addOption(riskOption('only services of this risk tier'))
    .option('--search <text>', 'only services whose name, owner or repository contains this')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (options: ServiceListOptions, command: Command) => {
      const output = outputFor(command, context);
      const services = await withCatalog(command, context, options, (catalog) =>
        catalog.listServices({
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

function kindOption(): Option {
  return new Option('--kind <kind>', 'service or library (default service)').choices(serviceKinds);
}

function riskOption(description: string): Option {
  return new Option('--risk <tier>', description).choices(riskTiers);
}

/** Commander prints the option and this message, and the run exits 2. */
function parseLifecycle(value: string): string[] {
  const names = value.split(',').map((name) => name.trim());
  const bad = names.find((name) => !environmentNamePattern.test(name));
  if (bad !== undefined) {
    throw new InvalidArgumentError(
      `environment names are lower-case letters, digits and - (got "${bad}"), e.g. dev,staging,prod`,
    );
  }
  if (new Set(names).size !== names.length) {
    throw new InvalidArgumentError('an environment appears twice');
  }
  return names;
}

function describeService(service: Service, output: Output): string {
  const { style } = output;
  const details = [
    service.kind,
    `${service.riskTier} risk`,
    service.lifecycle.join(' → '),
    service.owner === null ? undefined : `owner ${service.owner}`,
    service.repository ?? undefined,
    service.entityRef ?? undefined,
  ].filter((part): part is string => part !== undefined);
  return `${style.bold(service.name)} ${style.dim(details.join(' · '))}`;
}
