import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '@slipway/test-utils';
import { HttpControlPlane } from '@slipway/engine';
import type { StoredFlag } from '@slipway/engine';
import { startServer } from '@slipway/server';
import type { RunningServer } from '@slipway/server';
import { checkoutFlags } from './flag-server-fixture.js';

const adminToken = 'slw_flag-ramps-admin-token-chosen-by-test';
const prod = { service: 'shop', env: 'prod' };
const actor = { actor: 'ignored-over-http' };
const running: RunningServer[] = [];

afterAll(async () => {
  for (const server of running.splice(0)) await server.close();
});

async function start(dataDir: string): Promise<{ server: RunningServer; api: HttpControlPlane }> {
  const server = await startServer({
    port: 0,
    dataDir,
    env: { SLIPWAY_ADMIN_TOKEN: adminToken },
  });
  running.push(server);
  return { server, api: new HttpControlPlane({ url: server.url, token: adminToken }) };
}

async function waitFor(
  api: HttpControlPlane,
  weight: number,
  timeoutMs = 10_000,
): Promise<StoredFlag> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const flag = await api.flags.getFlag(prod, 'new-checkout');
    const targeting = flag.definition.targeting as { fractional?: [string, number][] } | undefined;
    if (targeting?.fractional?.[0]?.[1] === weight) return flag;
    if (Date.now() > until)
      throw new Error(`weight ${weight} not reached: ${JSON.stringify(flag)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('scheduled ramps run by the server', () => {
  it('runs each step at its time, and carries on after a restart', async () => {
    const dataDir = makeTempDir('slipway-ramps-').path;
    const first = await start(dataDir);
    await first.api.addService({ name: 'shop', lifecycle: ['dev', 'prod'] }, actor);
    await first.api.flags.importFlags(prod, checkoutFlags, actor);
    const now = Date.now();
    const ramp = await first.api.flags.scheduleRamp(
      prod,
      'new-checkout',
      {
        variant: 'on',
        steps: [
          { percent: 10, at: new Date(now).toISOString() },
          { percent: 50, at: new Date(now + 2_500).toISOString() },
        ],
      },
      actor,
    );
    expect(ramp.status).toBe('active');
    await waitFor(first.api, 1_000);
    // The server stops before the second step is due; the next one runs it.
    await first.server.close();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, now + 2_600 - Date.now())));
    const second = await start(dataDir);
    await waitFor(second.api, 5_000);
    const [after] = await second.api.flags.listRamps(prod);
    expect(after).toMatchObject({ id: ramp.id, status: 'done', nextStep: 2 });
    const history = await second.api.flags.flagHistory(prod, 'new-checkout');
    expect(history.map((version) => [version.change, version.actor])).toEqual([
      ['import', expect.stringMatching(/^token:/)],
      ['rollout', `ramp:${ramp.id}`],
      ['rollout', `ramp:${ramp.id}`],
    ]);
    const cancelled = await second.api.flags
      .cancelRamp(ramp.id, actor)
      .catch((error: unknown) => error);
    expect(cancelled).toMatchObject({ code: 'NOT_FOUND' });
  }, 30_000);
});
