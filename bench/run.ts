/**
 * `npm run bench`: times `slipway plan` and `slipway notes` against `git log` over the same range,
 * measured in the same run, on deterministic repositories written with `git fast-import`.
 * Figures are whole-process wall times (median of 5), CPU times (user + system of the process and
 * its children, median) and peak RSS. See docs/benchmarks.md.
 *
 * BENCH_SIZES=1000,10000 limits the sizes; BENCH_RUNS sets the repetitions. BENCH_ALTERNATE=<an
 * other build's slipway.cjs> also times that build's cold plan and notes at the largest size, runs
 * alternated with this build's and with git log, so that both meet the same load.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flagsEvaluationSection } from './flags-evaluation.js';
import { generateRepo } from './generate-repo.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const cli = join(root, 'packages/cli/dist/bundle/slipway.cjs');
const reposDir = join(root, 'bench/.repos');
const runs = Number(process.env['BENCH_RUNS'] ?? 5);
const sizes = (process.env['BENCH_SIZES'] ?? '1000,10000,100000').split(',').map(Number);

interface Timing {
  readonly ms: number;
  /** User + system CPU of the process and the children it waited for (git); null without GNU time. */
  readonly cpuMs: number | null;
  readonly rssMb: number | null;
}

const gnuTime = existsSync('/usr/bin/time');

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

/**
 * One run: wall time, and where GNU time is installed, CPU time and peak RSS from the same run
 * (`%U %S %M`; the wrapper adds about a millisecond of wall time).
 */
function timeOnce(command: string, args: readonly string[], cwd: string): Timing {
  const [file, argv] = gnuTime
    ? ['/usr/bin/time', ['-f', '%U %S %M', command, ...args]]
    : [command, [...args]];
  const started = process.hrtime.bigint();
  const result = spawnSync(file, argv, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && result.status !== 3) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${String(result.status)}): ${result.stderr.toString()}`,
    );
  }
  if (!gnuTime) return { ms, cpuMs: null, rssMb: null };
  const [user = Number.NaN, system = Number.NaN, kib = Number.NaN] = (
    result.stderr.toString().trim().split('\n').at(-1) ?? ''
  )
    .split(' ')
    .map(Number);
  return { ms, cpuMs: (user + system) * 1000, rssMb: kib / 1024 };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Medians of wall and CPU time over the runs; the highest peak RSS. */
function summarize(timings: readonly Timing[]): Timing {
  const cpu = timings.flatMap((timing) => (timing.cpuMs === null ? [] : [timing.cpuMs]));
  const rss = timings.flatMap((timing) => (timing.rssMb === null ? [] : [timing.rssMb]));
  return {
    ms: median(timings.map((timing) => timing.ms)),
    cpuMs: cpu.length === 0 ? null : median(cpu),
    rssMb: rss.length === 0 ? null : Math.max(...rss),
  };
}

function measure(
  command: string,
  args: readonly string[],
  cwd: string,
  before?: () => void,
): Timing {
  const timings: Timing[] = [];
  for (let run = 0; run < runs; run++) {
    before?.();
    timings.push(timeOnce(command, args, cwd));
  }
  return summarize(timings);
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
  const cpu = timing.cpuMs === null ? '' : ` (CPU ${(timing.cpuMs / 1000).toFixed(2)} s)`;
  const rss = timing.rssMb === null ? '' : `, ${timing.rssMb.toFixed(0)} MB`;
  return `${(timing.ms / 1000).toFixed(3)} s${cpu}${rss}`;
}

/** Wall-time ratio, and the CPU-time ratio where known: `1.58 (CPU 2.30)`. */
function ratio(timing: Timing, baseline: Timing): string {
  const wall = (timing.ms / baseline.ms).toFixed(2);
  // GNU time counts in hundredths of a second: a shorter baseline gives no useful CPU ratio.
  if (timing.cpuMs === null || baseline.cpuMs === null || baseline.cpuMs < 50) return wall;
  return `${wall} (CPU ${(timing.cpuMs / baseline.cpuMs).toFixed(2)})`;
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
        ratio(plan, baseline),
        fmt(notes),
        ratio(notes, baseline),
      ]),
    );
  }

  const largest = Math.max(...sizes);
  const big = await ensureRepo(`linear-${largest}`, largest);
  const alternate = process.env['BENCH_ALTERNATE'];
  if (alternate !== undefined && alternate !== '') {
    for (const line of alternatedSection(alternate, big, largest)) say(line);
  }
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
  say(row(['second `plan`, same history', fmt(warm), ratio(warm, baseline)]));
  const added = 100;
  const branch = addCommits(big, added);
  const incremental = measure(...slipway('plan'), big, () => {
    // Back to the cache as it was after planning the old head; drop the memoized plans.
    rmSync(join(big, '.git', 'slipway'), { recursive: true, force: true });
    cpSync(cacheSnapshot, join(big, '.git', 'slipway'), { recursive: true });
    rmSync(join(big, '.git', 'slipway', 'cache', 'plans'), { recursive: true, force: true });
  });
  say(row([`\`plan\` after ${added} new commits`, fmt(incremental), ratio(incremental, baseline)]));
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
  say(row(['`slipway plan --no-cache`', fmt(coldUsual), ratio(coldUsual, node)]));
  say(row(['`slipway plan` (cached)', fmt(warmUsual), ratio(warmUsual, node)]));

  say('');
  for (const line of flagsEvaluationSection()) say(line);
  writeFileSync(join(reposDir, 'last-results.md'), `${lines.join('\n')}\n`);
}

