import { describe, expect, it } from 'vitest';
import { escapeItemStart, escapeMarkdown } from '../../src/notes/index.js';

describe('escapeMarkdown', () => {
  it.each([
    ['plain text', 'plain text'],
    ['see [docs](x)', 'see \\[docs\\](x)'],
    ['**bold** and __init__', '\\*\\*bold\\*\\* and \\_\\_init\\_\\_'],
    ['allow <details> tags', 'allow \\<details\\> tags'],
    ['a ~~strike~~', 'a \\~\\~strike\\~\\~'],
    ['back\\slash', 'back\\\\slash'],
    ['use `a[0]*b` here', 'use `a[0]*b` here'],
    ['``code with ` tick`` and [x]', '``code with ` tick`` and \\[x\\]'],
    ['unclosed `tick [x]', 'unclosed `tick \\[x\\]'],
  ])('%j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});

describe('escapeItemStart', () => {
  it.each([
    ['# of retries', '\\# of retries'],
    ['- dash first, not-a-list', '\\- dash first, not-a-list'],
    ['+ plus', '\\+ plus'],
    ['2. step', '2\\. step'],
    ['3) step', '3\\) step'],
    ['v2. works', 'v2. works'],
    ['#123 stays readable', '\\#123 stays readable'],
  ])('%j', (input, expected) => {
    expect(escapeItemStart(input)).toBe(expected);
  });
});
