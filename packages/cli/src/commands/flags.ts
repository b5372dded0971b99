import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { JsonValue } from '@slipway/core';
import { SlipwayError } from '@slipway/core';
import type { FlagClientKey, FlagPatch, FlagScope, StoredFlag } from '@slipway/engine';
import { parsePercent, readRolloutSplit, rolloutTotalWeight } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { globalOptions, outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import type { Output } from '../output.js';
import { dataDirHelp } from './cli-actor.js';
import { registerRampCommands } from './flags-ramp.js';
import { readControlPlane, withControlPlane } from './with-control-plane.js';

interface ScopeOptions {
  service?: string;
  env: string;
  dataDir?: string;
}

interface SetOptions extends ScopeOptions {
  state?: 'ENABLED' | 'DISABLED';
  variants?: JsonValue;
  defaultVariant?: string | false;
  targeting?: JsonValue | false;
  metadata?: JsonValue;
  file?: string;
}

/** `slipway flags …`: feature flags per service and environment (flagd definitions). */
export function registerFlagsCommand(program: Command, context: CliContext): void {
  const flags = program
    .command('flags')
    .description('feature flags per service and environment: flagd files, kill switch, rollouts');

  scoped(flags.command('list').description('the flags of a service in one environment')).action(
    async (options: ScopeOptions, command: Command) => {
      const output = outputFor(command, context);
      const list = await readControlPlane(command, context, options, ({ controlPlane }) =>
        controlPlane.flags.listFlags(scopeOf(options, context)),
      );
      if (output.json) output.data({ flags: list });
      else {
        list.forEach((flag) => output.line(describeFlag(flag, output)));
        if (list.length === 0) output.line(output.style.dim('no flags'));
      }
      context.exitCode = ExitCode.success;
    },
  );

  scoped(
    flags
      .command('get')
      .description('one flag: its definition, or every version with --history')
      .argument('<flag>', 'the flag key')
      .option('--history', 'every version, oldest first, with actor and cause'),
  ).action(async (key: string, options: ScopeOptions & { history?: boolean }, command: Command) => {
    const output = outputFor(command, context);
    const scope = scopeOf(options, context);
    if (options.history === true) {
      const versions = await readControlPlane(command, context, options, ({ controlPlane }) =>
        controlPlane.flags.flagHistory(scope, key),
      );
      if (output.json) output.data({ versions });
      else {
        for (const version of versions) {
          output.line(
            `v${version.version} ${output.style.cyan(version.change)} by ${version.actor} ${output.style.dim(version.time)} ${JSON.stringify(version.definition)}`,
          );
        }
      }
    } else {
      const flag = await readControlPlane(command, context, options, ({ controlPlane }) =>
        controlPlane.flags.getFlag(scope, key),
      );
      if (output.json) output.data(flag);
      else {
        output.line(describeFlag(flag, output));
        output.line(JSON.stringify(flag.definition, null, 2));
      }
    }
    context.exitCode = ExitCode.success;
  });

  scoped(
    flags
      .command('set')
      .description('create or change a flag; fields not given stay (validated like flagd)')
      .argument('<flag>', 'the flag key')
      .addOption(
        new Option('--state <state>', 'ENABLED or DISABLED').choices(['ENABLED', 'DISABLED']),
      )
      .option(
        '--variants <json>',
        'variants as a JSON object, e.g. \'{"on":true,"off":false}\'',
        parseJson,
      )
      .option('--default-variant <name>', 'the variant served when targeting gives none')
      .option('--no-default-variant', 'no default variant: clients use their code default')
      .option('--targeting <json>', 'a JSONLogic rule with flagd operators', parseJson)
      .option('--no-targeting', 'remove the targeting rule')
      .option('--metadata <json>', 'flag metadata as a JSON object', parseJson)
      .option('--file <path>', 'the whole flag definition from a JSON file'),
  ).action(async (key: string, options: SetOptions, command: Command) => {
    const output = outputFor(command, context);
    const patch = await patchOf(options, command, context);
    const flag = await withControlPlane(command, context, options, ({ controlPlane, actor }) =>
      controlPlane.flags.setFlag(scopeOf(options, context), key, patch, { actor }),
    );
    if (output.json) output.data(flag);
    else output.line(`${output.style.green('set')} ${describeFlag(flag, output)}`);
    context.exitCode = ExitCode.success;
  });

  scoped(
    flags
      .command('import')
      .description('take a flagd flag file; an invalid file changes nothing')
      .argument('<file>', 'a flagd flag file (JSON)'),
  ).action(async (file: string, options: ScopeOptions, command: Command) => {
    const output = outputFor(command, context);
    const parsed = await readJsonFile(file, command, context);
    const report = await withControlPlane(command, context, options, ({ controlPlane, actor }) =>
      controlPlane.flags.importFlags(scopeOf(options, context), parsed, { actor }),
    );
    if (output.json) output.data(report);
    else {
      output.line(
        `${output.style.green('imported')} ${report.service}/${report.env} revision ${report.revision}: ${report.changed.length} changed, ${report.unchanged.length} unchanged`,
      );
      for (const key of report.changed) output.line(`  ${output.style.cyan(key)}`);
    }
    context.exitCode = ExitCode.success;
  });

  scoped(
    flags
      .command('export')
      .description('the environment’s flags as a flagd flag file')
      .option('--output <file>', 'write the file here instead of standard output'),
  ).action(async (options: ScopeOptions & { output?: string }, command: Command) => {
    const output = outputFor(command, context);
    const exported = await readControlPlane(command, context, options, ({ controlPlane }) =>
      controlPlane.flags.exportFlags(scopeOf(options, context)),
    );
    const text = `${JSON.stringify(exported.file, null, 2)}\n`;
    if (options.output !== undefined) {
      const { cwd } = globalOptions(command, context.streams);
      await writeFile(resolve(cwd, options.output), text);
      if (output.json) output.data({ revision: exported.revision, etag: exported.etag });
      else output.line(`wrote ${options.output} (revision ${exported.revision})`);
    } else if (output.json) output.data(exported.file);
    else context.streams.stdout.write(text);
    context.exitCode = ExitCode.success;
  });

  scoped(
    flags
      .command('kill')
      .description('disable a flag at once: every client gets its code default (audited)')
      .argument('<flag>', 'the flag key'),
  ).action(async (key: string, options: ScopeOptions, command: Command) => {
    const output = outputFor(command, context);
    const flag = await withControlPlane(command, context, options, ({ controlPlane, actor }) =>
      controlPlane.flags.killFlag(scopeOf(options, context), key, { actor }),
    );
    if (output.json) output.data(flag);
    else output.line(`${output.style.red('killed')} ${describeFlag(flag, output)}`);
    context.exitCode = ExitCode.success;
  });

  scoped(
    flags
      .command('rollout')
      .description('move a sticky split from the default variant to a new one, e.g. --to 25%')
      .argument('<flag>', 'the flag key')
      .requiredOption('--to <percent>', 'share of users on the new variant, 0–100%', parsePercent)
      .option('--variant <name>', 'the new variant (first step only)'),
  ).action(
    async (
      key: string,
      options: ScopeOptions & { to: number; variant?: string },
      command: Command,
    ) => {
      const output = outputFor(command, context);
      const request =
        options.variant === undefined
          ? { percent: options.to }
          : { percent: options.to, variant: options.variant };
      const flag = await withControlPlane(command, context, options, ({ controlPlane, actor }) =>
        controlPlane.flags.rolloutFlag(scopeOf(options, context), key, request, { actor }),
      );
      if (output.json) output.data(flag);
      else output.line(`${output.style.green('rolled out')} ${describeFlag(flag, output)}`);
      context.exitCode = ExitCode.success;
    },
  );

  flags
    .command('stale')
    .description('flags serving one variant in every environment, unchanged for --days days')
    .option('--service <service>', 'the service, as in the catalog (default SLIPWAY_SERVICE)')
    .option('--days <days>', 'unchanged for at least this many days', Number, 30)
    .option('--data-dir <dir>', dataDirHelp)
    .action(
      async (options: { service?: string; days: number; dataDir?: string }, command: Command) => {
        const output = outputFor(command, context);
        const { service } = scopeOf({ ...options, env: '' }, context);
        const stale = await readControlPlane(command, context, options, ({ controlPlane }) =>
          controlPlane.flags.staleFlags(service, options.days),
        );
        if (output.json) output.data({ flags: stale });
        else {
          for (const flag of stale) {
            const serves = Object.entries(flag.serves)
              .map(([env, variant]) => `${env}=${variant ?? 'code default'}`)
              .join(' ');
            output.line(
              `${output.style.bold(flag.key)} ${serves} ${output.style.dim(`since ${flag.unchangedSince}`)}`,
            );
          }
          if (stale.length === 0) output.line(output.style.dim('no stale flags'));
        }
        context.exitCode = ExitCode.success;
      },
    );

  registerRampCommands(flags, context, scoped, scopeOf);
  registerClientKeyCommands(flags, context);
}

function registerClientKeyCommands(flags: Command, context: CliContext): void {
  const keys = flags
    .command('client-key')
    .description('OFREP client keys: each names one service and environment');
  scoped(keys.command('create').description('issue a key; its secret is printed once')).action(
    async (options: ScopeOptions, command: Command) => {
      const output = outputFor(command, context);
      const created = await withControlPlane(command, context, options, ({ controlPlane, actor }) =>
        controlPlane.flags.createClientKey(scopeOf(options, context), { actor }),
      );
      if (output.json) output.data(created);
      else {
        output.line(describeKey(created.key, output));
        output.line(`secret (shown once): ${created.secret}`);
      }
      context.exitCode = ExitCode.success;
    },
  );
  keys
    .command('list')
    .description('list client keys (never their secrets)')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (options: { dataDir?: string }, command: Command) => {
      const output = outputFor(command, context);
      const list = await readControlPlane(command, context, options, ({ controlPlane }) =>
        controlPlane.flags.listClientKeys(),
      );
      if (output.json) output.data({ keys: list });
      else list.forEach((key) => output.line(describeKey(key, output)));
      context.exitCode = ExitCode.success;
    });
  keys
    .command('revoke <id>')
    .description('revoke a client key; OFREP requests with it are refused from now on')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (id: string, options: { dataDir?: string }, command: Command) => {
      const output = outputFor(command, context);
      const revoked = await withControlPlane(command, context, options, ({ controlPlane, actor }) =>
        controlPlane.flags.revokeClientKey(id, { actor }),
      );
      if (output.json) output.data(revoked);
      else output.line(describeKey(revoked, output));
      context.exitCode = ExitCode.success;
    });
}

