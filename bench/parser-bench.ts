/**
 * Micro-benchmark: Slipway's commit parser against conventional-commits-parser on ~100k
 * deterministic synthetic messages shaped like a real `main` history (mostly one-line headers,
 * some bodies with footers, squash merges, GitHub/GitLab merges, reverts, non-conventional noise).
 *
 *   npx tsx bench/parser-bench.ts [count]
 */
import { CommitParser } from 'conventional-commits-parser';
import type { RawCommit } from '../packages/core/src/commits/index.js';
import { createCommitParser } from '../packages/core/src/commits/index.js';
import { seededRandom } from '../tools/test-utils/src/seeded-random.js';

const TYPES = ['feat', 'fix', 'fix', 'chore', 'docs', 'refactor', 'test', 'ci', 'perf', 'build'];
const SCOPES = ['core', 'cli', 'engine', 'api/v2', 'deps', 'notes', 'web', '@slipway/core'];
const WORDS =
  'add remove handle retry cache parse render window flag rollout plan tag release empty null timeout config path'.split(
    ' ',
  );

function generate(count: number): string[] {
  const next = seededRandom(20_260_101);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const int = (max: number): number => 1 + Math.floor(next() * max);
  const words = (n: number): string => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const header = (): string => {
    const scope = next() < 0.6 ? `(${pick(SCOPES)})` : '';
    const bang = next() < 0.03 ? '!' : '';
    const pr = next() < 0.7 ? ` (#${int(9000)})` : '';
    return `${pick(TYPES)}${scope}${bang}: ${words(3 + int(6))}${pr}`;
  };
  const paragraph = (): string => `${words(12)}\n${words(10)} see #${int(900)}.`;
  const messages: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = next();
    if (kind < 0.55) {
      messages.push(header());
    } else if (kind < 0.8) {
      const footers = [`Closes #${int(900)}`, 'Signed-off-by: Ada Lovelace <ada@example.com>'];
      if (next() < 0.1) footers.unshift(`BREAKING CHANGE: ${words(8)}`);
      messages.push(`${header()}\n\n${paragraph()}\n\n${footers.join('\n')}\n`);
    } else if (kind < 0.88) {
      const bullets = Array.from({ length: 2 + int(4) }, () =>
        next() < 0.8 ? `* ${header()}` : `* ${words(3)}`,
      ).join('\n\n');
      messages.push(
        `${header()}\n\n${bullets}\n\n---------\n\nCo-authored-by: Grace Hopper <grace@example.com>`,
      );
    } else if (kind < 0.93) {
      messages.push(`Merge pull request #${int(9000)} from octo/feature-${int(99)}\n\n${header()}`);
    } else if (kind < 0.95) {
      messages.push(
        `Merge branch 'feature-${int(99)}' into 'main'\n\n${header()}\n\nSee merge request group/proj!${int(900)}`,
      );
    } else if (kind < 0.97) {
      messages.push(`Revert "${header()}"\n\nThis reverts commit ${int(1e9).toString(16)}abc.`);
    } else {
      messages.push(`${pick(['Update', 'WIP', 'Tweak'])} ${words(4)}\n\n${words(9)}`);
    }
  }
  return messages;
}

function toRaw(message: string, i: number): RawCommit {
  return {
    sha: i.toString(16).padStart(40, '0'),
    parents: message.startsWith('Merge') ? ['a', 'b'] : ['a'],
    authorName: 'Ada Lovelace',
    authorEmail: 'ada@example.com',
    authorTime: 1_700_000_000 + i,
    committerTime: 1_700_000_000 + i,
    message,
  };
}

interface Timing {
  readonly name: string;
  readonly ms: number;
}

/** Best of `runs` full passes after a warm-up pass, so JIT compilation is not what we time. */
function time(name: string, runs: number, pass: () => number): Timing {
  let sink = pass();
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    sink += pass();
    best = Math.min(best, performance.now() - started);
  }
  // Printing the sink keeps the work observable, so nothing can be optimised away.
  console.log(`  (${name}: checksum ${sink})`);
  return { name, ms: best };
}

const count = Number(process.argv[2] ?? 100_000);
const messages = generate(count);
const raws = messages.map(toRaw);
console.log(`${count} messages, ${(messages.join('\n').length / 1e6).toFixed(1)} MB`);

// Both Slipway configurations: the default, and with a Jira-style key pattern (one extra
// regular expression pass over every text).
const slipway = createCommitParser();
const slipwayKeys = createCommitParser({ issuePatterns: ['[A-Z][A-Z0-9]+-\\d+'] });
const theirs = new CommitParser({
  mergePattern: /^Merge pull request #(\d+) from (.*)$/,
  mergeCorrespondence: ['id', 'source'],
});

const ours = time('slipway', 5, () => {
  let changes = 0;
  for (const raw of raws) changes += slipway(raw).changes.length;
  return changes;
});
const oursWithKeys = time('slipway + issue key pattern', 5, () => {
  let changes = 0;
  for (const raw of raws) changes += slipwayKeys(raw).changes.length;
  return changes;
});
// One timed pass after the warm-up: it is slow enough to be stable, and 5 passes take minutes.
const reference = time('conventional-commits-parser', 1, () => {
  let typed = 0;
  for (const message of messages) if (theirs.parse(message).type) typed++;
  return typed;
});

for (const { name, ms } of [ours, oursWithKeys, reference]) {
  const opsPerSecond = Math.round((count / ms) * 1000).toLocaleString('en-US');
  console.log(
    `${name.padEnd(28)} ${ms.toFixed(1).padStart(8)} ms  ${opsPerSecond.padStart(12)} ops/s`,
  );
}
console.log(`ratio: slipway is ${(reference.ms / ours.ms).toFixed(1)}x faster`);
console.log(`ratio with key pattern: ${(reference.ms / oursWithKeys.ms).toFixed(1)}x faster`);
