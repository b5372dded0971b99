import { describe, expect, it } from 'vitest';
import { parseCommit } from '../../src/commits/index.js';
import { raw } from './raw-commit.js';

function change(message: string) {
  const [first] = parseCommit(raw(message)).changes;
  if (first === undefined) throw new Error('no change');
  return first;
}

describe('parseCommit: footers', () => {
  it('separates body and footers in both `Token: value` and `Token #value` forms', () => {
    const c = change('fix: x\n\nThe body.\n\nReviewed-by: Z\nRefs #133');
    expect(c.body).toBe('The body.');
    expect(c.footers).toEqual([
      { token: 'Reviewed-by', value: 'Z' },
      { token: 'Refs', value: '#133' },
    ]);
  });

  it('continues a multi-line value until the next footer token line', () => {
    const c = change('fix: x\n\nNote: first line\n  second line\nthird line\nAcked-by: Y');
    expect(c.footers).toEqual([
      { token: 'Note', value: 'first line\n  second line\nthird line' },
      { token: 'Acked-by', value: 'Y' },
    ]);
  });

  it('reads `BREAKING CHANGE:` as breaking with its text as a note', () => {
    const c = change('feat: x\n\nBREAKING CHANGE: the config file moved\nto .slipway/');
    expect(c.breaking).toBe(true);
    expect(c.breakingNotes).toEqual(['the config file moved\nto .slipway/']);
  });

  it('reads `BREAKING-CHANGE:` as a synonym', () => {
    const c = change('feat: x\n\nBREAKING-CHANGE: env vars renamed');
    expect(c).toMatchObject({ breaking: true, breakingNotes: ['env vars renamed'] });
  });

  it('combines `!` with a BREAKING CHANGE footer text', () => {
    const c = change('feat(api)!: x\n\nBREAKING CHANGE: v1 removed');
    expect(c).toMatchObject({ breaking: true, breakingNotes: ['v1 removed'] });
  });

  it('keeps a multi-paragraph BREAKING CHANGE together', () => {
    const c = change('feat: x\n\nBREAKING CHANGE: first\n\nsecond paragraph\n\nCloses #4');
    expect(c.breakingNotes).toEqual(['first\n\nsecond paragraph']);
    expect(c.footers.map((f) => f.token)).toEqual(['BREAKING CHANGE', 'Closes']);
  });

  it('accepts BREAKING CHANGE with its text on the following lines', () => {
    const c = change('feat: x\n\nBREAKING CHANGE:\nThe API changed.');
    expect(c.breakingNotes).toEqual(['The API changed.']);
  });

  it('does not lose a BREAKING CHANGE written inside a body paragraph', () => {
    const c = change('feat: x\n\nSome explanation.\nBREAKING CHANGE: flags renamed');
    expect(c).toMatchObject({ breaking: true, breakingNotes: ['flags renamed'] });
    expect(c.body).toBe('Some explanation.');
  });

  it('requires BREAKING CHANGE in upper case', () => {
    const lower = change('feat: x\n\nbreaking change: not a footer');
    expect(lower.breaking).toBe(false);
    expect(lower.body).toBe('breaking change: not a footer');
    const mixed = change('feat: x\n\nBreaking-Change: an ordinary token');
    expect(mixed.breaking).toBe(false);
    expect(mixed.footers).toEqual([{ token: 'Breaking-Change', value: 'an ordinary token' }]);
  });

  it('needs `-` for whitespace in tokens other than BREAKING CHANGE', () => {
    const c = change('fix: x\n\nSigned off by: someone');
    expect(c.footers).toEqual([]);
    expect(c.body).toBe('Signed off by: someone');
  });

  it('treats a footer-looking paragraph followed by more body text as body', () => {
    const c = change('fix: x\n\nExample: look at this.\n\nMore explanation.\n\nCloses #9');
    expect(c.body).toBe('Example: look at this.\n\nMore explanation.');
    expect(c.footers).toEqual([{ token: 'Closes', value: '#9' }]);
  });

  it('does not take URLs for footers', () => {
    const c = change('fix: x\n\nhttps://example.com/a');
    expect(c.footers).toEqual([]);
    expect(c.body).toBe('https://example.com/a');
  });

  it('reads Release-As in any case', () => {
    expect(parseCommit(raw('chore: release\n\nRelease-As: 2.0.0')).releaseAs).toBe('2.0.0');
    expect(parseCommit(raw('chore: release\n\nrelease-as: 3.1.0-rc.1')).releaseAs).toBe(
      '3.1.0-rc.1',
    );
    expect(parseCommit(raw('chore: release')).releaseAs).toBeNull();
  });

  it('reads Reviewed-by, Co-authored-by and Signed-off-by as people', () => {
    const parsed = parseCommit(
      raw(
        'fix: x\n\nReviewed-by: Grace Hopper <grace@example.com>\n' +
          'co-authored-by: Linus\nSigned-off-by: Ada Lovelace <ada@example.com>\n' +
          'Co-authored-by: Bot <bot@example.com>\nCo-authored-by: Bot <bot@example.com>',
      ),
    );
    expect(parsed.trailers).toEqual({
      reviewedBy: [{ name: 'Grace Hopper', email: 'grace@example.com' }],
      coAuthoredBy: [
        { name: 'Linus', email: null },
        { name: 'Bot', email: 'bot@example.com' },
      ],
      signedOffBy: [{ name: 'Ada Lovelace', email: 'ada@example.com' }],
    });
  });

  it('keeps trailers and Release-As of a non-conventional commit', () => {
    const parsed = parseCommit(raw('Update deps\n\nSigned-off-by: Ada <ada@example.com>'));
    expect(parsed.conventional).toBe(false);
    expect(parsed.trailers.signedOffBy).toEqual([{ name: 'Ada', email: 'ada@example.com' }]);
  });
});
