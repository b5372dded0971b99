import { Writable } from 'node:stream';
import { runCli } from '../src/run-cli.js';
import type { CliResult } from './run-built-cli.js';

/** Collects what the command writes to one stream. */
class Collected extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/**
 * The CLI in this process, with exactly `env` besides PATH and HOME: nothing else of this
 * process's environment (a forge token, SLIPWAY_SERVER) reaches the command.
 */
export async function runCliInProcess(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<CliResult> {
  const stdout = new Collected();
  const stderr = new Collected();
  const base = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' };
  const status = await runCli(args, { stdout, stderr, env: { ...base, ...env } });
  return { status, stdout: stdout.text, stderr: stderr.text };
}
