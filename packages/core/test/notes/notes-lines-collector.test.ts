import { describe, expect, it } from 'vitest';
import { commitMessage } from '../../../../bench/generate-repo.js';
import { seededRandom } from '../../../../tools/test-utils/src/seeded-random.js';
import type { NotesParsedCommit as ParsedCommit } from '../../src/commits/index.js';
import { createNotesCommitParser } from '../../src/commits/index.js';
import { createLinkBuilder, linkTemplatesFor } from '../../src/links/index.js';
import type { LinkBuilder } from '../../src/links/index.js';
import type { NotesConfig } from '../../src/notes/index.js';
import {
  NotesCollector,
  NotesLinesCollector,
  defaultNotesConfig,
  renderNotesTextChunks,
  renderNotesTextMarkdown,
  renderReleaseNotesMarkdown,
} from '../../src/notes/index.js';
import { BumpCollector, defaultPlanningConfig } from '../../src/planning/index.js';
import { fragment, heading, mixedNotesConfig } from './fixtures.js';

const links = createLinkBuilder(
  linkTemplatesFor({ host: 'github.com', path: 'acme/widgets', forge: 'github' }),
);

const mixed = mixedNotesConfig;

/**
 * A window of generated commits with what the generator rarely writes: scopes that differ only
 * in case, unlisted types, co-authors, merges, breaking changes with explanations, and reverts
 * (with the SHA and without) of commits inside and outside the window.
 */
function window(seed: number, size: number): ParsedCommit[] {
  const parse = createNotesCommitParser();
  const random = seededRandom(seed);
  const people = ['Ada <a@x.io>', 'Bo <b@x.io>', 'Bo <bo@y.io>', 'Cy', 'ada <A@X.io>'];
  const sha = (index: number): string => index.toString(16).padStart(40, '0');
  const commits: ParsedCommit[] = [];
  for (let index = 0; index < size; index++) {
    let message = commitMessage(random, index);
    if (index % 13 === 0) message = `feat(API): upper case scope ${index}\n`;
    if (index % 17 === 0) message = `wip(${index % 2 === 0 ? 'b' : 'a'}): unlisted ${index}\n`;
    if (index % 29 === 0)
      message = `chore!: hidden but breaking ${index}\n\nBREAKING CHANGE: read ${index}\n`;
    // Newest first: a revert names an older commit, which comes later in the window.
    if (index % 31 === 7) message = `revert: fix: x\n\nThis reverts commit ${sha(index + 3)}.\n`;
    if (index % 37 === 5) message = `Revert "feat: gone ${index}"\n`;
    if (index % 37 === 9) message = `feat: gone ${index - 4}\n`;
    if (index % 5 === 0) message += `\nCo-authored-by: ${people[index % people.length] ?? ''}\n`;
    const author = people[(index >> 3) % people.length]?.split(' <') ?? [];
    commits.push(
      parse({
        sha: sha(index),
        parents: index % 11 === 0 ? ['p1', 'p2'] : ['p1'],
        authorName: author[0] ?? '',
        authorEmail: (author[1] ?? '').replace('>', ''),
        authorTime: 0,
        committerTime: size - index,
        message,
      }),
    );
  }
  return commits;
}

/** The Markdown of both collectors over `commits`, reverted pairs left out as `plan` does. */
function bothMarkdowns(
  commits: readonly ParsedCommit[],
  config: NotesConfig,
  linkBuilder: LinkBuilder | null,
): { entries: string; lines: string; cancelled: boolean } {
  const bumps = new BumpCollector(defaultPlanningConfig, false);
  const entries = new NotesCollector(config, linkBuilder);
  const lines = new NotesLinesCollector(config, linkBuilder);
  for (const commit of commits) {
    bumps.add(commit);
    entries.add(commit);
    lines.add(commit);
  }
  const kept = bumps.keptCommits();
  return {
    entries: renderReleaseNotesMarkdown(entries.finish(heading, kept)),
    // In pieces, as `slipway notes` writes them.
    lines: renderNotesTextChunks(lines.finish(heading, kept)).join(''),
    cancelled: kept !== null,
  };
}

describe('the notes lines collector', () => {
  const configs: [string, NotesConfig][] = [
    ['the default configuration', defaultNotesConfig],
    ['types listed twice, hidden, unlisted and other commits shown', mixed],
    ['no contributors and no other commits', { ...mixed, contributors: false, showOther: false }],
  ];
  for (const [name, config] of configs) {
    for (const linkBuilder of [null, links]) {
      it(`renders what the notes collector renders: ${name}, ${linkBuilder === null ? 'without' : 'with'} links`, () => {
        for (const [seed, size] of [
          [1, 400],
          [2, 2000],
          [3, 3],
        ] as const) {
          const { entries, lines } = bothMarkdowns(window(seed, size), config, linkBuilder);
          expect(lines).toBe(entries);
        }
      });
    }
  }

  it('leaves out reverted pairs as the notes collector does', () => {
    const { entries, lines, cancelled } = bothMarkdowns(window(4, 500), mixed, null);
    expect(cancelled).toBe(true);
    expect(lines).toBe(entries);
    // Most reverted "gone" changes are left out (a revert of a revert brings one back).
    const gone = (markdown: string): number =>
      markdown.split('\n').filter((line) => line.includes('gone')).length;
    const everything = new NotesLinesCollector(mixed, null);
    for (const commit of window(4, 500)) everything.add(commit);
    expect(gone(lines)).toBeLessThan(gone(renderNotesTextMarkdown(everything.finish(heading))) / 2);
    expect(lines).toContain(`### ${mixed.breakingTitle}`);
    expect(lines).toContain('### Other Changes');
  });

  it('drops a section whose every change was reverted', () => {
    const parse = createNotesCommitParser();
    const raw = (sha: string, message: string, time: number) => ({
      sha: sha.repeat(40),
      parents: ['p'],
      authorName: 'Ada',
      authorEmail: 'a@x.io',
      authorTime: 0,
      committerTime: time,
      message,
    });
    const commits = [
      parse(raw('c', `revert: perf: faster\n\nThis reverts commit ${'b'.repeat(40)}.`, 3)),
      parse(raw('b', 'perf: faster', 2)),
      parse(raw('a', 'fix: kept', 1)),
    ];
    const { entries, lines } = bothMarkdowns(commits, defaultNotesConfig, null);
    expect(lines).toBe(entries);
    expect(lines).not.toContain('Performance');
    expect(lines).toContain('* kept (aaaaaaa)');
  });

  it('refuses news fragments, which need the entries', () => {
    const collector = new NotesLinesCollector(defaultNotesConfig, null);
    expect(() => collector.finish({ ...heading, fragments: [fragment] })).toThrow(/fragments/);
  });
});
