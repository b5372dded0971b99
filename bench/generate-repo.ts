import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../tools/test-utils/src/seeded-random.js';

// Weights roughly follow what busy repositories show: fixes and chores dominate, perf is rare.
const TYPES: readonly (readonly [string, number])[] = [
  ['feat', 22],
  ['fix', 28],
  ['chore', 16],
  ['docs', 9],
  ['refactor', 10],
  ['test', 9],
  ['perf', 3],
  ['ci', 3],
];
const SCOPES = ['api', 'cli', 'core', 'parser', 'deps', 'ui', 'auth', 'db', 'build', null, null];
const VERBS = [
  'add',
  'handle',
  'support',
  'remove',
  'rework',
  'cache',
  'validate',
  'expose',
  'rename',
];
const NOUNS = [
  'retry budget',
  'config loader',
  'tag lookup',
  'release notes',
  'token refresh',
  'empty input',
  'window size',
  'unicode names',
  'slow path',
  'error message',
];
const PEOPLE = ['Ada Lovelace', 'Grace Hopper', 'Linus Torvalds', 'Margaret Hamilton', 'Zoë Weiß'];
const FREEFORM = ['WIP', 'Update README.md', 'fix typo', 'Merge stuff', 'misc cleanups'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function pickType(random: () => number): string {
  const total = TYPES.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [type, weight] of TYPES) {
    roll -= weight;
    if (roll < 0) return type;
  }
  return 'chore';
}

function person(name: string): string {
  const login = name.toLowerCase().replace(/[^a-z]+/g, '.');
  return `${name} <${login}@example.com>`;
}

/** One realistic commit message: mostly Conventional Commits, some noise, footers and trailers. */
export function commitMessage(random: () => number, index: number): string {
  if (random() < 0.03) return `${pick(random, FREEFORM)}\n`;
  const type = pickType(random);
  const scope = pick(random, SCOPES);
  const breaking = random() < 0.02;
  const bang = breaking && random() < 0.5 ? '!' : '';
  const pr = random() < 0.6 ? ` (#${1000 + index})` : '';
  let message = `${type}${scope === null ? '' : `(${scope})`}${bang}: ${pick(random, VERBS)} ${pick(random, NOUNS)}${pr}\n`;
  const footers: string[] = [];
  if (random() < 0.35) {
    message += `\nThe ${pick(random, NOUNS)} now ${pick(random, VERBS)}s the ${pick(random, NOUNS)}.\n`;
    if (random() < 0.3) message += `Second paragraph about commit ${index}.\n`;
  }
  if (breaking && bang === '') {
    footers.push(`BREAKING CHANGE: the ${pick(random, NOUNS)} option was removed`);
  }
  if (random() < 0.15) footers.push(`Closes #${1 + Math.floor(random() * 900)}`);
  if (random() < 0.08) footers.push(`Co-authored-by: ${person(pick(random, PEOPLE))}`);
  if (random() < 0.1) footers.push(`Reviewed-by: ${person(pick(random, PEOPLE))}`);
  if (footers.length > 0) message += `\n${footers.join('\n')}\n`;
  return message;
}

export interface GenerateRepoOptions {
  readonly dir: string;
  readonly commits: number;
  /** A lightweight `v0.N.0` tag every this many commits; none when 0 or absent. */
  readonly tagEvery?: number;
  readonly seed?: number;
  /** Files each commit modifies (default 1), drawn from a fixed pool of small files. */
  readonly filesPerCommit?: number;
}

export interface GeneratedRepo {
  readonly dir: string;
  readonly commits: number;
  readonly tags: readonly string[];
  readonly milliseconds: number;
}

const IDENTITY = 'Bench Bot <bench@slipway.invalid>';
const BASE_EPOCH_SECONDS = 1_600_000_000;
const FILE_POOL = 400;
// Bigger writes mean fewer syscalls; fast-import reads at its own pace behind the pipe.
const FLUSH_BYTES = 256 * 1024;

function filePath(n: number): string {
  return `src/module-${n % 20}/file-${n}.ts`;
}

function dataBlock(text: string): string {
  return `data ${Buffer.byteLength(text, 'utf8')}\n${text}\n`;
}

function runGit(dir: string, args: readonly string[]): void {
  const result = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
}

/**
 * Writes a repository of `commits` commits on `main` with one `git fast-import` stream.
 * Identity and dates are fixed and messages come from a seeded PRNG, so the same options
 * always give the same SHAs.
 */
export async function generateRepo(options: GenerateRepoOptions): Promise<GeneratedRepo> {
  const started = performance.now();
  const { dir, commits, tagEvery = 0, seed = 1, filesPerCommit = 1 } = options;
  mkdirSync(dir, { recursive: true });
  runGit(dir, ['init', '-q', '-b', 'main']);
  const random = seededRandom(seed);
  const importer = spawn('git', ['fast-import', '--quiet', '--done'], {
    cwd: dir,
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  const exited = once(importer, 'close');
  const tags: string[] = [];
  let buffer = '';
  const flush = async (): Promise<void> => {
    if (!importer.stdin.write(buffer)) await once(importer.stdin, 'drain');
    buffer = '';
  };

  for (let i = 1; i <= commits; i++) {
    const when = BASE_EPOCH_SECONDS + i * 600;
    buffer += `commit refs/heads/main\nmark :${i}\n`;
    buffer += `author ${IDENTITY} ${when} +0000\ncommitter ${IDENTITY} ${when} +0000\n`;
    buffer += dataBlock(commitMessage(random, i));
    if (i > 1) buffer += `from :${i - 1}\n`;
    for (let f = 0; f < filesPerCommit; f++) {
      const file = Math.floor(random() * FILE_POOL);
      buffer += `M 100644 inline ${filePath(file)}\n`;
      buffer += dataBlock(`export const value${file} = ${i}; // commit ${i}\n`);
    }
    buffer += '\n';
    if (tagEvery > 0 && i % tagEvery === 0) {
      const tag = `v0.${i / tagEvery}.0`;
      tags.push(tag);
      buffer += `reset refs/tags/${tag}\nfrom :${i}\n\n`;
    }
    if (buffer.length >= FLUSH_BYTES) await flush();
  }
  buffer += 'done\n';
  await flush();
  importer.stdin.end();
  const [code] = (await exited) as [number | null];
  if (code !== 0) throw new Error(`git fast-import exited with ${String(code)}`);
  // fast-import leaves the index and work tree empty; check out main so `git status` is clean.
  if (commits > 0) runGit(dir, ['reset', '-q', '--hard']);
  return { dir, commits, tags, milliseconds: performance.now() - started };
}

async function main(argv: readonly string[]): Promise<void> {
  const [dir, commits, tagEvery] = argv;
  if (dir === undefined || commits === undefined || !/^\d+$/.test(commits)) {
    console.error('usage: npx tsx bench/generate-repo.ts <dir> <commits> [tagEvery]');
    process.exitCode = 2;
    return;
  }
  const result = await generateRepo({
    dir: resolve(dir),
    commits: Number(commits),
    tagEvery: tagEvery === undefined ? 0 : Number(tagEvery),
  });
  const seconds = (result.milliseconds / 1000).toFixed(2);
  console.log(
    `generated ${result.commits} commits and ${result.tags.length} tags in ${result.dir} in ${seconds} s`,
  );
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
