import type * as FsPromises from 'node:fs/promises';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanupTempDirs, makeTempDir } from '@slipway/test-utils';
import { defaultFragmentTypes } from '@slipway/core';
import { addFragment } from '../../src/features/fragments/add-fragment.js';

// A file system without hard links (FAT, some FUSE mounts) answers link() with EPERM.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  return {
    ...actual,
    link: () =>
      Promise.reject(Object.assign(new Error('operation not permitted'), { code: 'EPERM' })),
  };
});

afterEach(() => cleanupTempDirs());

const config = {
  directory: 'news',
  types: defaultFragmentTypes,
  orphanPrefix: '+',
  extension: 'md',
};

describe('addFragment without hard links', () => {
  it('falls back to exclusive creation and still never overwrites', async () => {
    const root = makeTempDir().path;
    const first = await addFragment(root, config, { type: 'bugfix', issue: '4', message: 'one' });
    const second = await addFragment(root, config, { type: 'bugfix', issue: '4', message: 'two' });
    expect([basename(first), basename(second)]).toEqual(['4.bugfix.md', '4.bugfix.1.md']);
    expect(readFileSync(first, 'utf8')).toBe('one\n');
    expect(readFileSync(second, 'utf8')).toBe('two\n');
    expect(readdirSync(join(root, 'news')).sort()).toEqual(['4.bugfix.1.md', '4.bugfix.md']);
  });
});
