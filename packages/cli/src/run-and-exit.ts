import { runCli } from './run-cli.js';

/** Resolves once `stream` has written what it holds, or can write nothing more. */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.writableLength === 0 || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      for (const event of ['drain', 'close', 'error']) stream.off(event, done);
      resolve();
    };
    for (const event of ['drain', 'close', 'error']) stream.on(event, done);
  });
}

/**
 * Runs the command line and ends the process. Every command has finished its work when
 * `runCli` returns (serve returns once stopped); leaving at once, once what was written has
 * left (a pipe is asynchronous on some systems), spares tearing down the heap: ~40 ms after the
 * notes of a long window (ADR 0027).
 */
export async function runAndExit(argv: readonly string[]): Promise<void> {
  const exitCode = await runCli(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  });
  process.exitCode = exitCode;
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  process.exit(exitCode);
}
