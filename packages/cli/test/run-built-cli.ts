import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built CLI: these tests run dist/, as users do (`npm test` builds first). */
export const builtCli = fileURLToPath(new URL('../dist/bundle/main.js', import.meta.url));

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
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
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
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
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