function scoped(command: Command): Command {
  return command
    .option('--service <service>', 'the service, as in the catalog (default SLIPWAY_SERVICE)')
    .requiredOption('--env <env>', 'the environment')
    .option('--data-dir <dir>', dataDirHelp);
}

function scopeOf(options: ScopeOptions, context: CliContext): FlagScope {
  const service = options.service ?? context.streams.env['SLIPWAY_SERVICE'];
  if (service === undefined || service.trim() === '') {
    throw new SlipwayError('USAGE', 'which service? pass --service <name>', {
      subject: 'service',
      hint: 'or set SLIPWAY_SERVICE',
    });
  }
  return { service: service.trim(), env: options.env };
}

function parseJson(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    throw new SlipwayError('USAGE', `not JSON: ${(error as Error).message}`, { subject: text });
  }
}

async function readJsonFile(file: string, command: Command, context: CliContext): Promise<unknown> {
  const { cwd } = globalOptions(command, context.streams);
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new SlipwayError('USAGE', `cannot read ${file}: ${(error as Error).message}`, {
      subject: file,
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SlipwayError('CONFIG_INVALID', `${file} is not JSON: ${(error as Error).message}`, {
      subject: file,
    });
  }
}

async function patchOf(
  options: SetOptions,
  command: Command,
  context: CliContext,
): Promise<FlagPatch> {
  const fromFile =
    options.file === undefined
      ? {}
      : ((await readJsonFile(options.file, command, context)) as Record<string, unknown>);
  const patch: Record<string, unknown> = { ...fromFile };
  if (options.state !== undefined) patch['state'] = options.state;
  if (options.variants !== undefined) patch['variants'] = options.variants;
  // Commander gives `false` for --no-…, the value for --…, and `true` (the default) for neither.
  if (typeof options.defaultVariant === 'string') patch['defaultVariant'] = options.defaultVariant;
  else if (options.defaultVariant === false) patch['defaultVariant'] = null;
  if (options.targeting === false) patch['targeting'] = null;
  else if (options.targeting !== undefined && options.targeting !== true) {
    patch['targeting'] = options.targeting;
  }
  if (options.metadata !== undefined) patch['metadata'] = options.metadata;
  return patch as FlagPatch;
}

function describeFlag(flag: StoredFlag, output: Output): string {
  const { style } = output;
  const { definition } = flag;
  const state =
    definition.state === 'ENABLED' ? style.green(definition.state) : style.red(definition.state);
  const split = readRolloutSplit(definition.targeting);
  const targeting =
    split !== undefined
      ? ` rollout ${(split.weight * 100) / rolloutTotalWeight}% ${split.newVariant} (from ${split.oldVariant})`
      : definition.targeting === undefined
        ? ''
        : ' targeting';
  const fallback = definition.defaultVariant ?? 'code default';
  return `${style.bold(flag.key)} ${state} default=${fallback}${targeting} ${style.dim(`v${flag.version} by ${flag.updatedBy}`)}`;
}

function describeKey(key: FlagClientKey, output: Output): string {
  const state = key.revokedAt === null ? '' : output.style.red(` revoked ${key.revokedAt}`);
  return `${key.id} ${output.style.bold(key.prefix)}… ${key.service}/${key.env} by ${key.createdBy} ${output.style.dim(key.createdAt)}${state}`;
}
