import { describe, expect, it } from 'vitest';
import { defaultFragmentTypes, fragmentFileName, parseFragmentName } from '../../src/index.js';

const keys = defaultFragmentTypes.map((type) => type.key);

describe('parseFragmentName', () => {
  it.each([
    ['123.feature.md', { type: 'feature', issue: '123', slug: null, counter: 0, extension: 'md' }],
    ['123.feature.1.md', { type: 'feature', issue: '123', counter: 1, extension: 'md' }],
    ['0042.bugfix', { type: 'bugfix', issue: '42', counter: 0, extension: '' }],
    ['gh-12.bugfix.rst', { type: 'bugfix', issue: 'gh-12', extension: 'rst' }],
    ['fix-1.2.3.doc.md', { type: 'doc', issue: 'fix-1.2.3', extension: 'md' }],
    ['+abc.bugfix.md', { type: 'bugfix', issue: null, slug: 'abc', counter: 0 }],
    ['+add-search.feature.2.md', { type: 'feature', issue: null, slug: 'add-search', counter: 2 }],
    ['7.security.md', { type: 'security', issue: '7' }],
    ['8.breaking.md', { type: 'breaking', issue: '8' }],
  ])('parses %s', (name, expected) => {
    const result = parseFragmentName(name, keys);
    expect(result).toMatchObject({ kind: 'fragment', ...expected });
  });

  it('takes the last type from the right, as towncrier does', () => {
    expect(parseFragmentName('feature.bugfix.md', keys)).toMatchObject({
      type: 'bugfix',
      issue: 'feature',
    });
  });

  it.each([
    '.gitignore',
    '.gitkeep',
    'README',
    'README.md',
    'readme.rst',
    'template.jinja',
    '_template.md',
  ])('ignores %s', (name) => {
    expect(parseFragmentName(name, keys)).toEqual({ kind: 'ignored' });
  });

  it('names the file, the unknown type and the valid types', () => {
    const result = parseFragmentName('123.featur.md', keys);
    expect(result.kind).toBe('problem');
    if (result.kind !== 'problem') return;
    expect(result.message).toContain('123.featur.md');
    expect(result.message).toContain('"featur"');
    expect(result.message).toContain('feature, security, bugfix');
  });

  it('reports names without a type and empty issues', () => {
    expect(parseFragmentName('notes', keys).kind).toBe('problem');
    expect(parseFragmentName('+.feature.md', keys).kind).toBe('problem');
  });

  it('honours a custom orphan prefix', () => {
    expect(parseFragmentName('~xyz.misc', keys, '~')).toMatchObject({ issue: null, slug: 'xyz' });
    expect(parseFragmentName('+xyz.misc', keys, '~')).toMatchObject({ issue: '+xyz' });
  });
});

describe('fragmentFileName', () => {
  it('builds towncrier names that parse back to the same parts', () => {
    const cases = [
      { type: 'feature', issue: '123', extension: 'md' },
      { type: 'bugfix', issue: '#45', counter: 2, extension: '.rst' },
      { type: 'misc', slug: 'tidy-up', extension: 'md' },
      { type: 'doc', issue: 'gh-9' },
    ];
    const names = cases.map((parts) => fragmentFileName(parts));
    expect(names).toEqual(['123.feature.md', '45.bugfix.2.rst', '+tidy-up.misc.md', 'gh-9.doc']);
    names.forEach((name, index) => {
      const parts = cases[index];
      expect(parseFragmentName(name, keys)).toMatchObject({
        kind: 'fragment',
        type: parts?.type,
        counter: parts?.counter ?? 0,
      });
    });
  });

  it('rejects issues and slugs that are not file-name safe', () => {
    expect(() => fragmentFileName({ type: 'feature', issue: '../x' })).toThrow(/not a valid issue/);
    expect(() => fragmentFileName({ type: 'feature', issue: 'a b' })).toThrow(/not a valid issue/);
    expect(() => fragmentFileName({ type: 'feature', slug: '' })).toThrow(/orphan fragment slug/);
    expect(() => fragmentFileName({ type: 'fe/at', issue: '1' })).toThrow(/fragment type/);
  });
});
