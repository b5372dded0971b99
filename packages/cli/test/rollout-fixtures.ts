import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { openPolicy } from '@slipway/core';
import type { ControlPlane } from '@slipway/engine';
import {
  HttpControlPlane,
  createEmbeddedControlPlane,
  databaseUrlFor,
  migrateToLatest,
  openDatabase,
} from '@slipway/engine';

export const adminToken = 'slw_e2e-admin-token-for-the-rollout-test';

/** A `command` traffic router that appends every weight it is given to a file. */
export function writeRouter(dir: string): { argv: string[]; weights: () => number[] } {
  const log = join(dir, 'weights.log');
  const script = join(dir, 'router.mjs');
  writeFileSync(
    script,
    `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(log)}, process.env.SLIPWAY_CANARY_WEIGHT + '\\n');\n`,
  );
  writeFileSync(log, '');
  return {
    argv: [process.execPath, script],
    weights: () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map(Number),
  };
}

/** Releases go in through the control plane (CLI `push` needs a git project; not the point here). */
export async function release(plane: ControlPlane, version: string): Promise<void> {
  const bytes = Buffer.from(`demo ${version}`);
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  const ci = { actor: 'ci' };
  await plane.registerArtifact(
    { digest, name: `demo-${version}.tar.gz`, kind: 'file', size: bytes.length, service: 'demo' },
    ci,
  );
  await plane.uploadArtifact(digest, Readable.from([bytes]), ci);
  await plane.createRelease(
    {
      service: 'demo',
      version,
      artifacts: [digest],
      ...(version === '1.0.0'
        ? { rollForward: { reason: 'first release', steps: ['fix forward'] } }
        : {}),
    },
    ci,
  );
}

/**
 * Releases 1.0.0 and 1.1.0 of demo, under an open policy: these tests are about rollouts, not
 * the approvals the tier defaults would ask for in prod (ADR 0024).
 */
export async function seedReleases(mode: 'embedded' | 'server', dataDir: string, url?: string) {
  const seed = async (plane: ControlPlane): Promise<void> => {
    await plane.setPolicy(openPolicy, { actor: 'rollout-test' });
    for (const version of ['1.0.0', '1.1.0']) await release(plane, version);
  };
  if (mode === 'server') {
    await seed(new HttpControlPlane({ url: url ?? '', token: adminToken }));
    return;
  }
  const { db, close } = await openDatabase({ url: databaseUrlFor(dataDir, {}) });
  try {
    await migrateToLatest(db);
    await seed(createEmbeddedControlPlane({ db, blobDir: join(dataDir, 'blobs') }));
  } finally {
    await close();
  }
}
