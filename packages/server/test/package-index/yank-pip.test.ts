import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '@slipway/test-utils';
import type { TempDir } from '@slipway/test-utils';
import { isSlipwayError } from '@slipway/core';
import { HttpControlPlane } from '@slipway/engine';
import { startServer } from '@slipway/server';
import type { RunningServer } from '@slipway/server';
import {
  buildProject,
  pythonEnv,
  runClient,
  systemPython,
  systemTwine,
  writeProject,
} from './python-projects.js';
import type { RunResult } from './python-projects.js';

/**
 * PEP 592 with the real pip: a yanked version is not what `pip install project` picks, but an
 * exact `==` pin still installs it (with the reason as a warning); unyanking takes that back.
 */
describe('yanking in the package index, with pip', () => {
  let dir: TempDir;
  let server: RunningServer;
  let token: string;
  let venv: string;

  beforeAll(async () => {
    dir = makeTempDir('slipway-yank-');
    server = await startServer({
      port: 0,
      dataDir: join(dir.path, 'data'),
      env: { PATH: process.env['PATH'] ?? '' },
    });
    token = server.bootstrapToken ?? '';
    for (const version of ['1.0.0', '1.1.0']) {
      const project = join(dir.path, `src-${version}`);
      const out = join(dir.path, 'dist', version);
      writeProject(project, 'hatchling', 'sample-yank', version);
      buildProject(project, out, dir.path);
      const upload = await runClient(
        systemTwine,
        [
          'upload',
          '--repository-url',
          `${server.url}/legacy/`,
          '-u',
          '__token__',
          '-p',
          token,
          ...readdirSync(out).map((file) => join(out, file)),
        ],
        pythonEnv(dir.path),
      );
      expect(upload.status, upload.output).toBe(0);
    }
    venv = join(dir.path, 'venv');
    execFileSync(systemPython, ['-m', 'venv', venv], { env: pythonEnv(dir.path) });
  }, 120_000);

  afterAll(async () => {
    await server.close();
    dir.cleanup();
  });

  const pip = (args: readonly string[]): Promise<RunResult> =>
    runClient(join(venv, 'bin', 'pip'), args, pythonEnv(dir.path));
  const install = (requirement: string): Promise<RunResult> =>
    pip([
      'install',
      '--no-cache-dir',
      '--force-reinstall',
      '--index-url',
      `${server.url}/simple/`,
      requirement,
    ]);

  it('skips a yanked version unless it is pinned with ==, and shows the reason', async () => {
    const controlPlane = new HttpControlPlane({ url: server.url, token });
    const yanked = await controlPlane.packageIndex.yank(
      { project: 'Sample_Yank', target: '1.1.0', reason: 'corrupts the cache' },
      { actor: 'ignored' },
    );
    expect(yanked.map((file) => [file.filename, file.yanked])).toEqual([
      ['sample_yank-1.1.0-py3-none-any.whl', 'corrupts the cache'],
      ['sample_yank-1.1.0.tar.gz', 'corrupts the cache'],
    ]);
    const html = await (await fetch(`${server.url}/simple/sample-yank/`)).text();
    expect(html).toContain('data-yanked="corrupts the cache"');
    const json = (await (
      await fetch(`${server.url}/simple/sample-yank/`, {
        headers: { accept: 'application/vnd.pypi.simple.v1+json' },
      })
    ).json()) as { files: { filename: string; yanked: unknown }[] };
    expect(json.files.map((file) => [file.filename, file.yanked])).toContainEqual([
      'sample_yank-1.1.0.tar.gz',
      'corrupts the cache',
    ]);

    const latest = await install('sample-yank');
    expect(latest.output).toContain('Successfully installed sample-yank-1.0.0');
    const pinned = await install('sample-yank==1.1.0');
    expect(pinned.output).toContain('Successfully installed sample-yank-1.1.0');
    expect(pinned.output).toContain('corrupts the cache');

    const events = await controlPlane.listEvents({ type: 'package.yanked' });
    expect(events.events).toMatchObject([
      {
        subject: 'package:sample-yank',
        actor: expect.stringMatching(/^token:/),
        payload: { versions: ['1.1.0'], reason: 'corrupts the cache' },
      },
    ]);

    await controlPlane.packageIndex.unyank(
      { project: 'sample-yank', target: '1.1.0' },
      { actor: 'ignored' },
    );
    expect(await (await fetch(`${server.url}/simple/sample-yank/`)).text()).not.toContain(
      'data-yanked',
    );
    expect((await install('sample-yank')).output).toContain(
      'Successfully installed sample-yank-1.1.0',
    );
  }, 120_000);

  it('needs a releaser token to yank', async () => {
    const admin = new HttpControlPlane({ url: server.url, token });
    const { secret } = await admin.createToken({ role: 'developer' }, { actor: 'ignored' });
    const developer = new HttpControlPlane({ url: server.url, token: secret });
    const refused = await developer.packageIndex
      .yank({ project: 'sample-yank', target: '1.0.0' }, { actor: 'ignored' })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(isSlipwayError(refused) && refused.code).toBe('FORBIDDEN');
    const missing = await admin.packageIndex
      .yank({ project: 'sample-yank', target: '9.9.9' }, { actor: 'ignored' })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(isSlipwayError(missing) && missing.code).toBe('NOT_FOUND');
  });
});
