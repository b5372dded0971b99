import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, testDialects } from '@slipway/test-utils';
import { createEmbeddedControlPlane } from '../../src/index.js';
import type { EmbeddedControlPlane } from '../../src/index.js';
import { openMigratedTestDatabase } from '../db/migrated-test-database.js';
import { as, failure, release, requestIdOf, throughStaging } from './policy-flow-fixtures.js';

describe.each(testDialects())(
  'an approved change request proceeding by itself on %s',
  (dialect) => {
    const dataDir = makeTempDir('slipway-auto-proceed-');
    let plane: EmbeddedControlPlane;

    beforeEach(async () => {
      const database = await openMigratedTestDatabase(dialect);
      plane = createEmbeddedControlPlane({
        db: database.db,
        blobDir: `${dataDir.path}/${Math.random().toString(36).slice(2)}`,
      });
    });

    afterAll(() => dataDir.cleanup());

    /** api 1.0.0 in staging with its tests passed; prod asks for one approval (standard tier). */
    async function waitingForApproval(autoDeploy: boolean): Promise<string> {
      await plane.addService({ name: 'api', owner: 'team-a' }, as('admin'));
      await release(plane, 'api', '1.0.0');
      await throughStaging(plane, 'api', '1.0.0');
      await plane.addCheckResult(
        { service: 'api', ref: '1.0.0', name: 'tests', status: 'passed' },
        as('ci'),
      );
      // The check alone deploys nothing: prod still needs its approval.
      expect((await plane.history('api', { environment: 'prod' })).length).toBe(0);
      const opened = await plane.listChangeRequests({ service: 'api' });
      const asked = await failure(
        plane.promote({ service: 'api', from: 'staging', to: 'prod' }, as('rita')),
      );
      expect(asked.code).toBe('APPROVAL_REQUIRED');
      const id = requestIdOf(asked.message);
      // With autoDeploy the check has already opened the request that the promotion names.
      expect(opened.map((request) => [request.id, request.requester])).toEqual(
        autoDeploy ? [[id, 'slipway:auto-deploy']] : [],
      );
      return id;
    }

    it('deploys on the approval that completes it where the policy says autoDeploy', async () => {
      await plane.setPolicy(
        { overrides: [{ tier: 'standard', environment: 'prod', rules: { autoDeploy: true } }] },
        as('admin'),
      );
      const id = await waitingForApproval(true);
      const approved = await plane.approveChange(id, { comment: 'ship it' }, as('ann'));
      expect(approved).toMatchObject({ status: 'deployed', approvals: [{ approver: 'ann' }] });
      const [prod] = await plane.history('api', { environment: 'prod' });
      expect(prod).toMatchObject({
        id: approved.deploymentId,
        status: 'succeeded',
        actor: 'slipway:auto-deploy',
        version: '1.0.0',
      });
      const auto = await plane.listEvents({ type: 'deployment.auto' });
      expect(auto.events.map((event) => event.payload)).toMatchObject([
        { environment: 'prod', trigger: { changeRequest: id }, deploymentId: prod?.id },
      ]);
      expect((await plane.listEvents({ type: 'change.deployed' })).events).toHaveLength(1);
    });

    it('waits for `deploy --request` where the policy does not say autoDeploy', async () => {
      const id = await waitingForApproval(false);
      const approved = await plane.approveChange(id, {}, as('ann'));
      expect(approved.status).toBe('approved');
      expect(await plane.history('api', { environment: 'prod' })).toEqual([]);
      expect((await plane.listEvents({ type: 'deployment.auto' })).events).toEqual([]);
      const deployed = await plane.deploy(
        { service: 'api', environment: 'prod', ref: '1.0.0', requestId: id },
        as('rita'),
      );
      expect(deployed).toMatchObject({ status: 'succeeded', actor: 'rita' });
      expect((await plane.getChangeRequest(id)).status).toBe('deployed');
    });
  },
);
