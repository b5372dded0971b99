/**
 * `npm run bench` (dashboard part): the catalog of 1,000 services × 4 environments rendered by
 * the built dashboard in Debian's Chromium. The measurement lives in the browser test
 * packages/server/test/dashboard-catalog-scale.test.ts (it also checks the windowed table), so
 * this runs that test alone with SLIPWAY_BENCH_RUNS timed runs (default 7); the test prints the
 * medians. `npm run bench` builds the dashboard first; alone, build it with
 * `npm run build -w @slipway/web`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = process.env['SLIPWAY_BENCH_RUNS'] ?? '7';

const result = spawnSync(
  'npx',
  ['vitest', 'run', 'packages/server/test/dashboard-catalog-scale.test.ts'],
  { cwd: root, stdio: 'inherit', env: { ...process.env, SLIPWAY_BENCH_RUNS: runs } },
);
if (result.error !== undefined) throw result.error;
process.exitCode = result.status ?? 1;
