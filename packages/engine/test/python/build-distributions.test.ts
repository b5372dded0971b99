import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, isolatedGitEnv, makeTempDir } from '@slipway/test-utils';
import { attestArtifacts, buildDistributions, readPythonProject } from '../../src/index.js';

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

  it('records the build beside the files, and attest puts it into the SLSA provenance', async () => {
    const dir = sampleProject('hatchling', '2.0.0');
    const outDir = join(dir, 'dist');
    const times = ['2026-11-26T10:00:00.000Z', '2026-11-26T10:00:07.000Z'];
    const result = await buildDistributions({
      projectDir: dir,
      outDir,
      version: '2.0.0',
      python: '/usr/bin/python3',
      frontend: 'build',
      noIsolation: true,
      env,
      builderVersion: '9.9.9',
      clock: () => new Date(times.shift() ?? '2026-11-26T11:00:00.000Z'),
    });
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: dir,
      encoding: 'utf8',
    }).trim();
    expect(result.recordPath).toBe(join(outDir, '.slipway-build.json'));
    expect(JSON.parse(readFileSync(result.recordPath, 'utf8'))).toEqual(result.record);
    expect(result.record).toMatchObject({
      builder: { name: 'slipway build', version: '9.9.9' },
      frontend: { command: '/usr/bin/python3 -m build', version: expect.stringMatching(/\d/) },
      backend: {
        name: 'hatchling',
        module: 'hatchling.build',
        version: expect.stringMatching(/^\d/),
      },
      interpreter: { path: '/usr/bin/python3', version: expect.stringMatching(/^Python 3\./) },
      isolated: false,
      sourceDateEpoch: result.sourceDateEpoch,
      commit,
      version: '2.0.0',
      startedOn: '2026-11-26T10:00:00.000Z',
      finishedOn: '2026-11-26T10:00:07.000Z',
      artifacts: result.distributions.map((file) => ({
        filename: file.filename,
        kind: file.kind,
        sha256: file.digest.slice('sha256:'.length),
        size: file.size,
      })),
    });

    const { privateKey } = generateKeyPairSync('ed25519');
    const [attested] = await attestArtifacts({
      artifacts: result.distributions.map((file) => file.path),
      cwd: dir,
      privateKey,
      env,
      outDir: join(dir, 'evidence'),
      toolVersion: '9.9.9',
    });
    const envelope = JSON.parse(
      readFileSync(attested?.intotoPath ?? '', 'utf8').split('\n')[0] ?? '',
    ) as { payload: string };
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as {
      predicate: {
        buildDefinition: { internalParameters: Record<string, unknown> };
        runDetails: { metadata: Record<string, string>; byproducts: unknown[] };
      };
    };
    const { buildDefinition, runDetails } = statement.predicate;
    expect(buildDefinition.internalParameters['build']).toEqual({
      buildType: 'https://slipway.dev/build-types/python-build/v1',
      builder: result.record.builder,
      frontend: result.record.frontend,
      backend: result.record.backend,
      interpreter: result.record.interpreter,
      isolated: false,
      sourceDateEpoch: result.sourceDateEpoch,
    });
    expect(runDetails.metadata).toMatchObject({
      startedOn: '2026-11-26T10:00:00.000Z',
      finishedOn: '2026-11-26T10:00:07.000Z',
    });
    expect(runDetails.byproducts).toEqual([
      {
        name: '.slipway-build.json',
        digest: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
        mediaType: 'application/json',
      },
    ]);
  }, 120_000);

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
