import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, testDialects } from '@slipway/test-utils';
import {
  PendingRequestExistsError,
  createDeploymentSources,
  createEmbeddedControlPlane,
  createCatalogService,
  createPolicyParts,
  createRegistryService,
  FileBlobStore,
  KyselyApprovalStore,
} from '../../src/index.js';
import type { EmbeddedControlPlane, OpenDatabase } from '../../src/index.js';
import { openMigratedTestDatabase } from '../db/migrated-test-database.js';
import {
  as,
  failure,
  manualClock,
  release,
  requestIdOf,
  throughStaging,
} from './policy-flow-fixtures.js';

const start = '2026-11-25T10:00:00.000Z';

describe.each(testDialects())(
  'commit authors, auto-deploy and one request per release on %s',
  (dialect) => {
    const dataDir = makeTempDir('slipway-approvals-');
    let plane: EmbeddedControlPlane;
    let database: OpenDatabase;
    let blobDir: string;

    beforeEach(async () => {
      database = await openMigratedTestDatabase(dialect);
      blobDir = `${dataDir.path}/${Math.random().toString(36).slice(2)}`;
      plane = createEmbeddedControlPlane({
        db: database.db,
        blobDir,
        now: manualClock(start).now,
      });
    });

    afterAll(() => dataDir.cleanup());

    it('refuses approvals by the authors of the release’s commits, by e-mail, name or login', async () => {
      await plane.setPolicy({ overrides: [] }, as('admin'));
      await plane.addService({ name: 'shop', owner: 'team-s', riskTier: 'standard' }, as('admin'));
      await release(plane, 'shop', '1.0.0');
      const recorded = await plane.recordReleaseAuthors(
        'shop',
        '1.0.0',
        [
          { name: 'Alice Author', email: 'Alice@Example.com' },
          { name: 'Bob Builder', email: 'bob@example.com' },
          { name: 'Alice again', email: 'alice@example.com' },
        ],
        as('ci'),
      );
      expect(recorded).toEqual([
        { name: 'Alice Author', email: 'alice@example.com' },
        { name: 'Bob Builder', email: 'bob@example.com' },
      ]);
      expect(
        await failure(
          plane.recordReleaseAuthors('shop', '1.0.0', [{ name: 'x', email: 'nobody' }], as('ci')),
        ),
      ).toEqual({ code: 'USAGE', message: 'author email "nobody" is not an e-mail address' });
      const events = await plane.listEvents({ type: 'release.authors_recorded' });
      expect(events.events.map((event) => event.payload)).toMatchObject([
        { service: 'shop', version: '1.0.0', authors: ['alice@example.com', 'bob@example.com'] },
      ]);

      await throughStaging(plane, 'shop', '1.0.0');
      await plane.addCheckResult(
        { service: 'shop', ref: '1.0.0', name: 'tests', status: 'passed' },
        as('ci'),
      );
      const check = await plane.checkPolicy({ service: 'shop', ref: '1.0.0', environment: 'prod' });
      expect(check.ineligibleApprovers).toEqual(
        expect.arrayContaining(['ci', 'alice@example.com', 'Alice Author', 'bob@example.com']),
      );
      const held = await failure(
        plane.promote({ service: 'shop', from: 'staging', to: 'prod' }, as('rita')),
      );
      expect(held.code).toBe('APPROVAL_REQUIRED');
      const id = requestIdOf(held.message);
      const request = await plane.getChangeRequest(id);
      expect(request.content.authors).toEqual(['ci', 'alice@example.com', 'bob@example.com']);
      expect(request.content.commitAuthors).toEqual(recorded);

      for (const author of ['ALICE@example.com', 'Alice Author', 'github-actions:bob', 'alice']) {
        const refused = await failure(plane.approveChange(id, {}, as(author)));
        expect(refused.code).toBe('FORBIDDEN');
        expect(refused.message).toContain('cannot approve');
      }
      const approved = await plane.approveChange(id, { comment: 'fine' }, as('carol'));
      expect(approved.status).toBe('approved');

      // An author recorded later changes what the request reads: carol's approval stops counting.
      await plane.recordReleaseAuthors(
        'shop',
        '1.0.0',
        [{ name: 'Dave', email: 'dave@example.com' }],
        as('ci'),
      );
      const again = await failure(
        plane.deploy(
          { service: 'shop', environment: 'prod', ref: '1.0.0', requestId: id },
          as('rita'),
        ),
      );
      expect(again.code).toBe('APPROVAL_REQUIRED');
      expect((await plane.getChangeRequest(id)).content.authors).toContain('dave@example.com');
      expect((await failure(plane.approveChange(id, {}, as('dave')))).code).toBe('FORBIDDEN');
    });

    it('auto-deploys a low-risk release one environment per passing check, as slipway:auto-deploy', async () => {
      await plane.addService({ name: 'api', owner: 'team-a', riskTier: 'low' }, as('admin'));
      await release(plane, 'api', '1.0.0');
      const tests = { service: 'api', ref: '1.0.0', name: 'tests', status: 'passed' } as const;
      // No policy stored: the tier defaults apply from the start (ADR 0024).
      expect((await plane.getPolicy()).version).toBe(0);
      await plane.addCheckResult({ ...tests, status: 'failed' }, as('ci'));
      expect(await plane.history('api')).toEqual([]);
      await plane.addCheckResult(tests, as('ci'));
      await plane.addCheckResult({ ...tests, name: 'lint' }, as('ci'));
      await plane.addCheckResult({ ...tests, name: 'e2e' }, as('ci'));
      const deployed = await plane.history('api');
      expect(deployed.map((d) => [d.environment, d.status, d.actor, d.version]).reverse()).toEqual([
        ['dev', 'succeeded', 'slipway:auto-deploy', '1.0.0'],
        ['staging', 'succeeded', 'slipway:auto-deploy', '1.0.0'],
        ['prod', 'succeeded', 'slipway:auto-deploy', '1.0.0'],
      ]);
      const auto = await plane.listEvents({ type: 'deployment.auto' });
      expect(auto.events.map((event) => [event.actor, event.payload])).toMatchObject([
        ['slipway:auto-deploy', { environment: 'dev', trigger: { check: 'tests' } }],
        ['slipway:auto-deploy', { environment: 'staging', trigger: { check: 'lint' } }],
        [
          'slipway:auto-deploy',
          {
            environment: 'prod',
            trigger: { check: 'e2e' },
            checks: [
              { name: 'tests', status: 'passed' },
              { name: 'lint', status: 'passed' },
              { name: 'e2e', status: 'passed' },
            ],
          },
        ],
      ]);
      // Everywhere already: a further check deploys nothing more.
      await plane.addCheckResult({ ...tests, name: 'smoke' }, as('ci'));
      expect(await plane.history('api')).toHaveLength(3);
    });

    it('deploys a release once per environment when checks arrive at the same time', async () => {
      await plane.addService({ name: 'api', owner: 'team-a', riskTier: 'low' }, as('admin'));
      await release(plane, 'api', '1.0.0');
      const check = { service: 'api', ref: '1.0.0', status: 'passed' } as const;
      // Recorded together, each check may see the others' deployment still in progress (or not
      // yet begun) and aim at the same environment: one deploys, the others find it there.
      await Promise.all(
        ['tests', 'lint', 'e2e', 'smoke', 'scan', 'docs'].map((name) =>
          plane.addCheckResult({ ...check, name }, as('ci')),
        ),
      );
      const history = await plane.history('api');
      const environments = history.map((deployment) => deployment.environment);
      expect(environments.length).toBeGreaterThan(0);
      expect(new Set(environments).size).toBe(environments.length);
      expect(history.every((deployment) => deployment.status === 'succeeded')).toBe(true);
      expect((await plane.listEvents({ type: 'deployment.auto' })).events).toHaveLength(
        environments.length,
      );
      expect((await plane.listEvents({ type: 'deployment.auto_failed' })).events).toEqual([]);
      expect((await plane.listEvents({ type: 'deployment.refused' })).events).toEqual([]);
    });

    it('does not auto-deploy what needs approval or is refused', async () => {
      await plane.setPolicy(
        { overrides: [{ tier: 'low', environment: 'dev', rules: { requiredChecks: ['scan'] } }] },
        as('admin'),
      );
      await plane.addService({ name: 'web', owner: 'team-w', riskTier: 'low' }, as('admin'));
      await plane.addService({ name: 'pay', owner: 'team-p', riskTier: 'standard' }, as('admin'));
      await release(plane, 'web', '1.0.0');
      await release(plane, 'pay', '1.0.0');
      await throughStaging(plane, 'pay', '1.0.0');
      await plane.addCheckResult(
        { service: 'web', ref: '1.0.0', name: 'tests', status: 'passed' },
        as('ci'),
      );
      await plane.addCheckResult(
        { service: 'pay', ref: '1.0.0', name: 'tests', status: 'passed' },
        as('ci'),
      );
      expect(await plane.history('web')).toEqual([]);
      expect((await plane.history('pay')).map((d) => d.environment)).toEqual(['staging', 'dev']);
      expect(await plane.listChangeRequests()).toEqual([]);
      await plane.addCheckResult(
        { service: 'web', ref: '1.0.0', name: 'scan', status: 'passed' },
        as('ci'),
      );
      expect((await plane.history('web')).map((d) => d.environment)).toEqual(['dev']);
    });

    it('opens one change request when deployments race to ask for the same approval', async () => {
      await plane.setPolicy({ overrides: [] }, as('admin'));
      await plane.addService({ name: 'pay', owner: 'team-p', riskTier: 'standard' }, as('admin'));
      await release(plane, 'pay', '1.0.0');
      await throughStaging(plane, 'pay', '1.0.0');
      await plane.addCheckResult(
        { service: 'pay', ref: '1.0.0', name: 'tests', status: 'passed' },
        as('ci'),
      );
      // Parts of their own over the same database, as two servers would have.
      const catalog = createCatalogService(database.db);
      const registry = createRegistryService(database.db, { blobs: new FileBlobStore(blobDir) });
      const parts = createPolicyParts(database.db, createDeploymentSources(catalog, registry));
      const approvals = parts.plane.approvals;
      const releaseRecord = await registry.getRelease('pay', '1.0.0');
      const evaluation = await approvals.evaluate({
        service: 'pay',
        ref: '1.0.0',
        environment: 'prod',
      });
      expect(evaluation.verdict.decision).toBe('needs_approval');
      const opened = await Promise.all(
        ['rita', 'ralf', 'rosa', 'rick'].map((requester) =>
          approvals.requestChange(releaseRecord, evaluation, requester),
        ),
      );
      expect(new Set(opened.map((request) => request.id)).size).toBe(1);
      expect(await plane.listChangeRequests({ service: 'pay' })).toHaveLength(1);
      expect((await plane.listEvents({ type: 'change.requested' })).events).toHaveLength(1);

      // The database itself refuses a second pending request for the release and environment.
      const store = new KyselyApprovalStore(database.db);
      const [first] = opened;
      if (first === undefined) throw new Error('no request');
      await expect(
        store.insertRequest({ ...first, id: crypto.randomUUID() }),
      ).rejects.toBeInstanceOf(PendingRequestExistsError);
      // Once the first is decided, a new one may open.
      await store.updateRequest({ ...first, status: 'rejected' });
      await store.insertRequest({ ...first, id: crypto.randomUUID() });
      expect(await plane.listChangeRequests({ service: 'pay' })).toHaveLength(2);
    });
  },
);
