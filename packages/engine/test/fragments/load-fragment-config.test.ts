import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, makeTempDir } from '@slipway/test-utils';
import { loadFragmentConfig } from '@slipway/engine';

afterEach(() => cleanupTempDirs());

function project(files: Record<string, string>): string {
  const { path } = makeTempDir();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(path, name, '..'), { recursive: true });
    writeFileSync(join(path, name), text);
  }
  return path;
}

function keysOf(types: readonly { key: string }[]): string[] {
  return types.map((type) => type.key);
}

describe('loadFragmentConfig', () => {
  it('defaults to towncrier’s newsfragments directory and Slipway’s types', async () => {
    const loaded = await loadFragmentConfig(project({}));
    expect(loaded.source).toBeNull();
    expect(loaded.towncrier).toBeNull();
    expect(loaded.config.directory).toBe('newsfragments');
    expect(loaded.config.extension).toBe('md');
    expect(keysOf(loaded.config.types)).toEqual(
      expect.arrayContaining([
        'feature',
        'bugfix',
        'doc',
        'removal',
        'misc',
        'breaking',
        'deprecation',
        'security',
        'perf',
      ]),
    );
  });

  it('reads [fragments] from slipway.toml', async () => {
    const root = project({
      'slipway.toml': [
        '[fragments]',
        'directory = "changelog.d"',
        'orphan-prefix = "~"',
        '[fragments.types]',
        'doc = "none"',
        'feature = "major"',
        'installation = { bump = "patch", title = "Installation", show-content = false }',
      ].join('\n'),
    });
    const { config, source } = await loadFragmentConfig(root);
    expect(source).toBe('slipway.toml');
    expect(config.directory).toBe('changelog.d');
    expect(config.orphanPrefix).toBe('~');
    expect(config.types.find((t) => t.key === 'doc')?.bump).toBeNull();
    expect(config.types.find((t) => t.key === 'feature')?.bump).toBe('major');
    expect(config.types.find((t) => t.key === 'installation')).toEqual({
      key: 'installation',
      title: 'Installation',
      showContent: false,
      bump: 'patch',
    });
  });

  it('reads [tool.slipway.fragments] from pyproject.toml', async () => {
    const root = project({ 'pyproject.toml': '[tool.slipway.fragments]\ndirectory = "news"\n' });
    const { config, source } = await loadFragmentConfig(root);
    expect(source).toBe('pyproject.toml');
    expect(config.directory).toBe('news');
  });

  it('names the file, key and value of an invalid section', async () => {
    const root = project({ 'slipway.toml': '[fragments.types]\nfeature = "huge"\n' });
    await expect(loadFragmentConfig(root)).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringMatching(/slipway\.toml.*fragments.*feature/s),
    });
    const typo = project({ 'slipway.toml': '[fragments]\ndirectry = "x"\n' });
    await expect(loadFragmentConfig(typo)).rejects.toThrow(/directory/);
  });

  it('honours [tool.towncrier] with package defaults and custom types', async () => {
    const root = project({
      'pyproject.toml': [
        '[tool.towncrier]',
        'package = "example"',
        'package_dir = "src"',
        'filename = "CHANGES.md"',
        '[[tool.towncrier.type]]',
        'directory = "feature"',
        'name = "New Features"',
        'showcontent = true',
        '[[tool.towncrier.type]]',
        'directory = "trivial"',
        'name = "Trivial"',
        'showcontent = false',
        '[tool.slipway.fragments.types]',
        'trivial = "none"',
        'unknown = "major"',
      ].join('\n'),
    });
    const loaded = await loadFragmentConfig(root);
    expect(loaded.source).toBe('pyproject.toml');
    expect(loaded.config.directory).toBe('src/example/newsfragments');
    expect(loaded.config.extension).toBe('md');
    expect(loaded.towncrier).toEqual({
      filename: 'CHANGES.md',
      marker: '<!-- towncrier release notes start -->',
    });
    expect(loaded.config.types).toEqual([
      { key: 'feature', title: 'New Features', showContent: true, bump: 'minor' },
      { key: 'trivial', title: 'Trivial', showContent: false, bump: null },
    ]);
  });

  it('prefers towncrier.toml, with towncrier’s rst defaults', async () => {
    const root = project({
      'towncrier.toml':
        '[tool.towncrier]\ndirectory = "changes"\n[tool.towncrier.fragment.feature]\n[tool.towncrier.fragment.misc]\nshowcontent = false\n',
      'pyproject.toml': '[tool.towncrier]\ndirectory = "ignored"\n',
    });
    const loaded = await loadFragmentConfig(root);
    expect(loaded.source).toBe('towncrier.toml');
    expect(loaded.config.directory).toBe('changes');
    expect(loaded.config.extension).toBe('rst');
    expect(loaded.towncrier).toEqual({
      filename: 'NEWS.rst',
      marker: '.. towncrier release notes start',
    });
    expect(keysOf(loaded.config.types)).toEqual(['feature', 'misc']);
    expect(loaded.config.types[1]).toMatchObject({ showContent: false, bump: 'patch' });
  });

  it('uses newsfragments beside the config when towncrier has no package', async () => {
    const root = project({
      'pyproject.toml': '[tool.towncrier]\nfilename = "NEWS.md"\nignore = ["*.txt"]\n',
    });
    const { config } = await loadFragmentConfig(root);
    expect(config.directory).toBe('newsfragments');
    expect(config.ignore).toEqual(['*.txt']);
    expect(keysOf(config.types)).toContain('breaking');
  });
});
