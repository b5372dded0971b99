import { createHash } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  changeRecordPredicateType,
  evidenceBundleFormat,
  inTotoStatement,
  type EvidenceManifest,
} from '@slipway/core';
import { makeTempDir, testDialects } from '@slipway/test-utils';
import { apiRoutes } from '@slipway/server';
import {
  HttpControlPlane,
  KyselyEvidenceStore,
  createEmbeddedControlPlane,
  writeTar,
} from '../../src/index.js';
import type { EmbeddedControlPlane, OpenDatabase } from '../../src/index.js';
import { openMigratedTestDatabase } from '../db/migrated-test-database.js';
import { as, heldForProd, manualClock, release } from './policy-flow-fixtures.js';

const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/** A stored evidence bundle (unsigned, as a test writes it) whose change record names reviewers. */
function evidenceBundle(releaseId: string, artifact: { name: string; digest: string }) {
  const statement = inTotoStatement(
    [{ name: artifact.name, digest: { sha256: artifact.digest.replace(/^sha256:/, '') } }],
    changeRecordPredicateType,
    {
      service: 'shop',
      version: '1.0.0',
      previousVersion: null,
      commits: [],
      pullRequests: ['#12'],
      issues: [],
      authors: [],
      reviewers: ['github:erin', 'github:bob'],
    },
  );
  const text = `${JSON.stringify(statement)}\n`;
  const path = `blobs/sha256/${sha256(text)}`;
  const manifest: EvidenceManifest = {
    format: evidenceBundleFormat,
    service: 'shop',
    version: '1.0.0',
    release: { tag: null, commit: null, createdAt: '2026-11-25T10:00:00.000Z', createdBy: 'ci' },
    artifacts: [artifact],
    items: [
      {
        path,
        sha256: sha256(text),
        kind: 'intoto-jsonl',
        artifact: artifact.name,
        environment: null,
        predicateTypes: [changeRecordPredicateType],
        signed: false,
      },
    ],
    missing: [],
  };
  const content = writeTar([
    { name: path, content: Buffer.from(text) },
    { name: 'manifest.json', content: Buffer.from(JSON.stringify(manifest)) },
  ]);
  return {
    releaseId,
    service: 'shop',
    version: '1.0.0',
    digest: sha256(content),
    size: content.length,
    manifest,
    keyId: 'test-key',
    uploadedAt: '2026-11-25T10:00:00.000Z',
    uploadedBy: 'ci',
    content,
  };
}

describe.each(testDialects())('change requests show the forge reviewers on %s', (dialect) => {
  const dataDir = makeTempDir('slipway-request-reviewers-');
  let plane: EmbeddedControlPlane;
  let database: OpenDatabase;

  beforeEach(async () => {
    database = await openMigratedTestDatabase(dialect);
    plane = createEmbeddedControlPlane({
      db: database.db,
      blobDir: `${dataDir.path}/${Math.random().toString(36).slice(2)}`,
      now: manualClock('2026-11-25T10:00:00.000Z').now,
    });
  });
  afterAll(() => dataDir.cleanup());

  it('reads them from the release’s stored evidence; they bar nobody from approving', async () => {
    await plane.setPolicy({ overrides: [] }, as('admin'));
    await plane.addService({ name: 'shop', owner: 'team-s', riskTier: 'standard' }, as('admin'));
    const digest = await release(plane, 'shop', '1.0.0');
    const { id: releaseId } = await plane.getRelease('shop', '1.0.0');
    await new KyselyEvidenceStore(database.db).put(
      evidenceBundle(releaseId, { name: 'shop-1.0.0.tar.gz', digest }),
    );
    const id = await heldForProd(plane, 'shop', '1.0.0');
    const request = await plane.getChangeRequest(id);
    expect(request.content.reviewers).toEqual(['github:bob', 'github:erin']);
    // The API's answer keeps them (its schema does not strip them).
    const route = apiRoutes(new HttpControlPlane({ url: 'http://unused', token: 'x' })).find(
      (candidate) => candidate.method === 'GET' && candidate.url === '/api/change-requests/:id',
    );
    expect(route?.response.parse(request)).toMatchObject({
      content: { reviewers: ['github:bob', 'github:erin'] },
    });
    expect(request.content.authors).toEqual(['ci']);
    // A reviewer of the pull request may still approve the deployment.
    const approved = await plane.approveChange(id, {}, as('bob'));
    expect(approved.status).toBe('approved');
  });

  it('shows none without stored evidence', async () => {
    await plane.setPolicy({ overrides: [] }, as('admin'));
    await plane.addService({ name: 'shop', owner: 'team-s', riskTier: 'standard' }, as('admin'));
    await release(plane, 'shop', '1.0.0');
    const request = await plane.getChangeRequest(await heldForProd(plane, 'shop', '1.0.0'));
    expect(request.content).not.toHaveProperty('reviewers');
  });
});
