import type { RawCommit } from '@slipway/core';
import { cleanupTempDirs, createGitRepo } from '@slipway/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { CliGit, FakeGit } from '../../../src/adapters/git/index.js';
import type { GitPort, LogQuery } from '../../../src/adapters/git/index.js';
import { LogRecordParser, logFormat } from '../../../src/adapters/git/log-record-parser.js';

afterEach(() => {
  cleanupTempDirs();
});

async function collect(git: GitPort, query: LogQuery): Promise<RawCommit[]> {
  const commits: RawCommit[] = [];
  for await (const batch of git.logBatches(query)) commits.push(...batch);
  return commits;
}

/** What a planning log keeps of a full record. */
function planningPart(commit: RawCommit): RawCommit {
  return { ...commit, authorName: '', authorEmail: '', authorTime: 0 };
}

const fields = (values: readonly string[]): Buffer =>
  Buffer.concat(values.map((value) => Buffer.from(`${value}\0`, 'utf8')));

describe('planning log fields', () => {
  it('the format asks git for SHA, parents, committer time and message only', () => {
    expect(logFormat('planning')).toBe('--format=%H%x00%P%x00%ct%x00%B');
    expect(logFormat()).toBe(logFormat('full'));
  });

  it('LogRecordParser reads four-field records alike for every chunk size', () => {
    const stream = Buffer.concat([
      fields(['a'.repeat(40), '', '1700000060', 'feat: 🚀 ロケット\r\n\r\nbody ✓\r\n']),
      fields(['b'.repeat(40), `${'a'.repeat(40)} ${'c'.repeat(40)}`, '2', 'Merge #1\n\n']),
    ]);
    const expected: RawCommit[] = [
      {
        sha: 'a'.repeat(40),
        parents: [],
        authorName: '',
        authorEmail: '',
        authorTime: 0,
        committerTime: 1700000060,
        message: 'feat: 🚀 ロケット\r\n\r\nbody ✓',
      },
      {
        sha: 'b'.repeat(40),
        parents: ['a'.repeat(40), 'c'.repeat(40)],
        authorName: '',
        authorEmail: '',
        authorTime: 0,
        committerTime: 2,
        message: 'Merge #1',
      },
    ];
    for (let size = 1; size <= stream.length; size++) {
      const parser = new LogRecordParser('planning', 1); // decoded chunk by chunk
      const commits: RawCommit[] = [];
      for (let i = 0; i < stream.length; i += size) {
        parser.push(stream.subarray(i, i + size), commits);
      }
      expect(parser.finish()).toBe(true);
      expect(commits).toEqual(expected);
    }
  });

  it('CliGit and FakeGit give the full records less the author fields, merges included', async () => {
    const repo = createGitRepo([
      { commit: 'feat: a', files: { 'a.txt': 'a\n' } },
      { tag: 'v1.0.0' },
      { branch: 'next' },
      { commit: 'fix: b\n\nbody\n\nCloses #4', files: { 'b.txt': 'b\n' } },
      { checkout: 'main' },
      { commit: 'feat: c', files: { 'c.txt': 'c\n' } },
      { merge: 'next', noFf: true, message: 'Merge pull request #9 from team/next' },
    ]);
    const git = new CliGit({ cwd: repo.dir });
    for (const firstParent of [false, true]) {
      const query = { to: 'HEAD', exclude: ['v1.0.0'], firstParent };
      const full = await collect(git, query);
      const planning = await collect(git, { ...query, fields: 'planning' });
      expect(full.some((commit) => commit.parents.length === 2)).toBe(true);
      expect(planning).toEqual(full.map(planningPart));
    }

    const fake = new FakeGit();
    fake.commit('feat: a', { authorName: 'Zoë', authorEmail: 'zoe@example.com' });
    const query = { to: 'HEAD', exclude: [] };
    const fullFake = await collect(fake, query);
    expect(fullFake[0]?.authorName).toBe('Zoë');
    expect(await collect(fake, { ...query, fields: 'planning' })).toEqual(
      fullFake.map(planningPart),
    );
  });
});