/**
 * Cold plan and notes of this build and of `otherCli` (another build's slipway.cjs), and git log,
 * run in turn round after round (the order reversed every other round), so that a load that
 * comes and goes meets all of them alike. Medians of wall and CPU time, minimum wall time.
 */
function alternatedSection(otherCli: string, dir: string, size: number): string[] {
  if (!existsSync(otherCli)) throw new Error(`BENCH_ALTERNATE: ${otherCli} does not exist`);
  const cases: [string, [string, string[]]][] = [['`git log` (baseline)', gitLog('HEAD')]];
  for (const command of ['plan', 'notes']) {
    cases.push([
      `\`${command} --no-cache\`, other build`,
      [process.execPath, [otherCli, command, '--no-cache']],
    ]);
    cases.push([`\`${command} --no-cache\`, this build`, slipway(command, '--no-cache')]);
  }
  const timings = cases.map((): Timing[] => []);
  for (let round = 0; round < runs; round++) {
    const order = cases.map((_, index) => index);
    if (round % 2 === 1) order.reverse();
    for (const index of order) {
      const [, [command, args]] = cases[index] as [string, [string, string[]]];
      timings[index]?.push(timeOnce(command, args, dir));
    }
  }
  const summaries = timings.map(summarize);
  const baseline = summaries[0] as Timing;
  const lines = [
    '',
    `### Alternated with ${otherCli} (${size} commits, ${runs} rounds)`,
    '',
    row(['case', 'wall median', 'wall min', 'CPU median', 'peak RSS', 'ratio to git log']),
    row(['---', '---', '---', '---', '---', '---']),
  ];
  cases.forEach(([label], index) => {
    const summary = summaries[index] as Timing;
    const min = Math.min(...(timings[index] ?? []).map((timing) => timing.ms));
    lines.push(
      row([
        label,
        `${(summary.ms / 1000).toFixed(3)} s`,
        `${(min / 1000).toFixed(3)} s`,
        summary.cpuMs === null ? '' : `${(summary.cpuMs / 1000).toFixed(2)} s`,
        summary.rssMb === null ? '' : `${summary.rssMb.toFixed(0)} MB`,
        ratio(summary, baseline),
      ]),
    );
  });
  return lines;
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
