/**
 * The notes pipeline in process, without git: a repository's `git log` is captured once, then
 * decoded, parsed, folded into the bump and notes collectors, finished and rendered as
 * `slipway notes --no-cache` does, each run in a new process (cold, as the CLI runs). It prints
 * node's CPU time for the whole run and the time after the last record (what follows git's exit
 * in the CLI). On a shared, loaded machine these figures are steadier than whole processes,
 * whose wall time follows the load. See docs/benchmarks.md.
 *
 *   npx tsx bench/notes-pipeline.ts [repository] [runs]
 *
 * The repository defaults to bench/.repos/linear-100000 (`npm run bench` generates it), runs
 * to 7. BENCH_NOTES_OTHER=<another tree's root> alternates runs of that tree's sources with
 * this one's, e.g. an older commit's:
 *
 *   git archive <commit> packages/core/src packages/engine/src | tar -x -C /tmp/old
 *   ln -s "$PWD/node_modules" /tmp/old/node_modules
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Core from '../packages/core/src/index.js';
import type { RawCommit } from '../packages/core/src/index.js';
import type * as Records from '../packages/engine/src/adapters/git/log-record-parser.js';

const here = fileURLToPath(import.meta.url);
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const CHUNK = 64 * 1024;

interface RunResult {
  readonly commits: number;
  readonly cpuMs: number;
  readonly afterGitMs: number;
  readonly bytes: number;
}

/** One run in this process, with the sources under `tree`. */
async function runOnce(tree: string, logFile: string): Promise<RunResult> {
  const core = (await import(
    pathToFileURL(join(tree, 'packages/core/src/index.ts')).href
  )) as typeof Core;
  const { LogRecordParser } = (await import(
    pathToFileURL(join(tree, 'packages/engine/src/adapters/git/log-record-parser.ts')).href
  )) as typeof Records;
  const log = readFileSync(logFile);
  const started = process.cpuUsage();
  const records = new LogRecordParser('full');
  // Trees from before the notes parse (ADR 0025) fold with the full parser.
  const older: Partial<typeof Core> = core;
  const parse =
    older.createNotesCommitParser === undefined
      ? core.createCommitParser({})
      : older.createNotesCommitParser({});
  const bumps = new core.BumpCollector(core.defaultPlanningConfig, true);
  // As `slipway notes` prints Markdown: lines alone where the tree has them (ADR 0026).
  const notes: Fold =
    older.NotesLinesCollector === undefined
      ? entriesFold(core)
      : linesFold(core, older.NotesLinesCollector);
  let commits = 0;
  for (let at = 0; at < log.length; at += CHUNK) {
    const batch: RawCommit[] = [];
    records.push(log.subarray(at, at + CHUNK), batch);
    // The parser decodes a quarter megabyte at a time (ADR 0026): the rest waits for the end.
    if (at + CHUNK >= log.length) records.finish(batch);
    for (const raw of batch) {
      const commit = parse(raw);
      bumps.add(commit);
      notes.add(commit);
    }
    commits += batch.length;
  }
  const streamed = performance.now();
  const bytes = notes.render(bumps.keptCommits());
  bumps.finish();
  const afterGitMs = performance.now() - streamed;
  const cpu = process.cpuUsage(started);
  return { commits, cpuMs: (cpu.user + cpu.system) / 1000, afterGitMs, bytes };
}

const heading = {
  version: '0.1.0',
  previousVersion: null,
  tag: 'v0.1.0',
  previousTag: null,
  date: '2026-01-01',
};

/** A notes collector and how its Markdown is rendered; `render` gives its size in bytes. */
interface Fold {
  add(commit: Core.NotesCommit): void;
  render(kept: ((index: number) => boolean) | null): number;
}

function entriesFold(core: typeof Core): Fold {
  const notes = new core.NotesCollector(core.defaultNotesConfig, null);
  return {
    add: (commit) => notes.add(commit),
    render: (kept: ((index: number) => boolean) | null) =>
      Buffer.byteLength(core.renderReleaseNotesMarkdown(notes.finish(heading, kept))),
  };
}

function linesFold(core: typeof Core, Lines: typeof Core.NotesLinesCollector): Fold {
  const notes = new Lines(core.defaultNotesConfig, null);
  return {
    add: (commit) => notes.add(commit),
    render: (kept: ((index: number) => boolean) | null) =>
      core
        .renderNotesTextChunks(notes.finish(heading, kept))
        .reduce((bytes, chunk) => bytes + Buffer.byteLength(chunk), 0),
  };
}

function captureLog(repository: string): string {
  const file = `${repository.replace(/\/$/, '')}.notes-log`;
  if (existsSync(file)) return file;
  const format = '--format=%H%x00%P%x00%an%x00%ae%x00%at%x00%ct%x00%B';
  const args = ['log', '-z', format, '--encoding=UTF-8', '--no-show-signature', '--no-color'];
  const result = spawnSync('git', [...args, 'HEAD', '--'], {
    cwd: repository,
    maxBuffer: 1 << 30,
  });
  if (result.status !== 0) throw new Error(`git log failed: ${result.stderr.toString()}`);
  writeFileSync(file, result.stdout);
  return file;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const [first, second, third] = process.argv.slice(2);
  if (first === '--child' && second !== undefined && third !== undefined) {
    console.log(JSON.stringify(await runOnce(second, third)));
    return;
  }
  const repository = resolve(first ?? join(root, 'bench/.repos/linear-100000'));
  const runs = Number(second ?? 7);
  const logFile = captureLog(repository);
  const other = process.env['BENCH_NOTES_OTHER'];
  const trees = other === undefined || other === '' ? [root] : [resolve(other), root];
  const results = trees.map((): RunResult[] => []);
  for (let run = 0; run < runs; run++) {
    trees.forEach((tree, index) => {
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', here, '--child', tree, logFile],
        { cwd: root, encoding: 'utf8' },
      );
      if (child.status !== 0) throw new Error(`run failed: ${child.stderr}`);
      results[index]?.push(JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as RunResult);
    });
  }
  console.log(`${logFile}: ${runs} runs each, median (minimum)`);
  trees.forEach((tree, index) => {
    const list = results[index] ?? [];
    const cpu = list.map((result) => result.cpuMs);
    const after = list.map((result) => result.afterGitMs);
    console.log(
      `${tree}: ${list[0]?.commits ?? 0} commits, ${list[0]?.bytes ?? 0} bytes of notes; CPU ` +
        `${median(cpu).toFixed(0)} ms (${Math.min(...cpu).toFixed(0)}); after the last record ` +
        `${median(after).toFixed(0)} ms (${Math.min(...after).toFixed(0)})`,
    );
  });
}

await main();
