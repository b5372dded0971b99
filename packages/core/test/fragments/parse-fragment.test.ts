import { describe, expect, it } from 'vitest';
import type { FragmentEntry } from '../../src/index.js';
import {
  defaultFragmentTypes,
  fragmentsBump,
  mergeFragmentTypes,
  parseFragment,
  renderFragmentsMarkdown,
  slugFromMessage,
} from '../../src/index.js';

const config = { types: defaultFragmentTypes, orphanPrefix: '+' };

function entry(file: string, content: string, types = defaultFragmentTypes): FragmentEntry {
  const result = parseFragment(file, content, { types, orphanPrefix: '+' });
  if (result.kind !== 'entry')
    throw new Error(`expected an entry for ${file}: ${JSON.stringify(result)}`);
  return result.entry;
}

describe('parseFragment', () => {
  it.each([
    ['1.breaking.md', 'major', true],
    ['2.removal.md', 'major', true],
    ['3.feature.md', 'minor', false],
    ['4.deprecation.md', 'minor', false],
    ['5.bugfix.md', 'patch', false],
    ['6.doc.md', 'patch', false],
    ['7.perf.md', 'patch', false],
    ['8.security.md', 'patch', false],
    ['9.misc.md', 'patch', false],
  ])('gives %s the bump %s', (file, bump, breaking) => {
    expect(entry(file, 'Text.')).toMatchObject({ bump, breaking });
  });

  it('normalises line endings and trims the text', () => {
    expect(entry('12.feature.md', '\uFEFFAdd search.  \r\n\r\nWith filters.\r\n\r\n')).toEqual({
      file: '12.feature.md',
      type: 'feature',
      issue: '12',
      text: 'Add search.\n\nWith filters.',
      bump: 'minor',
      breaking: false,
    });
  });

  it('drops the text of types that show no content', () => {
    expect(entry('13.misc.md', 'internal refactor')).toMatchObject({ text: '', issue: '13' });
    expect(entry('14.misc', '')).toMatchObject({ text: '', type: 'misc' });
  });

  it('reports empty fragments of types that show content', () => {
    expect(parseFragment('15.feature.md', ' \n', config)).toEqual({
      kind: 'problem',
      message: '15.feature.md: the fragment is empty',
    });
  });

  it('takes the type from a per-type directory', () => {
    expect(entry('feature/21.md', 'x')).toMatchObject({
      type: 'feature',
      issue: '21',
      file: 'feature/21.md',
    });
    expect(entry('bugfix/+orphan.md', 'x')).toMatchObject({ type: 'bugfix', issue: null });
    expect(entry('bugfix/22.bugfix.md', 'x')).toMatchObject({ type: 'bugfix', issue: '22' });
    const clash = parseFragment('bugfix/23.feature.md', 'x', config);
    expect(clash).toMatchObject({ kind: 'problem' });
  });

  it('names the file in problems from subdirectories', () => {
    const result = parseFragment('web/1.nope.md', 'x', config);
    expect(result).toMatchObject({ kind: 'problem' });
    if (result.kind === 'problem')
      expect(result.message).toMatch(/^web\/1\.nope\.md: unknown fragment type "nope"/);
  });

  it('skips names matching towncrier ignore patterns', () => {
    const ignoring = { ...config, ignore: ['notes-*.txt', 'draft?.md'] };
    expect(parseFragment('notes-2026.txt', 'x', ignoring)).toEqual({ kind: 'ignored' });
    expect(parseFragment('draft1.md', 'x', ignoring)).toEqual({ kind: 'ignored' });
    expect(parseFragment('draft12.md', 'x', ignoring)).toMatchObject({ kind: 'problem' });
    expect(parseFragment('notes-2026.txt', 'x', config)).toMatchObject({ kind: 'problem' });
  });

  it('uses configured bumps', () => {
    const types = mergeFragmentTypes(defaultFragmentTypes, [
      { key: 'doc', bump: 'none' },
      { key: 'removal', bump: 'minor' },
      { key: 'installation', title: 'Dependency Changes' },
    ]);
    expect(entry('1.doc.md', 'x', types)).toMatchObject({ bump: null });
    expect(entry('1.removal.md', 'x', types)).toMatchObject({ bump: 'minor', breaking: false });
    expect(entry('1.installation.md', 'x', types)).toMatchObject({ bump: 'patch' });
    expect(types.map((type) => type.key).slice(-2)).toEqual(['misc', 'installation']);
  });
});

describe('fragmentsBump', () => {
  it('is the highest bump', () => {
    expect(fragmentsBump([entry('1.bugfix.md', 'a'), entry('2.feature.md', 'b')])).toBe('minor');
    expect(fragmentsBump([entry('1.bugfix.md', 'a'), entry('2.removal.md', 'b')])).toBe('major');
    expect(fragmentsBump([])).toBeNull();
  });
});

describe('renderFragmentsMarkdown', () => {
  it('groups by type in configuration order, merges equal texts and lists misc issues only', () => {
    const entries = [
      entry('10.bugfix.md', 'Fix crash.'),
      entry('3.bugfix.md', 'Fix crash.'),
      entry('+a.feature.md', 'Add export.'),
      entry('5.misc.md', 'chore'),
      entry('4.misc.md', 'chore'),
      entry('7.removal.md', 'Drop Python 3.8.\n\nUpgrade first.'),
    ];
    const markdown = renderFragmentsMarkdown(entries, defaultFragmentTypes, {
      issueUrl: (issue) => (issue === '3' ? 'https://example.test/3' : null),
    });
    expect(markdown).toBe(
      [
        '### Removals',
        '',
        '- Drop Python 3.8.',
        '',
        '  Upgrade first.',
        '  (#7)',
        '',
        '### Features',
        '',
        '- Add export.',
        '',
        '### Bugfixes',
        '',
        '- Fix crash. ([#3](https://example.test/3), #10)',
        '',
        '### Misc',
        '',
        '- #4, #5',
      ].join('\n'),
    );
  });
});

describe('slugFromMessage', () => {
  it('keeps the first words, file-name safe', () => {
    expect(slugFromMessage('Add "search" to the API, finally!')).toBe('add-search-to-the-api');
    expect(slugFromMessage('Émoji ✨ support')).toBe('emoji-support');
  });
});
