import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isolatedGitEnv, makeTempDir } from '@slipway/test-utils';
import { runBuiltCli, runBuiltCliAsync } from './run-built-cli.js';
import { startBuiltServer } from './serve-built-cli.js';

const adminToken = 'slw_test-admin-token-for-python-publishing';
const dirs: { cleanup(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.cleanup()));

/** A committed hatchling project (sample-cli 1.0.0) and a HOME of its own. */
function sampleProject(): { project: string; home: string } {
  const dir = makeTempDir('slipway-cli-python-');
  dirs.push(dir);
  const project = join(dir.path, 'project');
  mkdirSync(join(project, 'sample_cli'), { recursive: true });
  writeFileSync(join(project, 'sample_cli', '__init__.py'), '__version__ = "1.0.0"\n');
  writeFileSync(
    join(project, 'pyproject.toml'),
    '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n[project]\nname = "sample-cli"\nversion = "1.0.0"\nrequires-python = ">=3.8"\n',
  );
  const git = (...args: string[]): void => {
    execFileSync('git', args, { cwd: project, env: { ...process.env, ...isolatedGitEnv() } });
  };
  git('init', '-q');
  git('add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'feat: sample');
  const home = join(dir.path, 'home');
  mkdirSync(home);
  return { project, home };
}

const buildArgs = ['--no-isolation', '--frontend', 'build', '--python', '/usr/bin/python3'];

describe('slipway build and publish (built CLI)', () => {
  it('builds wheel and sdist, refuses another version, publishes with --skip-existing and .pypirc', async () => {
    const { project, home } = sampleProject();
    const env = { HOME: home };
    const refused = runBuiltCli(['build', '--release-version', '2.0.0', ...buildArgs], {
      cwd: project,
      env,
    });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('has version 1.0.0, but the release version is 2.0.0');

    const built = runBuiltCli(['build', '--release-version', '1.0.0', ...buildArgs, '--json'], {
      cwd: project,
      env,
    });
    expect(built.status, built.stderr).toBe(0);
    const report = JSON.parse(built.stdout) as {
      backend: string;
      sourceDateEpoch: string;
      artifacts: { filename: string; kind: string }[];
    };
    expect(report.backend).toBe('hatchling');
    expect(report.sourceDateEpoch).toMatch(/^\d+$/);
    expect(report.artifacts.map((file) => [file.filename, file.kind])).toEqual([
      ['sample_cli-1.0.0-py3-none-any.whl', 'wheel'],
      ['sample_cli-1.0.0.tar.gz', 'sdist'],
    ]);

    // --register: the built files become artifacts of the service (embedded control plane here).
    const embedded = join(home, 'embedded');
    expect(
      runBuiltCli(['service', 'add', 'sample-cli', '--data-dir', embedded], { cwd: project, env })
        .status,
    ).toBe(0);
    const registered = runBuiltCli(
      [
        'build',
        '--release-version',
        '1.0.0',
        ...buildArgs,
        '--register',
        '--data-dir',
        embedded,
        '--json',
      ],
      { cwd: project, env },
    );
    expect(registered.status, registered.stderr).toBe(0);
    const registeredReport = JSON.parse(registered.stdout) as {
      registered: string[];
      build: { digest: string; registered: string; record: { backend: { name: string } } };
    };
    const digests = registeredReport.registered;
    expect(digests).toHaveLength(2);
    // The build record is kept too, content-addressed, as a file of the same version.
    expect(registeredReport.build.registered).toBe(registeredReport.build.digest);
    expect(registeredReport.build.record.backend.name).toBe('hatchling');
    const listed = runBuiltCli(
      ['artifact', 'list', '--service', 'sample-cli', '--data-dir', embedded, '--json'],
      {
        cwd: project,
        env,
      },
    );
    expect(listed.stdout).toContain(digests[0]);
    expect(listed.stdout).toContain('sample-cli-1.0.0.slipway-build.json');

    const dataDir = join(home, 'data');
    const server = await startBuiltServer(dataDir, {
      SLIPWAY_ADMIN_TOKEN: adminToken,
      SLIPWAY_DATABASE_URL: undefined,
    });
    try {
      const url = `${server.url}/legacy/`;
      const publish = (args: string[]) =>
        runBuiltCliAsync(['publish', ...args], { cwd: project, env });
      const first = await publish(['--repository-url', url, '-p', adminToken, '--json']);
      expect(first.status, first.stderr).toBe(0);
      const uploaded = JSON.parse(first.stdout) as { files: { outcome: string }[] };
      expect(uploaded.files.map((file) => file.outcome)).toEqual(['uploaded', 'uploaded']);
      const again = await publish(['--repository-url', url, '-p', adminToken]);
      expect(again.status).not.toBe(0);
      expect(again.stderr).toContain('File already exists');
      writeFileSync(
        join(home, '.pypirc'),
        `[distutils]\nindex-servers = local\n\n[local]\nrepository = ${url}\nusername = __token__\npassword = ${adminToken}\n`,
      );
      const skipped = await publish(['-r', 'local', '--skip-existing']);
      expect(skipped.status, skipped.stderr).toBe(0);
      expect(skipped.stdout).toContain('skipped (exists) sample_cli-1.0.0-py3-none-any.whl');

      // PEP 592: `slipway index yank|unyank` on the server.
      const index = (args: string[]) =>
        runBuiltCliAsync(['index', ...args], {
          cwd: project,
          env: { ...env, SLIPWAY_SERVER: server.url, SLIPWAY_TOKEN: adminToken },
        });
      const yanked = await index([
        'yank',
        'Sample_CLI',
        '1.0.0',
        '--reason',
        'bad build',
        '--json',
      ]);
      expect(yanked.status, yanked.stderr).toBe(0);
      expect(
        (JSON.parse(yanked.stdout) as { files: { yanked: unknown }[] }).files.map((f) => f.yanked),
      ).toEqual(['bad build', 'bad build']);
      const page = async () => (await fetch(`${server.url}/simple/sample-cli/`)).text();
      expect(await page()).toContain('data-yanked="bad build"');
      const unyanked = await index(['unyank', 'sample-cli', 'sample_cli-1.0.0.tar.gz']);
      expect(unyanked.stdout).toContain('unyanked sample_cli-1.0.0.tar.gz');
      expect((await page()).match(/data-yanked/g)).toHaveLength(1);
      const missing = await index(['yank', 'sample-cli', '3.0.0']);
      expect(missing.status).not.toBe(0);
      expect(missing.stderr).toContain('project sample-cli has no version or file 3.0.0');
    } finally {
      await server.stop();
    }
  }, 120_000);
});
