/**
 * `npm run bench`: times `slipway plan` and `slipway notes` against `git log` over the same range,
 * measured in the same run, on deterministic repositories written with `git fast-import`.
 * Figures are whole-process wall times (median of 5) and peak RSS. See docs/benchmarks.md.
 *
 * BENCH_SIZES=1000,10000 limits the sizes; BENCH_RUNS sets the repetitions.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flagsEvaluationSection } from './flags-evaluation.js';
import { generateRepo } from './generate-repo.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const cli = join(root, 'packages/cli/dist/bundle/main.js');
const reposDir = join(root, 'bench/.repos');
const runs = Number(process.env['BENCH_RUNS'] ?? 5);
const sizes = (process.env['BENCH_SIZES'] ?? '1000,10000,100000').split(',').map(Number);

interface Timing {
  readonly ms: number;
  readonly rssMb: number | null;
}

async function ensureRepo(name: string, commits: number, tagEvery = 0): Promise<string> {
  const dir = join(reposDir, name);
  const marker = join(dir, '.git', 'bench-complete');
  if (existsSync(marker)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const generated = await generateRepo({ dir, commits, tagEvery, seed: 42 });
  writeFileSync(marker, `${commits} ${tagEvery}\n`);
  console.error(
    `generated ${name}: ${commits} commits, ${generated.tags.length} tags in ${(generated.milliseconds / 1000).toFixed(1)} s`,
  );
  return dir;
}

function timeOnce(command: string, args: readonly string[], cwd: string): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && result.status !== 3) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${String(result.status)}): ${result.stderr.toString()}`,
    );
  }
  return elapsed;
}

/** Peak resident memory of one run, from GNU time (`%M`, KiB); null where it is not installed. */
function peakRss(command: string, args: readonly string[], cwd: string): number | null {
  if (!existsSync('/usr/bin/time')) return null;
  const result = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const lines = result.stderr.toString().trim().split('\n');
  const kib = Number(lines.at(-1));
  return Number.isFinite(kib) ? kib / 1024 : null;
}

function measure(
  command: string,
  args: readonly string[],
  cwd: string,
  before?: () => void,
): Timing {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    before?.();
    times.push(timeOnce(command, args, cwd));
  }
  times.sort((a, b) => a - b);
  before?.();
  return {
    ms: times[Math.floor(times.length / 2)] ?? Number.NaN,
    rssMb: peakRss(command, args, cwd),
  };
}

const slipway = (...args: string[]): [string, string[]] => [process.execPath, [cli, ...args]];
const gitLog = (range: string): [string, string[]] => [
  'git',
  ['log', '--format=%H%x00%B%x00', range],
];

