import { readFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import type { Command } from 'commander';
import { parse as parseToml, TomlError } from 'smol-toml';
import type { RolloutSpec } from '@slipway/core';
import { SlipwayError, parseRolloutSpec } from '@slipway/core';
import type { Service } from '@slipway/engine';

type ServiceRollout = NonNullable<Service['rollout']>;

/**
 * A rollout spec from a file: TOML for `.toml`, JSON otherwise, validated by the core parser so
 * a bad field is named with the file it came from.
 */
export async function readRolloutFile(path: string, cwd: string): Promise<RolloutSpec> {
  const absolute = resolve(cwd, path);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    throw new SlipwayError('USAGE', `--rollout-file ${path}: cannot read it (${String(error)})`, {
      cause: error,
      subject: path,
    });
  }
  return parseRolloutSpec(parseText(text, path), basename(path));
}

function parseText(text: string, path: string): unknown {
  if (extname(path).toLowerCase() === '.toml') {
    try {
      return parseToml(text, { integersAsBigInt: false });
    } catch (error) {
      const where = error instanceof TomlError ? `:${error.line}:${error.column}` : '';
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      throw new SlipwayError('CONFIG_INVALID', `${path}${where}: invalid TOML: ${reason}`, {
        cause: error,
        subject: path,
      });
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SlipwayError('CONFIG_INVALID', `${path}: invalid JSON: ${String(error)}`, {
      cause: error,
      subject: path,
    });
  }
}

/** The service's rollout with `spec` as its default, or as the spec of one environment. */
export function withRolloutSpec(
  current: Service['rollout'] | undefined,
  spec: RolloutSpec,
  environment: string | undefined,
): ServiceRollout {
  const base: ServiceRollout = current ?? {};
  if (environment === undefined) return { ...base, default: spec };
  return { ...base, environments: { ...(base.environments ?? {}), [environment]: spec } };
}

/** `--rollout-file <path> [--env <env>]` on `service add` and `service set`. */
export interface RolloutFileOptions {
  rolloutFile?: string;
  env?: string;
}

export function withRolloutFileOptions(command: Command): Command {
  return command
    .option(
      '--rollout-file <path>',
      'a rollout spec (JSON, or TOML for .toml): the default for every environment, or with --env for one',
    )
    .option('--env <env>', 'with --rollout-file: the environment the spec is for');
}

/**
 * The catalog's rollout field after applying `--rollout-file`: undefined when not given (the
 * field stays), else `current` with the file's spec as default or as the environment's.
 */
export async function rolloutFieldOf(
  options: RolloutFileOptions,
  cwd: string,
  current: () => Promise<Service['rollout'] | undefined>,
): Promise<ServiceRollout | undefined> {
  if (options.rolloutFile === undefined) {
    if (options.env !== undefined) {
      throw new SlipwayError('USAGE', '--env needs --rollout-file', { subject: '--env' });
    }
    return undefined;
  }
  const spec = await readRolloutFile(options.rolloutFile, cwd);
  return withRolloutSpec(await current(), spec, options.env);
}
