import { spawn } from 'node:child_process';
import { BoundedLog } from '../../features/deployments/bounded-log.js';

/** How much of a program's stderr an error message carries. */
export const maxProgramErrorBytes = 4_096;

export interface ProgramRun {
  /** argv, run without a shell. */
  readonly argv: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Written to the program's stdin, which is then closed; absent: stdin is empty. */
  readonly input?: string;
  readonly timeoutSeconds: number;
  readonly maxOutputBytes?: number;
  /** Aborting kills the program's process group, as a timeout does. */
  readonly signal?: AbortSignal;
}

export interface ProgramResult {
  /** True when the program exited with status 0 in time. */
  readonly ok: boolean;
  /** Why it is not ok, in words: `exited with code 1`, `timed out after 5s`, `could not run`. */
  readonly failure: string | undefined;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a program to completion, never through a shell. The program leads its own process group,
 * so a timeout kills whatever it started too; output is kept within a byte budget.
 */
export function runProgram(run: ProgramRun): Promise<ProgramResult> {
  const [program, ...args] = run.argv;
  if (program === undefined || program === '') {
    return Promise.resolve({ ok: false, failure: 'no program to run', stdout: '', stderr: '' });
  }
  const stdout = new BoundedLog(run.maxOutputBytes ?? maxProgramErrorBytes * 4);
  const stderr = new BoundedLog(run.maxOutputBytes ?? maxProgramErrorBytes);
  return new Promise((resolve) => {
    const child = spawn(program, args, {
      env: run.env ?? process.env,
      ...(run.cwd === undefined ? {} : { cwd: run.cwd }),
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
      shell: false,
    });
    let stopped: string | undefined;
    let settled = false;
    const finish = (failure: string | undefined): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      run.signal?.removeEventListener('abort', onAbort);
      resolve({
        ok: failure === undefined,
        failure,
        stdout: stdout.toString(),
        stderr: stderr.toString(),
      });
    };
    const stop = (why: string): void => {
      if (stopped !== undefined) return;
      stopped = why;
      killGroup(child.pid);
      // A grandchild that left the group may hold the pipes open: answer anyway.
      setTimeout(() => finish(why), 2_000).unref();
    };
    const timer = setTimeout(
      () => stop(`timed out after ${run.timeoutSeconds}s`),
      run.timeoutSeconds * 1_000,
    );
    const onAbort = (): void => stop('was aborted');
    run.signal?.addEventListener('abort', onAbort, { once: true });
    if (run.signal?.aborted === true) onAbort();
    child.stdout.on('data', (chunk: Buffer) => stdout.append(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.append(chunk));
    // A program that exits without reading its input must not crash us with EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(run.input ?? '');
    child.on('error', (error) => finish(`could not run ${program}: ${error.message}`));
    child.on('close', (code, signal) => {
      if (stopped !== undefined) finish(stopped);
      else if (code === 0) finish(undefined);
      else if (code === null) finish(`was killed by ${signal ?? 'a signal'}`);
      else finish(`exited with code ${code}`);
    });
  });
}

/** `program args…`: for messages (never run through a shell). */
export function describeArgv(argv: readonly string[]): string {
  return argv.map((arg) => (/^[\w./:=@%+,-]+$/.test(arg) ? arg : JSON.stringify(arg))).join(' ');
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
