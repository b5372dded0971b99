import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPolicy } from '@slipway/core';
import type { Page } from 'playwright-core';
import { apiAs, signIn, startDashboard } from './dashboard-browser-fixture.js';
import type { DashboardServer } from './dashboard-browser-fixture.js';

/**
 * The rollouts pages in Debian's Chromium against a real server whose scheduler runs the
 * rollouts: a canary with a web-metric analysis (a metrics endpoint in this test, on loopback),
 * paused until promoted. A releaser promotes one to success and aborts another; a viewer sees no
 * buttons. (The judge's sample chart is tested with the stubbed API in
 * dashboard-rollouts-browser.test.ts: the judge needs Prometheus.)
 */
const adminToken = 'dashboard-rollouts-live-admin-0123456789abcdef';

let dashboard: DashboardServer;
let metrics: Server;
const tokens = { releaser: '', viewer: '' };
let measured = 0;

const admin = apiAs(
  () => dashboard.server.url,
  () => adminToken,
);

function rolloutSpec(metricsUrl: string): unknown {
  return {
    strategy: {
      kind: 'canary',
      steps: [
        { setWeight: 20 },
        { analysis: { templates: ['health'] } },
        { pause: {} },
        { setWeight: 60 },
        { setWeight: 100 },
      ],
    },
    templates: [
      {
        name: 'health',
        metrics: [
          {
            name: 'success-rate',
            source: { web: { url: `${metricsUrl}/success-rate`, jsonPath: '$.value' } },
            successCondition: 'result >= 0.95',
            count: 3,
            intervalSeconds: 1,
          },
        ],
      },
    ],
  };
}

beforeAll(async () => {
  // The canary's success rate: 0.97, 0.98, 0.99, 0.97, …
  metrics = createServer((_request, response) => {
    const value = 0.97 + (measured % 3) / 100;
    measured += 1;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ value }));
  });
  await new Promise<void>((resolve) => metrics.listen(0, '127.0.0.1', resolve));
  const metricsUrl = `http://127.0.0.1:${(metrics.address() as AddressInfo).port}`;
  dashboard = await startDashboard(adminToken, 'dashboard-rollouts-live');
  for (const role of ['releaser', 'viewer'] as const) {
    const created = (await admin('POST', '/api/tokens', { role })) as { secret: string };
    tokens[role] = created.secret;
  }
  // Rollouts, not approvals: an open policy lifts the tier defaults (ADR 0024).
  await admin('PUT', '/api/policy', openPolicy);
  await admin('POST', '/api/services', {
    name: 'shop',
    owner: 'team-shop',
    riskTier: 'low',
    lifecycle: ['staging', 'prod'],
    rollout: { default: rolloutSpec(metricsUrl) },
  });
  const digest = `sha256:${'e'.repeat(64)}`;
  await admin('POST', '/api/artifacts', {
    digest,
    name: 'shop-1.0.0.tar.gz',
    kind: 'file',
    size: 10,
    version: '1.0.0',
    service: 'shop',
  });
  await admin('POST', '/api/releases', {
    service: 'shop',
    version: '1.0.0',
    artifacts: [digest],
    rollForward: { reason: 'first release', steps: ['release a fix'] },
  });
}, 120_000);

afterAll(async () => {
  await dashboard?.close();
  await new Promise((resolve) => metrics?.close(resolve));
});

function signedIn(token: string): Promise<Page> {
  return signIn(dashboard, token, { timeout: 15_000 });
}

interface RolloutAnswer {
  readonly id: string;
  readonly environment: string;
  readonly status: string;
}

async function rolloutIn(environment: string): Promise<RolloutAnswer> {
  const list = (await admin(
    'GET',
    `/api/rollouts?service=shop&environment=${environment}`,
  )) as RolloutAnswer[];
  const found = list[0];
  if (found === undefined) throw new Error(`no rollout of shop in ${environment}`);
  return found;
}

