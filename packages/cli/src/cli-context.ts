import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Output, OutputStreams } from './output.js';
import { createOutput } from './output.js';

/** Options every command accepts (documented in the README). */
export interface GlobalOptions {
  readonly json: boolean;
  readonly cwd: string;
  /** False with `--no-cache` or SLIPWAY_NO_CACHE=1: read and parse everything afresh. */
  readonly cache: boolean;
  /** The control plane to talk to (`--server` or SLIPWAY_SERVER); undefined: embedded. */
  readonly server: string | undefined;
}

export interface CliContext {
  readonly streams: OutputStreams;
  /** The exit code of the command that ran; set by the action. */
  exitCode: number;
}

export function globalOptions(command: Command, streams: OutputStreams): GlobalOptions {
  const options = command.optsWithGlobals<{
    json?: boolean;
    cwd?: string;
    cache?: boolean;
    server?: string;
  }>();
  const envNoCache = streams.env['SLIPWAY_NO_CACHE'];
  const server = options.server ?? streams.env['SLIPWAY_SERVER'];
  return {
    json: options.json === true,
    cwd: resolve(options.cwd ?? process.cwd()),
    cache:
      options.cache !== false &&
      (envNoCache === undefined || envNoCache === '' || envNoCache === '0'),
    server: server === undefined || server.trim() === '' ? undefined : server.trim(),
  };
}

export function outputFor(command: Command, context: CliContext): Output {
  return createOutput(globalOptions(command, context.streams).json, context.streams);
}
