import { describe, expect, it } from 'vitest';
import { detectVersionFiles } from '../../../src/adapters/updaters/index.js';
import { projectDir, ZERO_CONFIG } from './version-files-dir.js';

const dynamicProject = (backend: string, tool: string): string =>
  `[build-system]\nrequires = ["${backend}"]\n\n[project]\nname = "acme"\ndynamic = ["version"]\n\n${tool}\n`;

const UV_LOCK = `version = 1

[[package]]
name = "acme"
version = "1.0.0"
source = { editable = "." }
`;

describe('detectVersionFiles: file-based versions', () => {
  it('PEP 621 static version, the package __init__.py and the project entry of uv.lock', async () => {
    const dir = projectDir({
      'pyproject.toml': '[project]\nname = "Acme"\nversion = "1.0.0"\n',
      'src/acme/__init__.py': '__version__ = "1.0.0"\n',
      'uv.lock': UV_LOCK,
      'package.json': '{ "name": "acme-web", "private": true }\n',
    });
    const detected = await detectVersionFiles(dir, ZERO_CONFIG);
    expect(detected.targets).toEqual([
      { path: 'pyproject.toml', updater: 'pyproject-project' },
      { path: 'src/acme/__init__.py', updater: 'python-version' },
      { path: 'uv.lock', updater: 'uv-lock', projectName: 'Acme' },
    ]);
    expect(detected.tagDerived).toBe(false);
    expect(detected.notes).toEqual(['skipped package.json: no top-level "version" key']);
  });

  it('Hatch: the file named by [tool.hatch.version] path', async () => {
    const dir = projectDir({
      'pyproject.toml': dynamicProject(
        'hatchling',
        '[tool.hatch.version]\npath = "src/acme/__about__.py"',
      ),
      'src/acme/__about__.py': '__version__ = "0.4.0"\n',
      'src/acme/__init__.py': 'from .__about__ import __version__\n',
    });
    const detected = await detectVersionFiles(dir, ZERO_CONFIG);
    expect(detected.targets).toEqual([
      { path: 'src/acme/__about__.py', updater: 'python-version' },
    ]);
    expect(detected.notes).toEqual([
      'skipped src/acme/__init__.py: no module-level __version__ = "…" assignment',
    ]);
  });

  it('setuptools attr: the module in the src layout', async () => {
    const dir = projectDir({
      'pyproject.toml': dynamicProject(
        'setuptools>=64',
        '[tool.setuptools.dynamic]\nversion = { attr = "acme.version.__version__" }',
      ),
      'src/acme/version.py': "__version__ = '2.1.0'\n",
    });
    const detected = await detectVersionFiles(dir, ZERO_CONFIG);
    expect(detected.targets).toEqual([{ path: 'src/acme/version.py', updater: 'python-version' }]);
  });

  it('setuptools attr: the module through package-dir', async () => {
    const dir = projectDir({
      'pyproject.toml': dynamicProject(
        'setuptools',
        '[tool.setuptools]\npackage-dir = { "" = "lib" }\n\n' +
          '[tool.setuptools.dynamic]\nversion = { attr = "acme.__version__" }',
      ),
      'lib/acme/__init__.py': '__version__ = "2.1.0"\n',
    });
    const detected = await detectVersionFiles(dir, ZERO_CONFIG);
    expect(detected.targets).toEqual([{ path: 'lib/acme/__init__.py', updater: 'python-version' }]);
  });

  it('setuptools file: a plain version file through the pattern updater', async () => {
    const dir = projectDir({
      'pyproject.toml': dynamicProject(
        'setuptools',
        '[tool.setuptools.dynamic]\nversion = { file = "VERSION" }',
      ),
      VERSION: '3.0.0\n',
    });
    const detected = await detectVersionFiles(dir, ZERO_CONFIG);
    expect(detected.targets).toEqual([
      { path: 'VERSION', updater: 'pattern', pattern: '{version}' },
    ]);
  });

  it('PDM: source = "file"', async () => {
    const dir = projectDir({
      'pyproject.toml': dynamicProject(
        'pdm-backend',
        '[tool.pdm.version]\nsource = "file"\npath = "acme/_version.py"',
      ),
      'acme/_version.py': '__version__ = "0.9.0"\n',
    });
    const detected = await detectVersionFiles(dir, ZERO_CONFIG);
    expect(detected.targets).toEqual([{ path: 'acme/_version.py', updater: 'python-version' }]);
  });

  it('Poetry: [tool.poetry] version and the flat-layout package', async () => {
    const dir = projectDir({
      'pyproject.toml': '[tool.poetry]\nname = "acme-lib"\nversion = "1.1.0"\n',
      'acme_lib/__init__.py': '__version__ = "1.1.0"\n',
      'poetry.lock': '# not a version file\n',
    });
    const detected = await detectVersionFiles(dir, ZERO_CONFIG);
    expect(detected.targets).toEqual([
      { path: 'pyproject.toml', updater: 'pyproject-poetry' },
      { path: 'acme_lib/__init__.py', updater: 'python-version' },
    ]);
  });

  it('setup.cfg: a static version, or the module its attr names', async () => {
    const staticDir = projectDir({ 'setup.cfg': '[metadata]\nname = acme\nversion = 1.0.0\n' });
    expect((await detectVersionFiles(staticDir, ZERO_CONFIG)).targets).toEqual([
      { path: 'setup.cfg', updater: 'setup-cfg' },
    ]);
    const attrDir = projectDir({
      'setup.cfg':
        '[metadata]\nname = acme\nversion = attr: acme.__version__\n\n[options]\npackage_dir =\n    =src\n',
      'src/acme/__init__.py': '__version__ = "1.0.0"\n',
    });
    expect((await detectVersionFiles(attrDir, ZERO_CONFIG)).targets).toEqual([
      { path: 'src/acme/__init__.py', updater: 'python-version' },
    ]);
  });

  it('the one package under src/ when its import name differs from the project name', async () => {
    const dir = projectDir({
      'pyproject.toml': '[project]\nname = "acme-tools"\nversion = "1.0.0"\n',
      'src/acme/__init__.py': "__version__ = '1.0.0'\n",
    });
    const detected = await detectVersionFiles(dir, ZERO_CONFIG);
    expect(detected.targets).toEqual([
      { path: 'pyproject.toml', updater: 'pyproject-project' },
      { path: 'src/acme/__init__.py', updater: 'python-version' },
    ]);
  });

  it('npm: package.json and package-lock.json', async () => {
    const dir = projectDir({
      'package.json': '{ "name": "acme", "version": "1.0.0" }\n',
      'package-lock.json': '{ "name": "acme", "version": "1.0.0", "lockfileVersion": 3 }\n',
    });
    const detected = await detectVersionFiles(dir, ZERO_CONFIG);
    expect(detected.targets).toEqual([
      { path: 'package.json', updater: 'package-json' },
      { path: 'package-lock.json', updater: 'package-lock' },
    ]);
  });

  it('notes a file named by the build configuration that does not exist', async () => {
    const dir = projectDir({
      'pyproject.toml': dynamicProject(
        'hatchling',
        '[tool.hatch.version]\npath = "src/acme/__about__.py"',
      ),
    });
    const detected = await detectVersionFiles(dir, ZERO_CONFIG);
    expect(detected.targets).toEqual([]);
    expect(detected.notes).toEqual(['skipped src/acme/__about__.py: file not found']);
  });
});

