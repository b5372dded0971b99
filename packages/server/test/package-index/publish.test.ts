import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '@slipway/test-utils';
import type { TempDir } from '@slipway/test-utils';
import { uploadDistribution } from '@slipway/engine';
import { startServer } from '@slipway/server';
import type { RunningServer } from '@slipway/server';
import { buildProject, writeProject } from './python-projects.js';

/** Slipway's own upload client (what `slipway publish` sends) against the index. */
describe('uploadDistribution against slipway serve', () => {
  let dir: TempDir;
  let server: RunningServer;
  let built: string[];

  beforeAll(async () => {
    dir = makeTempDir('slipway-publish-');
    writeProject(join(dir.path, 'project'), 'setuptools', 'published-pkg', '3.0.0');
    built = buildProject(join(dir.path, 'project'), join(dir.path, 'dist'), dir.path);
    server = await startServer({
      port: 0,
      dataDir: join(dir.path, 'data'),
      env: { PATH: process.env['PATH'] ?? '' },
    });
  }, 120_000);

  afterAll(async () => {
    await server.close();
    dir.cleanup();
  });

  it('uploads wheel and sdist with their metadata; again only with skipExisting', async () => {
    const target = {
      url: `${server.url}/legacy/`,
      username: '__token__',
      password: server.bootstrapToken ?? '',
    };
    for (const file of built) {
      const result = await uploadDistribution(join(dir.path, 'dist', file), target);
      expect(result.outcome).toBe('uploaded');
    }
    const wheel = join(dir.path, 'dist', built.find((file) => file.endsWith('.whl')) ?? '');
    await expect(uploadDistribution(wheel, target)).rejects.toThrow(/File already exists/);
    expect((await uploadDistribution(wheel, { ...target, skipExisting: true })).outcome).toBe(
      'skipped',
    );
    await expect(
      uploadDistribution(wheel, { ...target, password: 'slw_nope' }),
    ).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    const page = await fetch(`${server.url}/simple/published-pkg/`, {
      headers: { accept: 'application/vnd.pypi.simple.v1+json' },
    });
    const json = (await page.json()) as { versions: string[]; files: unknown[] };
    expect(json.versions).toEqual(['3.0.0']);
    expect(json.files).toHaveLength(2);
  });
});
