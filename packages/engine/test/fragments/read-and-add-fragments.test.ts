import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, makeTempDir } from '@slipway/test-utils';
import type { FragmentConfig } from '@slipway/core';
import { defaultFragmentTypes, fragmentsBump } from '@slipway/core';
import { addFragment, fragmentPlaceholder, readFragments } from '@slipway/engine';

afterEach(() => cleanupTempDirs());

const config: FragmentConfig = {
  directory: 'changelog.d',
  types: defaultFragmentTypes,
  orphanPrefix: '+',
  extension: 'md',
};

function withFragments(files: Record<string, string>): string {
  const { path } = makeTempDir();
  for (const [name, text] of Object.entries(files)) {
    const file = join(path, config.directory, name);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
  }
  return path;
}

describe('readFragments', () => {
  it('reads fragments, per-type directories and sections, and reports problems', async () => {
    const root = withFragments({
      '.gitignore': '!.gitignore\n',
      'README.md': 'How to write fragments.',
      '12.feature.md': 'Add search.\n',
      '12.feature.1.md': 'Add filters.\n',
      '+tidy.misc.md': '',
      'gh-7.bugfix.rst': 'Fix crash.\r\n',
      '3.featur.md': 'typo',
      'removal/40.md': 'Drop Python 3.8.',
      'web/41.security.md': 'Escape output.',
      'deep/er/42.feature.md': 'too deep, ignored',
    });
    const { entries, problems } = await readFragments(root, config);
    expect(entries.map((entry) => [entry.file, entry.type, entry.issue, entry.text])).toEqual([
      ['+tidy.misc.md', 'misc', null, ''],
      ['12.feature.1.md', 'feature', '12', 'Add filters.'],
      ['12.feature.md', 'feature', '12', 'Add search.'],
      ['gh-7.bugfix.rst', 'bugfix', 'gh-7', 'Fix crash.'],
      ['removal/40.md', 'removal', '40', 'Drop Python 3.8.'],
      ['web/41.security.md', 'security', '41', 'Escape output.'],
    ]);
    expect(fragmentsBump(entries)).toBe('major');
    expect(problems).toEqual([
      expect.stringMatching(
        /^3\.featur\.md: unknown fragment type "featur" \(valid types: .*feature/,
      ),
    ]);
  });

  it('reports two files for one issue, type and counter', async () => {
    const root = withFragments({ '5.bugfix.md': 'a', '5.bugfix.rst': 'b' });
    const { entries, problems } = await readFragments(root, config);
    expect(entries).toHaveLength(2);
    expect(problems).toEqual(['5.bugfix.rst: same issue, type and counter as 5.bugfix.md']);
  });

  it('treats a missing directory as no fragments', async () => {
    expect(await readFragments(makeTempDir().path, config)).toEqual({ entries: [], problems: [] });
  });
});

describe('addFragment', () => {
  it('writes <issue>.<type>.md and adds counters instead of overwriting', async () => {
    const root = makeTempDir().path;
    const first = await addFragment(root, config, {
      type: 'feature',
      issue: '#0123',
      message: 'Add search.',
    });
    expect(first).toBe(join(root, 'changelog.d', '123.feature.md'));
    expect(readFileSync(first, 'utf8')).toBe('Add search.\n');
    const second = await addFragment(root, config, {
      type: 'feature',
      issue: '123',
      message: 'Add filters.',
    });
    const third = await addFragment(root, config, { type: 'feature', issue: '123' });
    expect([basename(second), basename(third)]).toEqual(['123.feature.1.md', '123.feature.2.md']);
    expect(readFileSync(first, 'utf8')).toBe('Add search.\n');
    expect(readFileSync(third, 'utf8')).toBe(`${fragmentPlaceholder}\n`);
    // No temporary files are left behind.
    expect(readdirSync(join(root, 'changelog.d')).sort()).toEqual([
      '123.feature.1.md',
      '123.feature.2.md',
      '123.feature.md',
    ]);
    const { entries, problems } = await readFragments(root, config);
    expect(problems).toEqual([]);
    expect(entries.map((entry) => entry.text)).toEqual([
      'Add filters.',
      fragmentPlaceholder,
      'Add search.',
    ]);
  });

  it('counts past names taken with another extension', async () => {
    const root = withFragments({ '9.bugfix.rst': 'x' });
    const path = await addFragment(root, config, { type: 'bugfix', issue: '9', message: 'y' });
    expect(basename(path)).toBe('9.bugfix.1.md');
  });

  it('names orphans after the message, or randomly without one', async () => {
    const root = makeTempDir().path;
    const named = await addFragment(root, config, {
      type: 'doc',
      message: 'Explain the config file.',
    });
    const again = await addFragment(root, config, {
      type: 'doc',
      message: 'Explain the config file!',
    });
    const random = await addFragment(root, config, { type: 'misc' });
    expect(basename(named)).toBe('+explain-the-config-file.doc.md');
    expect(basename(again)).toBe('+explain-the-config-file.doc.1.md');
    expect(basename(random)).toMatch(/^\+[0-9a-f]{8}\.misc\.md$/);
    // misc lists issues only, so no placeholder text is written.
    expect(readFileSync(random, 'utf8')).toBe('');
  });

  it('creates many fragments at once without losing one', async () => {
    const root = makeTempDir().path;
    const paths = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        addFragment(root, config, { type: 'bugfix', issue: '1', message: `fix ${index}` }),
      ),
    );
    expect(new Set(paths).size).toBe(20);
    const texts = paths.map((path) => readFileSync(path, 'utf8')).sort();
    expect(texts).toEqual(Array.from({ length: 20 }, (_, index) => `fix ${index}\n`).sort());
  });

  it('rejects unknown types naming the valid ones, and unsafe issues', async () => {
    const root = makeTempDir().path;
    await expect(addFragment(root, config, { type: 'feat', issue: '1' })).rejects.toMatchObject({
      code: 'FRAGMENT_INVALID',
      subject: 'feat',
      message: expect.stringMatching(
        /unknown fragment type "feat"; valid types: .*feature.*bugfix/,
      ),
    });
    await expect(
      addFragment(root, config, { type: 'feature', issue: '../../etc' }),
    ).rejects.toMatchObject({
      code: 'FRAGMENT_INVALID',
    });
    expect(readdirSync(root)).toEqual([]);
  });
});