describe('detectVersionFiles: tag-derived versions', () => {
  const cases: [string, string, string][] = [
    [
      'setuptools-scm',
      dynamicProject('setuptools-scm>=8', '[tool.setuptools_scm]'),
      'setuptools-scm',
    ],
    ['setuptools_scm in requires only', dynamicProject('setuptools_scm', ''), 'setuptools-scm'],
    ['hatch-vcs', dynamicProject('hatch-vcs', '[tool.hatch.version]\nsource = "vcs"'), 'hatch vcs'],
    [
      'pdm-backend scm',
      dynamicProject('pdm-backend', '[tool.pdm.version]\nsource = "scm"'),
      'pdm-backend scm',
    ],
    [
      'poetry-dynamic-versioning',
      '[tool.poetry]\nname = "acme"\nversion = "0.0.0"\n\n[tool.poetry-dynamic-versioning]\nenabled = true\n',
      'poetry-dynamic-versioning',
    ],
  ];
  for (const [label, pyproject, tool] of cases) {
    it(label, async () => {
      // The generated _version.py and the lock's entry must not become targets.
      const dir = projectDir({
        'pyproject.toml': pyproject,
        'src/acme/__init__.py': '__version__ = "0.0.0"\n',
        'uv.lock': UV_LOCK,
      });
      const detected = await detectVersionFiles(dir, ZERO_CONFIG);
      expect(detected).toEqual({
        targets: [],
        tagDerived: true,
        notes: [`tag-derived: no file to update (${tool})`],
      });
    });
  }

  it('a static version with setuptools-scm installed is not tag-derived', async () => {
    const dir = projectDir({
      'pyproject.toml':
        '[build-system]\nrequires = ["setuptools-scm"]\n\n[project]\nname = "acme"\nversion = "1.0"\n',
    });
    const detected = await detectVersionFiles(dir, ZERO_CONFIG);
    expect(detected.tagDerived).toBe(false);
    expect(detected.targets).toEqual([{ path: 'pyproject.toml', updater: 'pyproject-project' }]);
  });
});
