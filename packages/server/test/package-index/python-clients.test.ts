import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '@slipway/test-utils';
import type { TempDir } from '@slipway/test-utils';
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
 * Real clients against a real `slipway serve`: projects built by Debian's `python -m build`
 * (hatchling and setuptools), uploaded by twine, installed by pip from a promotion channel.
 */
describe('the package index with twine and pip', () => {
  let dir: TempDir;
  let server: RunningServer;
  let token: string;
  let dist: string;
  const files: Record<string, string[]> = {};

  beforeAll(async () => {
    dir = makeTempDir('slipway-pyindex-');
    dist = join(dir.path, 'dist');
    for (const version of ['1.0.0', '1.1.0']) {
      const project = join(dir.path, `hatch-${version}`);
      writeProject(project, 'hatchling', 'sample-hatch', version);
      files[`hatch-${version}`] = buildProject(project, join(dist, `hatch-${version}`), dir.path);
    }
    const setuptools = join(dir.path, 'setup');
    writeProject(setuptools, 'setuptools', 'Sample_Setup', '2.0.0');
    files['setup'] = buildProject(setuptools, join(dist, 'setup'), dir.path);
    server = await startServer({
      port: 0,
      dataDir: join(dir.path, 'data'),
      env: { PATH: process.env['PATH'] ?? '' },
    });
    token = server.bootstrapToken ?? '';
  }, 120_000);

  afterAll(async () => {
    await server.close();
    dir.cleanup();
  });

  function twine(args: readonly string[]): Promise<RunResult> {
    return runClient(
      systemTwine,
      [
        'upload',
        '--repository-url',
        `${server.url}/legacy/`,
        '-u',
        '__token__',
        '-p',
        token,
        ...args,
      ],
      pythonEnv(dir.path),
    );
  }

  it('builds a wheel and an sdist with each backend', () => {
    expect(files['hatch-1.0.0']).toEqual([
      'sample_hatch-1.0.0-py3-none-any.whl',
      'sample_hatch-1.0.0.tar.gz',
    ]);
    // setuptools 66 keeps the name's spelling; the index normalizes it.
    expect(files['setup']).toEqual([
      'Sample_Setup-2.0.0-py3-none-any.whl',
      'Sample_Setup-2.0.0.tar.gz',
    ]);
  });

  it('takes twine uploads, refuses the same file again as --skip-existing expects', async () => {
    for (const build of ['hatch-1.0.0', 'hatch-1.1.0', 'setup']) {
      const upload = await twine(paths(join(dist, build)));
      expect(upload.output).not.toMatch(/error/i);
      expect(upload.status).toBe(0);
    }
    const again = await twine(paths(join(dist, 'hatch-1.0.0')));
    expect(again.status).not.toBe(0);
    expect(again.output).toContain('File already exists');
    const skipping = await twine(['--skip-existing', ...paths(join(dist, 'hatch-1.0.0'))]);
    expect(skipping.status).toBe(0);
    expect(skipping.output).toMatch(/Skipping sample_hatch-1\.0\.0/);
  });

  it('registers the uploads as artifacts of the service of the normalized name', async () => {
    const controlPlane = new HttpControlPlane({ url: server.url, token });
    const service = await controlPlane.getService('sample-setup');
    expect(service.lifecycle).toEqual(['dev', 'staging', 'prod']);
    const artifacts = await controlPlane.listArtifacts({ service: 'sample-hatch' });
    expect(artifacts.map((artifact) => [artifact.name, artifact.kind, artifact.stored])).toEqual(
      expect.arrayContaining([
        ['sample_hatch-1.0.0-py3-none-any.whl', 'wheel', true],
        ['sample_hatch-1.0.0.tar.gz', 'sdist', true],
      ]),
    );
    const wheel = readFileSync(join(dist, 'hatch-1.0.0', 'sample_hatch-1.0.0-py3-none-any.whl'));
    const digest = `sha256:${createHash('sha256').update(wheel).digest('hex')}`;
    expect(artifacts.find((artifact) => artifact.digest === digest)?.version).toBe('1.0.0');
  });

  it('serves PEP 691 JSON and PEP 503 HTML, redirecting other spellings', async () => {
    const json = await fetch(`${server.url}/simple/sample-hatch/`, {
      headers: { accept: 'application/vnd.pypi.simple.v1+json' },
    });
    expect(json.headers.get('content-type')).toMatch(
      /^application\/vnd\.pypi\.simple\.v1\+json(;|$)/,
    );
    const page = (await json.json()) as {
      versions: string[];
      files: { filename: string; 'core-metadata': unknown; 'requires-python': string }[];
    };
    expect(page.versions).toEqual(['1.0.0', '1.1.0']);
    const wheelEntry = page.files.find((file) => file.filename.endsWith('1.0.0-py3-none-any.whl'));
    expect(wheelEntry?.['requires-python']).toBe('>=3.8');
    expect(wheelEntry?.['core-metadata']).toMatchObject({
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(JSON.stringify(page)).not.toContain('dist-info-metadata');
    const html = await fetch(`${server.url}/simple/sample-hatch/`);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await html.text()).toContain('data-requires-python="&gt;=3.8"');
    const redirect = await fetch(`${server.url}/simple/Sample_Setup/`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/simple/sample-setup/');
  });

  it('installs in a fresh venv exactly what was promoted to staging, hashes checked', async () => {
    const controlPlane = new HttpControlPlane({ url: server.url, token });
    const actor = { actor: 'test' };
    for (const version of ['1.0.0', '1.1.0']) {
      const artifacts = await controlPlane.listArtifacts({ service: 'sample-hatch', version });
      const digests = artifacts.map((artifact) => artifact.digest);
      await controlPlane.createRelease(
        { service: 'sample-hatch', version, artifacts: digests },
        actor,
      );
    }
    await controlPlane.deploy({ service: 'sample-hatch', environment: 'dev', ref: '1.0.0' }, actor);
    await controlPlane.promote({ service: 'sample-hatch', from: 'dev', to: 'staging' }, actor);
    await controlPlane.deploy({ service: 'sample-hatch', environment: 'dev', ref: '1.1.0' }, actor);

    const venv = join(dir.path, 'venv');
    execFileSync(systemPython, ['-m', 'venv', venv], { env: pythonEnv(dir.path) });
    const pip = (args: readonly string[]): Promise<RunResult> =>
      runClient(join(venv, 'bin', 'pip'), args, pythonEnv(dir.path));
    const staging = `${server.url}/envs/staging/simple/`;
    const installed = await pip([
      'install',
      '--no-cache-dir',
      '--index-url',
      staging,
      'sample-hatch==1.0.0',
    ]);
    expect(installed.output).toContain('Successfully installed sample-hatch-1.0.0');
    const version = execFileSync(
      join(venv, 'bin', 'python'),
      ['-c', 'import sample_hatch; print(sample_hatch.__version__)'],
      {
        encoding: 'utf8',
      },
    );
    expect(version.trim()).toBe('1.0.0');

    const notPromoted = await pip([
      'install',
      '--no-cache-dir',
      '--index-url',
      staging,
      'sample-hatch==1.1.0',
    ]);
    expect(notPromoted.status).not.toBe(0);
    expect(notPromoted.output).toContain('No matching distribution found for sample-hatch==1.1.0');
    const fromDev = await pip([
      'download',
      '--no-cache-dir',
      '--no-deps',
      '-d',
      join(dir.path, 'dev'),
      '--index-url',
      `${server.url}/envs/dev/simple/`,
      'sample-hatch==1.1.0',
    ]);
    expect(fromDev.status).toBe(0);

    const hashes = readdirSync(join(dist, 'hatch-1.0.0')).map(
      (file) =>
        `--hash=sha256:${createHash('sha256')
          .update(readFileSync(join(dist, 'hatch-1.0.0', file)))
          .digest('hex')}`,
    );
    const requirements = join(dir.path, 'requirements.txt');
    writeFileSync(requirements, `sample-hatch==1.0.0 ${hashes.join(' ')}\n`);
    const download = await pip([
      'download',
      '--no-cache-dir',
      '--no-deps',
      '--require-hashes',
      '-r',
      requirements,
      '-d',
      join(dir.path, 'downloads'),
      '--index-url',
      staging,
    ]);
    expect(download.output).toContain('Saved');
    expect(download.status).toBe(0);
    writeFileSync(requirements, `sample-hatch==1.0.0 --hash=sha256:${'0'.repeat(64)}\n`);
    const wrongHash = await pip([
      'download',
      '--no-cache-dir',
      '--no-deps',
      '--require-hashes',
      '-r',
      requirements,
      '-d',
      join(dir.path, 'wrong'),
      '--index-url',
      staging,
    ]);
    expect(wrongHash.status).not.toBe(0);
    expect(wrongHash.output).toContain('THESE PACKAGES DO NOT MATCH THE HASHES');
  }, 120_000);
});

function paths(dir: string): string[] {
  return readdirSync(dir).map((file) => join(dir, file));
}
