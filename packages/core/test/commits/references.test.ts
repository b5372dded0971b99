import { describe, expect, it } from 'vitest';
import { SlipwayError } from '../../src/errors/slipway-error.js';
import { createCommitParser, parseCommit } from '../../src/commits/index.js';
import { raw } from './raw-commit.js';

function change(message: string, issuePatterns?: string[]) {
  const options = issuePatterns === undefined ? undefined : { issuePatterns };
  const [first] = parseCommit(raw(message), options).changes;
  if (first === undefined) throw new Error('no change');
  return first;
}

const closing = (id: string, repository: string | null = null) => ({
  id,
  kind: 'number',
  repository,
  closing: true,
});
const mention = (id: string, repository: string | null = null) => ({
  id,
  kind: 'number',
  repository,
  closing: false,
});

describe('parseCommit: references', () => {
  it.each([
    'close',
    'closes',
    'closed',
    'fix',
    'fixes',
    'fixed',
    'resolve',
    'resolves',
    'resolved',
  ])('treats `%s #45` as closing, in any case and with an optional colon', (keyword) => {
    const upper = keyword.toUpperCase();
    const capital = keyword[0]?.toUpperCase() + keyword.slice(1);
    expect(change(`fix: x\n\n${keyword} #45`).issues).toEqual([closing('45')]);
    expect(change(`fix: x\n\n${upper} #46`).issues).toEqual([closing('46')]);
    expect(change(`fix: x\n\n${capital}: #47`).issues).toEqual([closing('47')]);
  });

  it('closes cross-repository issues', () => {
    expect(change('fix: x\n\nFixes octo/widgets#12').issues).toEqual([
      closing('12', 'octo/widgets'),
    ]);
  });

  it('treats other #n and owner/repo#n as plain mentions', () => {
    expect(change('fix: x\n\nSee #7 and octo/widgets#8, related to (#9).').issues).toEqual([
      mention('7'),
      mention('8', 'octo/widgets'),
      mention('9'),
    ]);
  });

  it('closes only the reference right after the keyword, as GitHub does', () => {
    expect(change('fix: x\n\nFixes #1, #2').issues).toEqual([closing('1'), mention('2')]);
  });

  it('needs a word boundary before the keyword and a separator after it', () => {
    expect(change('fix: x\n\nprefix #3').issues).toEqual([mention('3')]);
    expect(change('fix: x\n\nsuffixes #4').issues).toEqual([mention('4')]);
  });

  it('finds references in the header description but not its (#123) pull request', () => {
    expect(change('fix: crash, closes #45 (#123)')).toMatchObject({
      pullRequests: [{ number: 123, sigil: '#', repository: null }],
      issues: [closing('45')],
    });
  });

  it('does not count a body mention of the change’s own pull request as an issue', () => {
    expect(change('fix: x (#123)\n\nAs discussed in #123.').issues).toEqual([]);
  });

  it('ignores numbers inside URLs and code', () => {
    const c = change(
      'fix: x\n\nSee https://github.com/o/r/pull/3#issuecomment-45 and http://x.io/p#12.\n' +
        'Run `git log #5` first.\n\n```\nclose #6\n```\n\nNot in code: #7',
    );
    expect(c.issues).toEqual([mention('7')]);
  });

  it('ignores things that only look like references', () => {
    const c = change('fix: x\n\nC#1 and abc#2, &#45; entity, #3x, path/a/b#4, # 5');
    expect(c.issues).toEqual([]);
  });

  it('deduplicates references, a closing one winning over a mention', () => {
    const c = change('fix: x (#10) (#10)\n\nSee #4, #4 again.\n\nCloses #4\nCloses #4');
    expect(c.issues).toEqual([closing('4')]);
    expect(c.pullRequests).toEqual([{ number: 10, sigil: '#', repository: null }]);
  });

  it('reads GitLab merge requests `!123` and `group/sub/proj!123`', () => {
    const c = change('fix: x\n\nFollow-up of !12 and group/sub/proj!34; wow!5 is not one.');
    expect(c.pullRequests).toEqual([
      { number: 12, sigil: '!', repository: null },
      { number: 34, sigil: '!', repository: 'group/sub/proj' },
    ]);
  });

  it('finds configured issue keys anywhere, closing after a keyword', () => {
    const c = change('feat(ABC-1): x ABC-2\n\nPart of XYZ-3.\n\nResolves ABC-4\nRefs: ABC-2', [
      '[A-Z][A-Z0-9]+-\\d+',
    ]);
    expect(c.issues).toEqual([
      { id: 'ABC-2', kind: 'key', repository: null, closing: false },
      { id: 'ABC-1', kind: 'key', repository: null, closing: false },
      { id: 'XYZ-3', kind: 'key', repository: null, closing: false },
      { id: 'ABC-4', kind: 'key', repository: null, closing: true },
    ]);
  });

  it('matches keys on word boundaries and not inside URLs', () => {
    const c = change('fix: x\n\nXABC-1 ABC-12x https://jira.example.com/browse/ABC-9 (ABC-7)', [
      'ABC-\\d+',
    ]);
    expect(c.issues).toEqual([{ id: 'ABC-7', kind: 'key', repository: null, closing: false }]);
  });

  it('supports several key patterns', () => {
    const c = change('fix: x\n\nPROJ-1 and gh-2', ['PROJ-\\d+', 'gh-\\d+']);
    expect(c.issues.map((i) => i.id)).toEqual(['PROJ-1', 'gh-2']);
  });

  it('rejects an invalid key pattern once, when the parser is created', () => {
    expect(() => createCommitParser({ issuePatterns: ['(unclosed'] })).toThrow(SlipwayError);
  });

  it('survives a key pattern that matches the empty string', () => {
    expect(change('fix: x\n\nbody', ['X*']).issues).toEqual([]);
  });
});
