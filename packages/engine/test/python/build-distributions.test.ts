import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, isolatedGitEnv, makeTempDir } from '@slipway/test-utils';
import { buildDistributions, readPythonProject } from '../../src/index.js';

afterEach(() => cleanupTempDirs());

const env = { PATH: '/usr/bin:/bin', HOME: '/nonexistent', LANG: 'C.UTF-8' };

function sampleProject(backend: 'hatchling' | 'setuptools', version: string): string {
  const dir = makeTempDir('slipway-build-').path;
  mkdirSync(join(dir, 'src', 'sample_pkg'), { recursive: true });
  writeFileSync(join(dir, 'src', 'sample_pkg', '__init__.py'), `__version__ = "${version}"\n`);
  const buildSystem =
    backend === 'hatchling'
      ? 'requires = ["hatchling"]\nbuild-backend = "hatchling.build"\n'
      : 'requires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n';
  const tool =
    backend === 'hatchling'
      ? '[tool.hatch.build.targets.wheel]\npackages = ["src/sample_pkg"]\n'
      : '[tool.setuptools.packages.find]\nwhere = ["src"]\n';
  writeFileSync(
    join(dir, 'pyproject.toml'),
    `[build-system]\n${buildSystem}\n[project]\nname = "sample-pkg"\nversion = "${version}"\n\n${tool}`,
  );
  const git = (...args: string[]): void => {
    execFileSync('git', args, { cwd: dir, env: { ...env, ...isolatedGitEnv() } });
  };
  git('init', '-q');
  git('add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'feat: sample');
  return dir;
}

describe('slipway build with Debian’s python -m build', () => {
  it('detects the backend from [build-system]', () => {
    expect(
      readPythonProject('[build-system]\nbuild-backend = "pdm.backend"\n[project]\nname = "x"\n'),
    ).toEqual({
      buildBackend: 'pdm.backend',
      backendName: 'pdm-backend',
      name: 'x',
    });
    expect(readPythonProject('[tool.poetry]\nname = "p"\n').backendName).toBe('setuptools');
    expect(
      readPythonProject('[build-system]\nbuild-backend = "flit_core.buildapi"\n').backendName,
    ).toBe('flit-core');
  });

  it.each(['hatchling', 'setuptools'] as const)(
    'builds wheel and sdist with %s, reproducibly from the commit time',
    async (backend) => {
      const dir = sampleProject(backend, '1.2.0');
      const outDir = join(dir, 'dist');
      const options = {
        projectDir: dir,
        outDir,
        version: '1.2.0',
        python: '/usr/bin/python3',
        frontend: 'build',
        noIsolation: true,
        env,
      } as const;
      const first = await buildDistributions(options);
      expect(first.project.backendName).toBe(backend);
      expect(first.sourceDateEpoch).toMatch(/^\d+$/);
      expect(first.distributions.map((file) => [file.kind, file.version])).toEqual([
        ['wheel', '1.2.0'],
        ['sdist', '1.2.0'],
      ]);
      const again = await buildDistributions(options);
      const wheel = (result: typeof first) =>
        result.distributions.find((file) => file.kind === 'wheel')?.digest;
      expect(wheel(again)).toBe(wheel(first));
    },
    120_000,
  );

  it('refuses a build whose version is not the release version and leaves nothing', async () => {
    const dir = sampleProject('hatchling', '1.2.0');
    const outDir = join(dir, 'dist');
    await expect(
      buildDistributions({
        projectDir: dir,
        outDir,
        version: '1.3.0',
        python: '/usr/bin/python3',
        frontend: 'build',
        noIsolation: true,
        env,
      }),
    ).rejects.toThrow(/has version 1\.2\.0, but the release version is 1\.3\.0/);
    expect(existsSync(outDir) ? readdirSync(outDir) : []).toEqual([]);
  }, 120_000);
});
