import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built CLI: these tests run dist/, as users do (`npm test` builds first). */
export const builtCli = fileURLToPath(new URL('../dist/slipway.mjs', import.meta.url));

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
