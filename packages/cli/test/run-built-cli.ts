import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built CLI: these tests run dist/, as users do (`npm test` builds first). */
export const builtCli = fileURLToPath(new URL('../dist/bundle/slipway.cjs', import.meta.url));

/** Forge credentials a developer's shell or a CI job may hold: tests never reach a real forge. */
const forgeVariables: readonly string[] = [
  'GITHUB_TOKEN',
  'GH_TOKEN',
  'GITLAB_TOKEN',
  'CI_JOB_TOKEN',
  'SLIPWAY_FORGE_API_URL',
];

/** This process's environment without forge credentials; a test passes its own in `env`. */
function inheritedEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !forgeVariables.includes(name)),
  );
}

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runBuiltCli(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): CliResult {
  if (!existsSync(builtCli)) {
    throw new Error(`${builtCli} is missing: run \`npm run build\` (npm test does it first)`);
  }
  const env: NodeJS.ProcessEnv = { ...inheritedEnv(), ...options.env };
  delete env['FORCE_COLOR'];
  if (options.env?.['FORCE_COLOR'] !== undefined) env['FORCE_COLOR'] = options.env['FORCE_COLOR'];
  const result = spawnSync(process.execPath, [builtCli, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env,
    encoding: 'utf8',
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** As runBuiltCli, without blocking this process: for tests that serve HTTP to the CLI. */
export async function runBuiltCliAsync(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const { spawn } = await import('node:child_process');
  const env: NodeJS.ProcessEnv = { ...inheritedEnv(), ...options.env };
  const child = spawn(process.execPath, [builtCli, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const status = await new Promise<number>((resolve) =>
    child.on('close', (code) => resolve(code ?? -1)),
  );
  return { status, stdout, stderr };
}
