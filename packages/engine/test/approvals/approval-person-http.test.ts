import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, testDialects } from '@slipway/test-utils';
import { startServer } from '@slipway/server';
import type { RunningServer } from '@slipway/server';
import type { Role } from '@slipway/core';
import { HttpControlPlane } from '../../src/index.js';
import { openMigratedTestDatabase } from '../db/migrated-test-database.js';
import { evidence, failure, release, requestIdOf, throughStaging } from './policy-flow-fixtures.js';

const adminSecret = 'slw_approval-person-http-admin-secret';
const as = { actor: 'ignored over HTTP' };

describe.each(testDialects())(
  'approvals by tokens issued to people, over HTTP on %s',
  (dialect) => {
    let server: RunningServer;
    let admin: HttpControlPlane;
    const dataDir = makeTempDir('slipway-approval-person-');

    /** A token for `person` with `role`, and the actor the server names its requests with. */
    async function tokenFor(
      role: Role,
      person: string,
    ): Promise<{ plane: HttpControlPlane; actor: string; id: string }> {
      const { token, secret } = await admin.createToken({ role, person }, as);
      return {
        plane: new HttpControlPlane({ url: server.url, token: secret }),
        actor: `${token.person?.replace(/^.*<(.*)>$/, '$1') ?? '?'} (token:${token.id})`,
        id: token.id,
      };
    }

    /** A high-risk release through staging with its evidence, held for prod by `requester`. */
    async function held(service: string, requester: HttpControlPlane): Promise<string> {
      await admin.addService({ name: service, riskTier: 'high' }, as);
      await release(admin, service, '1.0.0');
      await throughStaging(admin, service, '1.0.0');
      for (const name of evidence) {
        await admin.addCheckResult({ service, ref: '1.0.0', name, status: 'passed' }, as);
      }
      const refused = await failure(
        requester.promote({ service, from: 'staging', to: 'prod' }, as),
      );
      expect(refused.code).toBe('APPROVAL_REQUIRED');
      return requestIdOf(refused.message);
    }

    beforeAll(async () => {
      const database = await openMigratedTestDatabase(dialect);
      server = await startServer({
        port: 0,
        dataDir: dataDir.path,
        env: { SLIPWAY_DATABASE_URL: database.url, SLIPWAY_ADMIN_TOKEN: adminSecret },
      });
      admin = new HttpControlPlane({ url: server.url, token: adminSecret });
      await admin.setPolicy({ overrides: [] }, as);
    });

    afterAll(async () => {
      await server.close();
      dataDir.cleanup();
    });

    it('stores and lists the person, and names the token’s requests after them', async () => {
      const created = await admin.createToken(
        { role: 'viewer', person: '  Ada Lovelace <Ada@Example.com> ' },
        as,
      );
      const { id } = created.token;
      const listed = (await admin.listTokens()).find((token) => token.id === id);
      expect(listed).toMatchObject({ person: 'Ada Lovelace <ada@example.com>', role: 'viewer' });
      const whoami = await fetch(`${server.url}/api/whoami`, {
        headers: { authorization: `Bearer ${created.secret}` },
      });
      expect(await whoami.json()).toMatchObject({ actor: `ada@example.com (token:${id})` });
      const bare = await admin.createToken({ role: 'viewer' }, as);
      expect(bare.token.person).toBeNull();
      const wrong = await failure(
        admin.createToken({ role: 'viewer', person: 'Ada <nobody>' }, as),
      );
      expect(wrong).toMatchObject({ code: 'USAGE' });
      expect(wrong.message).toContain('person "Ada <nobody>" is not an e-mail address');
    });

    it('refuses a commit author’s token on their release (a)', async () => {
      const { plane: rita } = await tokenFor('admin', 'rita@example.com');
      const id = await held('pay-a', rita);
      await admin.recordReleaseAuthors(
        'pay-a',
        '1.0.0',
        [{ name: 'Ada Lovelace', email: 'Ada@Example.com' }],
        as,
      );
      const ada = await tokenFor('approver', 'Ada Lovelace <ada@example.com>');
      const refused = await failure(ada.plane.approveChange(id, {}, as));
      expect(refused).toEqual({
        code: 'FORBIDDEN',
        message: `${ada.actor} is an author of pay-a 1.0.0 and cannot approve change ${id} (separation of duties)`,
      });
      expect((await admin.getChangeRequest(id)).approvals).toEqual([]);
    });

    it('counts two tokens of one person once (b)', async () => {
      const { plane: rita } = await tokenFor('admin', 'rita@example.com');
      const id = await held('pay-b', rita);
      const bobLaptop = await tokenFor('approver', 'Bob <bob@example.com>');
      const bobCi = await tokenFor('approver', 'BOB@example.com');
      const first = await bobLaptop.plane.approveChange(id, { comment: 'fine' }, as);
      expect(first).toMatchObject({ status: 'open', approvals: [{ approver: bobLaptop.actor }] });
      const again = await failure(bobCi.plane.approveChange(id, {}, as));
      expect(again).toEqual({
        code: 'CONFLICT',
        message: `${bobCi.actor} already approved change ${id}; one person counts once`,
      });
      const check = await admin.checkPolicy({
        service: 'pay-b',
        ref: '1.0.0',
        environment: 'prod',
      });
      expect(check.verdict.approvals).toMatchObject({ counted: ['bob@example.com'], required: 2 });
      const carol = await tokenFor('approver', 'carol@example.com');
      expect((await carol.plane.approveChange(id, {}, as)).status).toBe('approved');
      const approved = await admin.listEvents({ type: 'change.approved' });
      expect(
        approved.events.filter((event) => event.subject === `change:${id}`).map((e) => e.actor),
      ).toEqual([bobLaptop.actor, carol.actor]);
    });

    it('refuses the requester’s person through another of their tokens (c)', async () => {
      const { plane: rita, actor } = await tokenFor('admin', 'Rita <rita@example.com>');
      const id = await held('pay-c', rita);
      expect((await admin.getChangeRequest(id)).requester).toBe(actor);
      const ritaApprover = await tokenFor('approver', 'rita@example.com');
      const refused = await failure(ritaApprover.plane.approveChange(id, {}, as));
      expect(refused).toEqual({
        code: 'FORBIDDEN',
        message: `${ritaApprover.actor} requested change ${id} and cannot approve it (separation of duties)`,
      });
      // A token of no one in particular is still its own approver.
      const { token, secret } = await admin.createToken({ role: 'approver' }, as);
      const anonymous = new HttpControlPlane({ url: server.url, token: secret });
      expect(await anonymous.approveChange(id, {}, as)).toMatchObject({
        approvals: [{ approver: `token:${token.id}` }],
      });
    });
  },
);
