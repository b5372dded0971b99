import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { SlipwayError } from '@slipway/core';
import type { DeployerConfig, RiskTier, ServiceKind, ServicePatch } from '@slipway/engine';
import { environmentNamePattern, riskTiers, serviceKinds } from '@slipway/engine';

/** The service fields `service add` and `service set` share. */
export interface ServiceFieldOptions {
  owner?: string;
  repository?: string;
  kind?: ServiceKind;
  risk?: RiskTier;
  lifecycle?: string[];
  deployCommand?: string[];
  deployTimeout?: number;
  deployCwd?: string;
  recordDeployer?: boolean;
  allowSkip?: boolean;
}

export function withServiceFieldOptions(command: Command, riskHelp: string): Command {
  return command
    .option('--owner <owner>', 'owning team or person')
    .option('--repository <url>', 'source repository')
    .addOption(new Option('--kind <kind>', 'service or library').choices(serviceKinds))
    .addOption(new Option('--risk <tier>', riskHelp).choices(riskTiers))
    .option(
      '--lifecycle <envs>',
      'environments in promotion order (default dev,staging,prod)',
      parseLifecycle,
    )
    .option(
      '--deploy-command <argv>',
      'deploy with this program (run without a shell; a JSON array, or words split on spaces)',
      parseArgv,
    )
    .option('--deploy-timeout <seconds>', 'kill the deploy command after this long', parseSeconds)
    .option('--deploy-cwd <dir>', 'working directory of the deploy command')
    .option('--record-deployer', 'record deployments only (CI performs them): the default')
    .option('--allow-skip', 'allow deployments that skip an environment of the lifecycle')
    .option('--no-allow-skip', 'refuse deployments that skip an environment (the default)');
}

/** The catalog fields the options set; undefined fields stay as they are. */
export function servicePatchOf(options: ServiceFieldOptions): ServicePatch {
  const deployer = deployerOf(options);
  return {
    ...(options.owner === undefined ? {} : { owner: options.owner }),
    ...(options.repository === undefined ? {} : { repository: options.repository }),
    ...(options.kind === undefined ? {} : { kind: options.kind }),
    ...(options.risk === undefined ? {} : { riskTier: options.risk }),
    ...(options.lifecycle === undefined ? {} : { lifecycle: options.lifecycle }),
    ...(deployer === undefined ? {} : { deployer }),
    ...(options.allowSkip === undefined ? {} : { allowSkip: options.allowSkip }),
  };
}

function deployerOf(options: ServiceFieldOptions): DeployerConfig | null | undefined {
  if (options.recordDeployer === true) {
    if (options.deployCommand !== undefined) {
      throw new SlipwayError('USAGE', '--record-deployer and --deploy-command exclude each other', {
        subject: '--record-deployer',
      });
    }
    return null;
  }
  if (options.deployCommand === undefined) {
    if (options.deployTimeout !== undefined || options.deployCwd !== undefined) {
      throw new SlipwayError('USAGE', '--deploy-timeout and --deploy-cwd need --deploy-command', {
        subject: '--deploy-command',
      });
    }
    return undefined;
  }
  return {
    kind: 'command',
    command: options.deployCommand,
    ...(options.deployTimeout === undefined ? {} : { timeoutSeconds: options.deployTimeout }),
    ...(options.deployCwd === undefined ? {} : { cwd: options.deployCwd }),
  };
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

function parseArgv(value: string): string[] {
  if (value.trim().startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new InvalidArgumentError('not a JSON array of strings');
    }
    if (
      !Array.isArray(parsed) ||
      parsed.length === 0 ||
      !parsed.every((item) => typeof item === 'string')
    ) {
      throw new InvalidArgumentError(
        'a JSON array of at least one string, e.g. ["./deploy.sh","--fast"]',
      );
    }
    return parsed as string[];
  }
  const words = value.split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) throw new InvalidArgumentError('the command is empty');
  return words;
}

function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!/^\d+$/.test(value) || seconds < 1 || seconds > 86_400) {
    throw new InvalidArgumentError('whole seconds from 1 to 86400');
  }
  return seconds;
}
