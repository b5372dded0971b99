import { describe, expect, it } from 'vitest';
import { suggestKey } from '../../src/config/suggest-key.js';

const known = ['tag-format', 'first-release', 'first-parent', 'branches', 'name', 'scheme'];

describe('suggestKey', () => {
  it.each([
    ['tag_format', 'tag-format'],
    ['tagFormat', 'tag-format'],
    ['TAG-FORMAT', 'tag-format'],
    ['first-relase', 'first-release'],
    ['frist-parent', 'first-parent'],
    ['branch', 'branches'],
    ['nmae', 'name'],
    ['schema', 'scheme'],
  ])('%s → %s', (key, expected) => {
    expect(suggestKey(key, known)).toBe(expected);
  });

  it.each(['colour', 'version', 'x', ''])('suggests nothing for %j', (key) => {
    expect(suggestKey(key, known)).toBeNull();
  });
});
