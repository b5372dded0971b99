import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '@slipway/test-utils';
import {
  WebhookNotifier,
  createEmbeddedControlPlane,
  openDatabase,
  migrateToLatest,
} from '../../src/index.js';
import type { Notification } from '../../src/index.js';
import {
  as,
  evidence,
  failure,
  release,
  requestIdOf,
  throughStaging,
} from './policy-flow-fixtures.js';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A webhook receiver that answers `statuses` in turn (then 200), after `delayMs`. */
async function receiver(
  statuses: number[] = [],
  delayMs = 0,
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      setTimeout(() => response.writeHead(statuses.shift() ?? 200).end(), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  servers.push(server);
  return { url: `http://127.0.0.1:${port}/hook`, received, server };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** What a receiver does: recompute the HMAC over "<t>.<body>" and refuse stale timestamps. */
function verify(secret: string, received: Received, nowSeconds: number): boolean {
  const header = String(received.headers['x-slipway-signature'] ?? '');
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (match?.[1] === undefined || match[2] === undefined) return false;
  if (Math.abs(nowSeconds - Number(match[1])) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${received.body}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2], 'hex'));
}

const notification: Notification = {
  type: 'change.approved',
  subject: 'change:c-1',
  actor: 'carol',
  summary: 'carol approved pay 2.0.0 to prod',
  payload: { id: 'c-1' },
};

describe('WebhookNotifier', () => {
  it('signs with a timestamp, retries with backoff, and speaks Slack when asked', async () => {
    const hook = await receiver([500, 503]);
    const slack = await receiver();
    const failed: unknown[] = [];
    const notifier = new WebhookNotifier({
      targets: [
        { url: hook.url, secret: 'hook-secret' },
        { url: slack.url, secret: 'slack-secret', format: 'slack', events: ['change.approved'] },
      ],
      backoffMs: 20,
      recordFailure: async (event) => failed.push(event),
    });
    notifier.notify(notification);
    await notifier.settled();

    expect(hook.received).toHaveLength(3);
    const now = Math.floor(Date.now() / 1000);
    expect(hook.received.every((delivery) => verify('hook-secret', delivery, now))).toBe(true);
    expect(verify('wrong-secret', hook.received[2] as Received, now)).toBe(false);
    expect(verify('hook-secret', hook.received[2] as Received, now + 3600)).toBe(false);
    expect(JSON.parse(hook.received[2]?.body ?? '{}')).toMatchObject({
      type: 'change.approved',
      subject: 'change:c-1',
      payload: { id: 'c-1' },
    });
    expect(hook.received[0]?.headers['x-slipway-event']).toBe('change.approved');
    expect(JSON.parse(slack.received[0]?.body ?? '{}')).toEqual({
      text: '[slipway] carol approved pay 2.0.0 to prod',
    });
    expect(verify('slack-secret', slack.received[0] as Received, now)).toBe(true);
    expect(notifier.deliveries).toEqual(
      expect.arrayContaining([
        { url: hook.url, type: 'change.approved', attempts: 3, status: 'delivered', error: null },
        { url: slack.url, type: 'change.approved', attempts: 1, status: 'delivered', error: null },
      ]),
    );
    expect(failed).toEqual([]);
  });

  it('gives up after its attempts and records the failure where it can be seen', async () => {
    const down = await receiver([500, 500, 500]);
    const failed: unknown[] = [];
    const notifier = new WebhookNotifier({
      targets: [{ url: down.url, secret: 's', events: ['change.approved', 'break_glass.used'] }],
      attempts: 3,
      backoffMs: 10,
      recordFailure: async (event) => failed.push(event),
    });
    notifier.notify({ ...notification, type: 'change.requested' });
    notifier.notify(notification);
    await notifier.settled();
    expect(down.received).toHaveLength(3);
    expect(failed).toEqual([
      {
        type: 'webhook.failed',
        subject: 'change:c-1',
        actor: 'slipway',
        payload: { url: down.url, notification: 'change.approved', attempts: 3, error: 'HTTP 500' },
      },
    ]);
  });

  it('never holds up a deployment: a slow receiver hears of the change request later', async () => {
    const slow = await receiver([], 800);
    const dir = makeTempDir('slipway-webhooks-');
    const { db, close } = await openDatabase({ url: ':memory:' });
    try {
      await migrateToLatest(db);
      const plane = createEmbeddedControlPlane({
        db,
        blobDir: `${dir.path}/blobs`,
        webhooks: [{ url: slow.url, secret: 'secret' }],
      });
      await plane.setPolicy({ overrides: [] }, as('admin'));
      await plane.addService({ name: 'pay', riskTier: 'high' }, as('admin'));
      await release(plane, 'pay', '1.0.0');
      await throughStaging(plane, 'pay', '1.0.0');
      for (const name of evidence) {
        await plane.addCheckResult(
          { service: 'pay', ref: '1.0.0', name, status: 'passed' },
          as('ci'),
        );
      }
      const started = Date.now();
      const held = await failure(
        plane.promote({ service: 'pay', from: 'staging', to: 'prod' }, as('rita')),
      );
      expect(Date.now() - started).toBeLessThan(800);
      const id = requestIdOf(held.message);
      for (let waited = 0; slow.received.length === 0 && waited < 5_000; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(JSON.parse(slow.received[0]?.body ?? '{}')).toMatchObject({
        type: 'change.requested',
        actor: 'rita',
        payload: { id, service: 'pay', environment: 'prod' },
      });
      expect(verify('secret', slow.received[0] as Received, Math.floor(Date.now() / 1000))).toBe(
        true,
      );
      // Let the answer arrive, so the delivery ends before the receiver closes.
      await new Promise((resolve) => setTimeout(resolve, 900));
    } finally {
      await close();
      dir.cleanup();
    }
  });
});
