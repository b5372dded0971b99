import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSlipwayError } from '@slipway/core';
import { describe, expect, it } from 'vitest';
import { applyVersionUpdates, detectVersionFiles } from '../../../src/adapters/updaters/index.js';
import { versionFilesConfigSchema } from '../../../src/config/sections/version-files.js';
import { VERSION } from './run-updater-fixtures.js';
import { projectDir, ZERO_CONFIG } from './version-files-dir.js';

describe('detectVersionFiles with configured entries', () => {
  it('adds a configured path and a pattern entry to what detection found', async () => {
    const dir = projectDir({
      'pyproject.toml': '[project]\nname = "acme"\nversion = "1.0.0"\n',
      'docs/conf.py': 'release = "1.0.0"\n',
      'src/acme/cli.py': '__version__ = "1.0.0"\n',
    });
    const config = versionFilesConfigSchema.parse({
      'version-files': [
        './src/acme/cli.py',
        'pyproject.toml',
        { path: 'docs/conf.py', pattern: 'release = "{version}"' },
      ],
    });
    const detected = await detectVersionFiles(dir, config);
    expect(detected.targets).toEqual([
      { path: 'pyproject.toml', updater: 'pyproject-project' },
      { path: 'src/acme/cli.py', updater: 'python-version' },
      { path: 'docs/conf.py', updater: 'pattern', pattern: 'release = "{version}"' },
    ]);
  });

  it('a configured pattern takes over the detected updater of its file', async () => {
    const dir = projectDir({
      'pyproject.toml': '[project]\nname = "acme"\nversion = "1.0.0"\n',
      'src/acme/__init__.py': '__version__ = "1.0.0"\n',
    });
    const detected = await detectVersionFiles(dir, {
      versionFiles: [{ path: 'src/acme/__init__.py', pattern: '__version__ = "{version}"' }],
      detectVersionFiles: true,
    });
    expect(detected.targets).toEqual([
      { path: 'pyproject.toml', updater: 'pyproject-project' },
      { path: 'src/acme/__init__.py', updater: 'pattern', pattern: '__version__ = "{version}"' },
    ]);
  });

  it('with detection off, only configured entries; a Poetry pyproject gets the Poetry updater', async () => {
    const dir = projectDir({
      'pyproject.toml': '[tool.poetry]\nname = "acme"\nversion = "1.0.0"\n',
      'package.json': '{ "version": "1.0.0" }\n',
      'uv.lock': 'version = 1\n',
    });
    const detected = await detectVersionFiles(dir, {
      versionFiles: [{ path: 'pyproject.toml' }, { path: 'uv.lock' }],
      detectVersionFiles: false,
    });
    expect(detected).toEqual({
      targets: [
        { path: 'pyproject.toml', updater: 'pyproject-poetry' },
        { path: 'uv.lock', updater: 'uv-lock', projectName: 'acme' },
      ],
      tagDerived: false,
      notes: [],
    });
  });

  it('keeps configured entries when the version is tag-derived', async () => {
    const dir = projectDir({
      'pyproject.toml':
        '[build-system]\nrequires = ["hatch-vcs"]\n[project]\nname = "acme"\ndynamic = ["version"]\n' +
        '[tool.hatch.version]\nsource = "vcs"\n',
    });
    const config = versionFilesConfigSchema.parse({
      'version-files': [{ path: 'chart/Chart.yaml', pattern: 'appVersion: "{version}"' }],
    });
    const detected = await detectVersionFiles(dir, config);
    expect(detected.tagDerived).toBe(true);
    expect(detected.targets).toEqual([
      { path: 'chart/Chart.yaml', updater: 'pattern', pattern: 'appVersion: "{version}"' },
    ]);
  });
});