describe('rollouts in Chromium against a running server', () => {
  it('follows a canary live through its analysis to the pause, and a releaser promotes it to success', async () => {
    await admin('POST', '/api/deployments', {
      service: 'shop',
      environment: 'staging',
      ref: '1.0.0',
    });
    const { id } = await rolloutIn('staging');
    const page = await signedIn(tokens.releaser);
    await page.getByRole('link', { name: 'Rollouts' }).click();
    await page.locator(`tr[data-rollout="${id}"]`).waitFor();
    await page.getByRole('link', { name: 'shop – → 1.0.0' }).click();
    await page.getByRole('heading', { name: /shop 1\.0\.0 in staging/ }).waitFor();
    // The page polls: the analysis measures three times a second apart, then the canary pauses.
    await page
      .locator('[data-progress]', { hasText: 'Step 3 of 5: pause until promoted' })
      .waitFor({ timeout: 30_000 });
    await expect(page.locator('[data-weight]').textContent()).resolves.toContain('20%');
    const chart = page.locator('[data-chart="measurements"]');
    await expect(chart.locator('circle').count()).resolves.toBe(3);
    await expect(chart.textContent()).resolves.toContain('success-rate: 3 measurements');
    await expect(page.locator('.analysis .badge').textContent()).resolves.toBe('successful');

    await page.getByRole('button', { name: 'Promote' }).click();
    await page.locator('[data-status="succeeded"]').waitFor({ timeout: 30_000 });
    await expect(page.locator('[data-weight]').textContent()).resolves.toContain('100%');
    await expect(page.locator('main button').count()).resolves.toBe(0);
    await page.close();
  }, 90_000);

  it('lets a releaser abort with a reason and retry, and shows a viewer no buttons', async () => {
    const digest = `sha256:${'f'.repeat(64)}`;
    await admin('POST', '/api/artifacts', {
      digest,
      name: 'shop-1.1.0.tar.gz',
      kind: 'file',
      size: 10,
      version: '1.1.0',
      service: 'shop',
    });
    await admin('POST', '/api/releases', {
      service: 'shop',
      version: '1.1.0',
      artifacts: [digest],
    });
    await admin('POST', '/api/deployments', {
      service: 'shop',
      environment: 'staging',
      ref: '1.1.0',
    });
    const { id } = await rolloutIn('staging');
    const viewer = await signedIn(tokens.viewer);
    await viewer.goto(`${dashboard.server.url}/#/rollouts/${id}`);
    await viewer
      .locator('[data-progress]', { hasText: 'pause until promoted' })
      .waitFor({ timeout: 30_000 });
    await viewer.locator('.top .role', { hasText: 'viewer' }).waitFor();
    await expect(viewer.locator('main button').count()).resolves.toBe(0);
    await viewer.close();

    const page = await signedIn(tokens.releaser);
    await page.goto(`${dashboard.server.url}/#/rollouts/${id}`);
    await page.getByRole('heading', { name: /shop 1\.1\.0 in staging/ }).waitFor();
    await page.getByLabel('Abort reason').fill('checkout errors in eu-west');
    await page.getByRole('button', { name: 'Abort' }).click();
    await page.locator('[data-status="aborted"]').waitFor();
    await page.getByText('checkout errors in eu-west').waitFor();
    await expect(page.locator('[data-weight]').textContent()).resolves.toContain('0%');
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.locator('[data-status="aborted"]').waitFor({ state: 'detached' });
    await page.close();
  }, 90_000);

  it('shows a first production rollout frozen when aborted (nothing to roll back to), then promoted fully', async () => {
    await admin('POST', '/api/promotions', { service: 'shop', from: 'staging', to: 'prod' });
    const { id } = await rolloutIn('prod');
    const page = await signedIn(tokens.releaser);
    await page.goto(`${dashboard.server.url}/#/rollouts/${id}`);
    await page
      .locator('[data-progress]', { hasText: 'pause until promoted' })
      .waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Abort' }).click();
    await page.locator('[data-status="frozen"]').waitFor();
    await page.getByText(/the release cannot roll back, ship a fix release/).waitFor();
    // Out of a freeze only a full promote leads.
    await expect(page.locator('main button').allTextContents()).resolves.toEqual(['Promote fully']);
    await page.getByRole('button', { name: 'Promote fully' }).click();
    await page.locator('[data-status="succeeded"]').waitFor();
    await expect(page.locator('[data-weight]').textContent()).resolves.toContain('100%');
    await page.close();
  }, 90_000);
});
