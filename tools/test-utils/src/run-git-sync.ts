import { spawnSync } from 'node:child_process';

// Variables that would point git at another repository or pull in the developer's own config
// (hooks, signing, templates) and make a throwaway repository behave differently per machine.
const LEAKY_VARIABLES = new Set([
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_CEILING_DIRECTORIES',
  'GIT_AUTHOR_NAME',
  'GIT_AUTHOR_EMAIL',
  'GIT_AUTHOR_DATE',
  'GIT_COMMITTER_NAME',
  'GIT_COMMITTER_EMAIL',
  'GIT_COMMITTER_DATE',
]);

/** The environment every test-utils git process runs with. */
export function isolatedGitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !LEAKY_VARIABLES.has(name)),
  );
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    LC_ALL: 'C',
    ...extra,
  };
}

export interface RunGitSyncOptions {
  readonly input?: string | Buffer;
  readonly env?: Record<string, string>;
}

/** Runs git synchronously in `cwd`; returns stdout, throws with stderr on a non-zero exit. */
export function runGitSync(
  cwd: string,
  args: readonly string[],
  options: RunGitSyncOptions = {},
): string {
  const result = spawnSync('git', args, {
    cwd,
    env: isolatedGitEnv(options.env),
    input: options.input,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (result.error !== undefined) {
    throw new Error(`git ${args.join(' ')} in ${cwd}: ${result.error.message}`, {
      cause: result.error,
    });
  }
  if (result.status !== 0) {
    throw new Error(
      `git ${args.join(' ')} in ${cwd} exited with ${String(result.status)}: ${result.stderr.trim()}`,
    );
  }
  return result.stdout;
}
