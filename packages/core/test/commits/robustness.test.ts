import { describe, expect, it } from 'vitest';
import type { RawCommit } from '../../src/commits/index.js';
import { createCommitParser, parseCommit } from '../../src/commits/index.js';
import { raw } from './raw-commit.js';

describe('parseCommit: robustness', () => {
  it('keeps an empty message as a non-conventional commit', () => {
    const parsed = parseCommit(raw(''));
    expect(parsed).toMatchObject({ header: '', conventional: false, changes: [], revert: null });
    expect(parsed.trailers).toEqual({ reviewedBy: [], coAuthoredBy: [], signedOffBy: [] });
  });

  it('keeps a message of only newlines and spaces as non-conventional', () => {
    expect(parseCommit(raw('\n\n  \n\r\n'))).toMatchObject({
      header: '',
      conventional: false,
      changes: [],
    });
  });

  it('skips leading blank lines before the header', () => {
    expect(parseCommit(raw('\n\nfix: x')).changes[0]?.description).toBe('x');
  });

  it('reads CRLF messages like LF ones', () => {
    const crlf = 'feat(a)!: x (#3)\r\n\r\nBody line.\r\n\r\nBREAKING CHANGE: gone\r\nCloses #4\r\n';
    const lf = crlf.replace(/\r\n/g, '\n');
    expect(parseCommit(raw(crlf))).toEqual(parseCommit(raw(lf)));
    expect(parseCommit(raw(crlf)).changes[0]).toMatchObject({
      body: 'Body line.',
      breakingNotes: ['gone'],
    });
  });

  it.each([
    ['binary-ish noise', '\u0000\u0001\u0002(((:::!!!###'],
    ['only punctuation', ')(!: #'],
    ['unbalanced backticks and fences', 'fix: x\n\n```\n`#1 ``#2\n'],
    ['lone surrogate', 'fix: \ud800 broken\n\n#\ud800'],
    ['a bullet without text', 'feat: x\n\n* \n- '],
    ['footer tokens without values', 'fix: x\n\nCloses:\nRefs #\nBREAKING CHANGE:'],
  ])('never throws on %s', (_name, message) => {
    expect(() => parseCommit(raw(message))).not.toThrow();
  });

  it('never throws on input that breaks the RawCommit type', () => {
    const broken = { sha: 'x', message: 42 } as unknown as RawCommit;
    expect(parseCommit(broken)).toMatchObject({
      sha: 'x',
      conventional: false,
      changes: [],
      merge: false,
    });
  });

  it('parses a huge message in linear time', () => {
    const line = 'word #1 owner/repo#2 `code #3` https://x.io/a#4 ABC-5 !6 closes #7 ';
    const message = `feat: huge\n\n${line.repeat(20_000)}\n\n${'* fix: bullet (#9)\n'.repeat(5_000)}`;
    const parse = createCommitParser({ issuePatterns: ['ABC-\\d+'] });
    const started = performance.now();
    const parsed = parse(raw(message));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(parsed.changes.map((c) => c.description)).toEqual(['huge', 'bullet']);
    expect(parsed.changes[0]?.issues.map((i) => i.id)).toEqual(['1', '2', '7', 'ABC-5']);
  });

  it('stays linear on pathological runs of reference characters', () => {
    const message = `fix: x\n\n${'a/'.repeat(50_000)}#1 ${'#'.repeat(50_000)} ${'!1'.repeat(50_000)} ${'`'.repeat(50_000)}`;
    const started = performance.now();
    expect(() => parseCommit(raw(message))).not.toThrow();
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('flags commits with several parents as merges and keeps the author', () => {
    const parsed = parseCommit(raw('fix: x', { parents: ['a', 'b'], authorEmail: '' }));
    expect(parsed.merge).toBe(true);
    expect(parsed.author).toEqual({ name: 'Ada Lovelace', email: null });
  });

  it('gives the same result from a reused parser as from parseCommit', () => {
    const parse = createCommitParser();
    const messages = ['feat: a\n\nCloses #1', 'nope', 'fix(x)!: y (#2)'];
    expect(messages.map((m) => parse(raw(m)))).toEqual(messages.map((m) => parseCommit(raw(m))));
  });
});
