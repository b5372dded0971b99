import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { SlipwayError } from '@slipway/core';

export interface GitProcessOptions {
  readonly cwd: string;
  readonly gitBinary: string;
}

export interface GitResult {
  readonly stdout: string;
  /** Trimmed and bounded; for callers that read an allowed non-zero exit. */
  readonly stderr: string;
  readonly exitCode: number;
}

// Stderr is only for error messages; a runaway producer must not grow memory without bound.
const STDERR_LIMIT = 64 * 1024;

/** Environment for every git process: English messages so errors can be recognised. */
export function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat' };
}

/** `stdout`: a pipe (the default), or the descriptor of a file for git to write into. */
export function spawnGit(
  options: GitProcessOptions,
  args: readonly string[],
  extraEnv: Record<string, string> = {},
  stdout: 'pipe' | number = 'pipe',
): ChildProcess {
  return spawn(options.gitBinary, args, {
    cwd: options.cwd,
    env: { ...gitEnv(), ...extraEnv },
    stdio: ['ignore', stdout, 'pipe'],
  });
}

/** Collects a child's stderr (bounded) for error messages. */
export function collectStderr(child: ChildProcess): () => string {
  let text = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    if (text.length < STDERR_LIMIT) text += chunk;
  });
  return () => text.trim();
}

/** Resolves with the exit code once the process and its pipes are closed; spawn errors reject. */
export function waitForExit(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      resolve(code ?? (signal === null ? 1 : 128 + signalNumber(signal)));
    });
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  return signal === 'SIGTERM' ? 15 : signal === 'SIGKILL' ? 9 : 0;
}

/** The error for a git process that failed; names the command and the directory. */
export function gitFailure(
  options: GitProcessOptions,
  args: readonly string[],
  detail: string,
  cause?: unknown,
): SlipwayError {
  const command = `git ${args.join(' ')}`;
  if (/not a git repository/i.test(detail) || (cause !== undefined && !existsSync(options.cwd))) {
    return new SlipwayError('GIT_NOT_A_REPOSITORY', `${options.cwd} is not a git repository`, {
      subject: options.cwd,
      hint: 'Run slipway inside a git work tree, or pass the repository directory.',
      ...(cause === undefined ? {} : { cause }),
    });
  }
  return new SlipwayError('GIT_FAILED', `${command} failed in ${options.cwd}: ${detail}`, {
    subject: options.cwd,
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * Runs one git command to completion. Exit codes in `allowed` (besides 0) are returned rather
 * than thrown, for commands that use them as answers (`config --get` exits 1 when unset).
 */
export async function runGit(
  options: GitProcessOptions,
  args: readonly string[],
  allowed: readonly number[] = [],
): Promise<GitResult> {
  const child = spawnGit(options, args);
  const stderr = collectStderr(child);
  const chunks: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
  let exitCode: number;
  try {
    exitCode = await waitForExit(child);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw gitFailure(options, args, message, error);
  }
  if (exitCode !== 0 && !allowed.includes(exitCode)) {
    throw gitFailure(options, args, `exit ${exitCode}: ${stderr() || '(no output)'}`);
  }
  return { stdout: Buffer.concat(chunks).toString('utf8'), stderr: stderr(), exitCode };
}
