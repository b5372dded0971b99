import { describe, expect, it } from 'vitest';
import { parseCommit } from '../../src/commits/index.js';
import { raw } from './raw-commit.js';

function only(message: string) {
  const parsed = parseCommit(raw(message));
  expect(parsed.changes).toHaveLength(1);
  const [change] = parsed.changes;
  if (change === undefined) throw new Error('no change');
  return change;
}

describe('parseCommit: header', () => {
  it('is not conventional when the header ends after the type, scope, ! or colon', () => {
    for (const header of ['feat', 'feat(x)', 'feat!', 'feat(x)!', 'feat:', 'feat(x)!:', 'WIP']) {
      const parsed = parseCommit(raw(header));
      expect(parsed.conventional, header).toBe(false);
      expect(parsed.header).toBe(header);
    }
    expect(only('feat(x)!: y').breaking).toBe(true);
  });

  it('reads type, scope and description and keeps the commit fields', () => {
    const parsed = parseCommit(raw('feat(parser): add arrays'));
    expect(parsed).toMatchObject({
      sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
      author: { name: 'Ada Lovelace', email: 'ada@example.com' },
      authorTime: 1_700_000_000,
      committerTime: 1_700_000_100,
      header: 'feat(parser): add arrays',
      conventional: true,
      merge: false,
      revert: null,
      releaseAs: null,
    });
    expect(parsed.changes).toEqual([
      {
        type: 'feat',
        scope: 'parser',
        breaking: false,
        breakingNotes: [],
        description: 'add arrays',
        body: null,
        footers: [],
        pullRequests: [],
        issues: [],
      },
    ]);
  });

  it('lower-cases the type but keeps the scope and description as written', () => {
    expect(only('FEAT(Parser): Add Arrays')).toMatchObject({
      type: 'feat',
      scope: 'Parser',
      description: 'Add Arrays',
    });
  });

  it('accepts a header without scope', () => {
    expect(only('docs: correct spelling of CHANGELOG')).toMatchObject({
      type: 'docs',
      scope: null,
      description: 'correct spelling of CHANGELOG',
    });
  });

  it('accepts scopes with special characters', () => {
    expect(only('feat(api/v2): paginate').scope).toBe('api/v2');
    expect(only('fix(@slipway/core): x').scope).toBe('@slipway/core');
    expect(only('chore(deps, ci): bump').scope).toBe('deps, ci');
  });

  it('marks `!` as breaking, with and without scope, and leaves breakingNotes empty', () => {
    expect(only('feat(api)!: drop v1')).toMatchObject({
      scope: 'api',
      breaking: true,
      breakingNotes: [],
    });
    expect(only('fix!: stop accepting nulls')).toMatchObject({
      type: 'fix',
      scope: null,
      breaking: true,
      breakingNotes: [],
      description: 'stop accepting nulls',
    });
  });

  it.each([
    ['empty scope', 'feat(): add'],
    ['missing space after colon', 'feat:add'],
    ['missing colon', 'feat add'],
    ['empty description', 'feat: '],
    ['unclosed scope', 'feat(api: add'],
    ['nested parentheses in scope', 'feat(a(b)): add'],
    ['leading symbol', '[feat]: add'],
    ['space before colon', 'feat : add'],
    ['free text', 'Update README.md'],
  ])('rejects %s (%s) as not conventional', (_name, message) => {
    const parsed = parseCommit(raw(message));
    expect(parsed.conventional).toBe(false);
    expect(parsed.changes).toEqual([]);
    expect(parsed.header).toBe(message.trim());
  });

  it('takes a trailing (#123) off the description as the pull request', () => {
    expect(only('fix(cli): exit code on error (#123)')).toMatchObject({
      description: 'exit code on error',
      pullRequests: [{ number: 123, sigil: '#', repository: null }],
      issues: [],
    });
  });

  it('keeps every trailing pull request of a cherry-picked squash, in order', () => {
    expect(only('fix: retry (#12) (#15)').pullRequests.map((pr) => pr.number)).toEqual([12, 15]);
  });

  it('keeps a (#12) that is not at the end in the description', () => {
    expect(only('fix: handle (#12) case').description).toBe('handle (#12) case');
  });

  it('keeps the rest of the message as the body', () => {
    expect(only('fix: x\n\nFirst paragraph.\n\nSecond paragraph.').body).toBe(
      'First paragraph.\n\nSecond paragraph.',
    );
  });
});
