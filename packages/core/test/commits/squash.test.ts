import { describe, expect, it } from 'vitest';
import { parseCommit } from '../../src/commits/index.js';
import { raw } from './raw-commit.js';

const summary = (message: string) =>
  parseCommit(raw(message)).changes.map((c) => ({
    type: c.type,
    scope: c.scope,
    description: c.description,
    breaking: c.breaking,
    pullRequests: c.pullRequests.map((pr) => pr.number),
    issues: c.issues.map((i) => `${i.id}${i.closing ? '!' : ''}`),
  }));

describe('parseCommit: squash merges', () => {
  it('makes a change of every conventional bullet after the header change', () => {
    const message = [
      'feat(cli): release command (#50)',
      '',
      '* feat(cli): add release command (#41)',
      '',
      '* fix(core): off-by-one in window (#42)',
      '',
      '* docs: describe release',
    ].join('\n');
    expect(summary(message)).toEqual([
      {
        type: 'feat',
        scope: 'cli',
        description: 'release command',
        breaking: false,
        pullRequests: [50],
        issues: [],
      },
      {
        type: 'feat',
        scope: 'cli',
        description: 'add release command',
        breaking: false,
        pullRequests: [41],
        issues: [],
      },
      {
        type: 'fix',
        scope: 'core',
        description: 'off-by-one in window',
        breaking: false,
        pullRequests: [42],
        issues: [],
      },
      {
        type: 'docs',
        scope: null,
        description: 'describe release',
        breaking: false,
        pullRequests: [],
        issues: [],
      },
    ]);
  });

  it('drops a bullet identical to the header change but keeps what it carried', () => {
    const message =
      'fix: handle empty input (#60)\n\n* fix: handle empty input\n\nCloses #7\n\n* test: cover it';
    expect(summary(message)).toEqual([
      {
        type: 'fix',
        scope: null,
        description: 'handle empty input',
        breaking: false,
        pullRequests: [60],
        issues: ['7!'],
      },
      {
        type: 'test',
        scope: null,
        description: 'cover it',
        breaking: false,
        pullRequests: [],
        issues: [],
      },
    ]);
  });

  it('merges repeated bullets into one change', () => {
    const message = 'feat: x\n\n* fix: typo (#1)\n* docs: y\n* fix: typo (#2)\n  Closes #3';
    expect(summary(message)).toEqual([
      {
        type: 'feat',
        scope: null,
        description: 'x',
        breaking: false,
        pullRequests: [],
        issues: [],
      },
      {
        type: 'fix',
        scope: null,
        description: 'typo',
        breaking: false,
        pullRequests: [1, 2],
        issues: ['3!'],
      },
      {
        type: 'docs',
        scope: null,
        description: 'y',
        breaking: false,
        pullRequests: [],
        issues: [],
      },
    ]);
  });

  it('gives each bullet the issue references of its own text', () => {
    const message = [
      'feat: batch (#70)',
      '',
      'Closes #1',
      '',
      '* feat: a',
      '',
      'Fixes #2, see #3',
      '',
      '* fix: b (#72)',
      '',
      'Resolves octo/r#4',
    ].join('\n');
    expect(summary(message).map((c) => c.issues)).toEqual([['1!'], ['2!', '3'], ['4!']]);
  });

  it('joins indented continuation lines into the bullet title and keeps nested bullets as its body', () => {
    const message = [
      'feat: train (#80)',
      '',
      '* feat(api): a long description that',
      '  wraps onto a second line (#81)',
      '',
      '  * feat(api): first pass',
      '  * fix(api): typo',
      '* fix(cli): crash on empty (#82)',
    ].join('\n');
    const changes = parseCommit(raw(message)).changes;
    expect(changes.map((c) => c.description)).toEqual([
      'train',
      'a long description that wraps onto a second line',
      'crash on empty',
    ]);
    expect(changes[1]?.pullRequests).toEqual([{ number: 81, sigil: '#', repository: null }]);
    expect(changes[1]?.body).toBe('* feat(api): first pass\n* fix(api): typo');
  });

  it('marks the bullet a BREAKING CHANGE is written under as breaking', () => {
    const message = [
      'feat: v2 (#90)',
      '',
      '* feat(api): remove v1 routes',
      '',
      'BREAKING CHANGE: /v1 is gone',
      '',
      '* fix: typo',
      '* feat(cli): new flag',
      '  BREAKING CHANGE: --old removed',
    ].join('\n');
    const changes = parseCommit(raw(message)).changes;
    expect(changes.map((c) => [c.description, c.breaking, c.breakingNotes])).toEqual([
      ['v2', false, []],
      ['remove v1 routes', true, ['/v1 is gone']],
      ['typo', false, []],
      ['new flag', true, ['--old removed']],
    ]);
  });

  it('gives a BREAKING CHANGE after the bullets to the header change', () => {
    const message =
      'feat: v3 (#91)\n\n* feat: a\n* fix: b\n\nBREAKING CHANGE: config format changed';
    const changes = parseCommit(raw(message)).changes;
    expect(changes.map((c) => [c.description, c.breaking, c.breakingNotes])).toEqual([
      ['v3', true, ['config format changed']],
      ['a', false, []],
      ['b', false, []],
    ]);
  });

  it('gives a BREAKING CHANGE before the bullets to the header change', () => {
    const message = 'feat: v4\n\nBREAKING CHANGE: all of it\n\n* feat: a';
    expect(summary(message).map((c) => [c.description, c.breaking])).toEqual([
      ['v4', true],
      ['a', false],
    ]);
  });

  it('reads GitHub’s squash body with `---------` and co-author trailers', () => {
    const message = [
      'feat(notes): group by scope (#100)',
      '',
      '* feat(notes): group by scope',
      '',
      '* fix(notes): sort scopes',
      '',
      'Signed-off-by: Ada <ada@example.com>',
      '',
      '* wip',
      '',
      'Fixes #12',
      '',
      '---------',
      '',
      'Co-authored-by: Grace <grace@example.com>',
      'Release-As: 1.4.0',
    ].join('\n');
    const parsed = parseCommit(raw(message));
    expect(parsed.changes.map((c) => c.description)).toEqual(['group by scope', 'sort scopes']);
    // The `* wip` commit is no change, but what it closes belongs to the squash as a whole.
    expect(parsed.changes[0]?.issues).toEqual([
      { id: '12', kind: 'number', repository: null, closing: true },
    ]);
    expect(parsed.changes[0]?.footers).toEqual([
      { token: 'Fixes', value: '#12' },
      { token: 'Co-authored-by', value: 'Grace <grace@example.com>' },
      { token: 'Release-As', value: '1.4.0' },
    ]);
    expect(parsed.trailers.coAuthoredBy).toEqual([{ name: 'Grace', email: 'grace@example.com' }]);
    expect(parsed.trailers.signedOffBy).toEqual([{ name: 'Ada', email: 'ada@example.com' }]);
    expect(parsed.releaseAs).toBe('1.4.0');
  });

  it('accepts `-` bullets and ignores bodies that list no conventional commit', () => {
    expect(summary('feat: a\n\n- fix: b').map((c) => c.description)).toEqual(['a', 'b']);
    const plain = parseCommit(raw('feat: a\n\n- update docs\n- tidy up')).changes;
    expect(plain).toHaveLength(1);
    expect(plain[0]?.body).toBe('- update docs\n- tidy up');
  });

  it('keeps the squash non-conventional when its header is not conventional', () => {
    const parsed = parseCommit(raw('Release train (#5)\n\n* feat: a\n* fix: b'));
    expect(parsed.conventional).toBe(false);
    expect(parsed.changes).toEqual([]);
  });
});