describe('applyVersionUpdates', () => {
  it('applies several targets to one file in order and returns only changed files', () => {
    const pyproject = '[project]\nversion = "1.0"\n\n[tool.poetry]\nversion = "1.0"\n';
    const files = new Map([
      ['pyproject.toml', pyproject],
      ['package.json', '{ "version": "2.0.0-rc.1" }\n'],
    ]);
    const changed = applyVersionUpdates(
      files,
      [
        { path: 'pyproject.toml', updater: 'pyproject-project' },
        { path: 'pyproject.toml', updater: 'pyproject-poetry' },
        { path: 'package.json', updater: 'package-json' },
      ],
      VERSION,
    );
    expect(changed).toEqual(
      new Map([['pyproject.toml', pyproject.replaceAll('"1.0"', '"2.0.0rc1"')]]),
    );
  });

  it('names a target whose file was not given', () => {
    const run = (): unknown =>
      applyVersionUpdates(new Map(), [{ path: 'setup.cfg', updater: 'setup-cfg' }], VERSION);
    expect(run).toThrow('setup.cfg: file not found');
  });

  it('detects, reads and updates a Hatch project end to end', async () => {
    const dir = projectDir({
      'pyproject.toml':
        '[project]\nname = "acme"\ndynamic = ["version"]\n\n[tool.hatch.version]\npath = "src/acme/__about__.py"\n',
      'src/acme/__about__.py': '# SPDX-License-Identifier: MIT\n__version__ = "0.4.0"\n',
    });
    const { targets } = await detectVersionFiles(dir, ZERO_CONFIG);
    const files = new Map(targets.map((t) => [t.path, readFileSync(join(dir, t.path), 'utf8')]));
    expect(applyVersionUpdates(files, targets, VERSION)).toEqual(
      new Map([
        ['src/acme/__about__.py', '# SPDX-License-Identifier: MIT\n__version__ = "2.0.0rc1"\n'],
      ]),
    );
  });

  it('refuses a pyproject.toml whose version is dynamic, with the tag-derived hint', () => {
    const files = new Map([['pyproject.toml', '[project]\nname = "a"\ndynamic = ["version"]\n']]);
    try {
      applyVersionUpdates(
        files,
        [{ path: 'pyproject.toml', updater: 'pyproject-project' }],
        VERSION,
      );
      expect.unreachable();
    } catch (error) {
      expect(isSlipwayError(error) && error.hint).toContain('slipway describe');
    }
  });
});

describe('version-files configuration', () => {
  const issues = (input: unknown): string[] => {
    const result = versionFilesConfigSchema.safeParse(input);
    return result.success
      ? []
      : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('defaults to detection with no configured files', () => {
    expect(versionFilesConfigSchema.parse({})).toEqual({
      versionFiles: [],
      detectVersionFiles: true,
    });
  });

  it('reads strings and pattern entries into one camelCase shape', () => {
    expect(
      versionFilesConfigSchema.parse({
        'version-files': [
          'src/acme/__init__.py',
          { path: 'docs/conf.py', pattern: 'release = "{version}"' },
        ],
        'detect-version-files': false,
      }),
    ).toEqual({
      versionFiles: [
        { path: 'src/acme/__init__.py' },
        { path: 'docs/conf.py', pattern: 'release = "{version}"' },
      ],
      detectVersionFiles: false,
    });
  });

  it('rejects an unknown file without a pattern, a pattern without {version} and paths outside', () => {
    expect(issues({ 'version-files': ['docs/conf.txt'] })[0]).toMatch(
      /^version-files\.0: needs a pattern/,
    );
    expect(issues({ 'version-files': [{ path: 'a.txt', pattern: 'v1' }] })).toEqual([
      'version-files.0.pattern: must contain {version}',
    ]);
    expect(issues({ 'version-files': ['../other/setup.cfg'] })).toEqual([
      'version-files.0: must stay inside the package directory (no "..")',
    ]);
    expect(issues({ 'version-files': ['/abs/setup.cfg'] })).toEqual([
      'version-files.0: must be relative to the package directory',
    ]);
  });
});