function row(cells: readonly (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

function fmt(timing: Timing): string {
  const rss = timing.rssMb === null ? '' : `, ${timing.rssMb.toFixed(0)} MB`;
  return `${(timing.ms / 1000).toFixed(3)} s${rss}`;
}

function clearCache(dir: string): void {
  rmSync(join(dir, '.git', 'slipway'), { recursive: true, force: true });
}

async function main(): Promise<void> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build`);
  mkdirSync(reposDir, { recursive: true });
  const lines: string[] = [];
  const say = (line: string): void => {
    lines.push(line);
    console.log(line);
  };

  say(
    `Runs per figure: ${runs} (median); node ${process.version}; git ${spawnSync('git', ['--version']).stdout.toString().trim()}`,
  );
  say('');
  say('### Whole history since the last release (cold: --no-cache)');
  say('');
  say(row(['commits', 'git log (baseline)', 'slipway plan', 'ratio', 'slipway notes', 'ratio']));
  say(row(['---', '---', '---', '---', '---', '---']));
  for (const size of sizes) {
    const dir = await ensureRepo(`linear-${size}`, size);
    const baseline = measure(...gitLog('HEAD'), dir);
    const plan = measure(...slipway('plan', '--no-cache'), dir);
    const notes = measure(...slipway('notes', '--no-cache'), dir);
    say(
      row([
        size,
        fmt(baseline),
        fmt(plan),
        (plan.ms / baseline.ms).toFixed(2),
        fmt(notes),
        (notes.ms / baseline.ms).toFixed(2),
      ]),
    );
  }

  const largest = Math.max(...sizes);
  const big = await ensureRepo(`linear-${largest}`, largest);
  say('');
  say(`### Cache (${largest} commits in the window)`);
  say('');
  clearCache(big);
  timeOnce(...slipway('plan'), big);
  const cacheSnapshot = join(reposDir, 'cache-snapshot');
  rmSync(cacheSnapshot, { recursive: true, force: true });
  cpSync(join(big, '.git', 'slipway'), cacheSnapshot, { recursive: true });
  const warm = measure(...slipway('plan'), big);
  const baseline = measure(...gitLog('HEAD'), big);
  say(row(['case', 'time', 'ratio to git log']));
  say(row(['---', '---', '---']));
  say(row(['second `plan`, same history', fmt(warm), (warm.ms / baseline.ms).toFixed(2)]));
  const added = 100;
  const branch = addCommits(big, added);
  const incremental = measure(...slipway('plan'), big, () => {
    // Back to the cache as it was after planning the old head; drop the memoized plans.
    rmSync(join(big, '.git', 'slipway'), { recursive: true, force: true });
    cpSync(cacheSnapshot, join(big, '.git', 'slipway'), { recursive: true });
    rmSync(join(big, '.git', 'slipway', 'cache', 'plans'), { recursive: true, force: true });
  });
  say(
    row([
      `\`plan\` after ${added} new commits`,
      fmt(incremental),
      (incremental.ms / baseline.ms).toFixed(2),
    ]),
  );
  spawnSync('git', ['checkout', '-q', 'main'], { cwd: big });
  spawnSync('git', ['branch', '-q', '-D', branch], { cwd: big });
  clearCache(big);

  say('');
  say('### The usual case: 100 commits since the last of 201 tags, 100k-commit history');
  say('');
  const usual = await ensureRepo('usual', 201 * 497 + 100, 497);
  const node = measure(process.execPath, ['-e', '0'], usual);
  const coldUsual = measure(...slipway('plan', '--no-cache'), usual);
  clearCache(usual);
  timeOnce(...slipway('plan'), usual);
  const warmUsual = measure(...slipway('plan'), usual);
  say(row(['case', 'time', 'ratio to `node -e 0`']));
  say(row(['---', '---', '---']));
  say(row(['`node -e 0`', fmt(node), '1.00']));
  say(row(['`slipway plan --no-cache`', fmt(coldUsual), (coldUsual.ms / node.ms).toFixed(2)]));
  say(row(['`slipway plan` (cached)', fmt(warmUsual), (warmUsual.ms / node.ms).toFixed(2)]));

  say('');
  for (const line of flagsEvaluationSection()) say(line);
  writeFileSync(join(reposDir, 'last-results.md'), `${lines.join('\n')}\n`);
}

/** N more commits on a new branch `bench-new` checked out at the end (one fast-import). */
function addCommits(dir: string, count: number): string {
  const branch = 'bench-new';
  spawnSync('git', ['branch', '-q', '-D', branch], { cwd: dir });
  let stream = '';
  for (let index = 1; index <= count; index++) {
    const when = 1_900_000_000 + index;
    const message = `feat(bench): new change ${index}\n`;
    stream += `commit refs/heads/${branch}\n`;
    stream += `committer Bench <bench@slipway.invalid> ${when} +0000\n`;
    stream += `data ${Buffer.byteLength(message)}\n${message}\n`;
    stream += index === 1 ? `from refs/heads/main^0\n` : '';
    stream += `M 100644 inline bench-new-${index}.txt\ndata 2\n${index % 10}\n\n`;
  }
  const imported = spawnSync('git', ['fast-import', '--quiet'], { cwd: dir, input: stream });
  if (imported.status !== 0) throw new Error(`fast-import failed: ${imported.stderr.toString()}`);
  spawnSync('git', ['checkout', '-q', branch], { cwd: dir });
  return branch;
}

await main();
