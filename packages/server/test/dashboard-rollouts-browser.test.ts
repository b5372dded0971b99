import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { apiAs, shot, signIn, startDashboard } from './dashboard-browser-fixture.js';
import type { DashboardServer } from './dashboard-browser-fixture.js';

/**
 * The rollouts pages in Debian's Chromium. The real server serves the bundle, signs in and tells
 * the page the token's role; `/api/rollouts…` is answered by a stub in this test that keeps one
 * rollout's state and serves the documented shapes (packages/engine/src/features/rollouts/
 * rollout-record.ts and rollout-control-plane.ts), so the page's live progress, charts and
 * buttons are exercised without traffic routers or metrics providers.
 */
const adminToken = 'dashboard-rollouts-admin-token-0123456789abcdef';

let dashboard: DashboardServer;
const tokens = { releaser: '', viewer: '' };

const steps = [
  { setWeight: 20 },
  { analysis: { templates: ['error-rate'] } },
  { pause: {} },
  { setWeight: 60 },
  { pause: { seconds: 300 } },
];

const analysisRun = {
  id: 'ar-1',
  rolloutId: 'ro-1',
  origin: '1',
  templates: ['error-rate'],
  phase: 'successful',
  measurements: [
    {
      metric: 'error-rate',
      phase: 'successful',
      value: [0.011],
      measuredAt: '2026-11-26T10:01:00Z',
    },
    {
      metric: 'error-rate',
      phase: 'successful',
      value: [0.013],
      measuredAt: '2026-11-26T10:02:00Z',
    },
    {
      metric: 'error-rate',
      phase: 'successful',
      value: [0.009],
      measuredAt: '2026-11-26T10:03:00Z',
    },
    { metric: 'latency', phase: 'successful', value: null, measuredAt: '2026-11-26T10:03:00Z' },
  ],
  judgements: [
    {
      metric: 'latency',
      verdict: 'pass',
      reason: 'no significant increase',
      u: 61.5,
      z: -0.31,
      pValue: 0.76,
      estimate: 0.4,
      confidenceInterval: [-2.1, 2.9],
      effectSize: -0.05,
      canarySamples: [101, 99, 104, 98, 100, 102, 97, 103, 100, 101, 99],
      baselineSamples: [100, 98, 103, 99, 101, 100, 96, 102, 99, 100, 98, 101],
    },
  ],
  startedAt: '2026-11-26T10:00:30Z',
  finishedAt: '2026-11-26T10:03:00Z',
};

type Stub = Record<string, unknown> & { status: string; currentStep: number; weight: number };

/** One rollout paused at its indefinite pause, and an older one that succeeded. */
function freshRollouts(): Stub[] {
  const base = {
    deploymentId: 'dep-1',
    service: 'checkout',
    environment: 'prod',
    spec: { strategy: { kind: 'canary', steps } },
    nextActionAt: null,
    createdBy: 'token:ci',
    createdAt: '2026-11-26T10:00:00Z',
    updatedAt: '2026-11-26T10:03:00Z',
  };
  return [
    {
      ...base,
      id: 'ro-1',
      version: '2.1.0',
      stableVersion: '2.0.0',
      status: 'paused',
      currentStep: 2,
      weight: 20,
      message: 'waiting for promote',
      analysisRuns: [analysisRun],
    },
    {
      ...base,
      id: 'ro-0',
      version: '2.0.0',
      stableVersion: '1.9.0',
      status: 'succeeded',
      currentStep: 5,
      weight: 100,
      message: null,
      analysisRuns: [],
    },
  ];
}

let rollouts = freshRollouts();
const controls: { action: string; body: unknown }[] = [];

/** The control plane's answers, as its contract documents them. */
async function stubRollouts(route: Route): Promise<void> {
  const request = route.request();
  const url = new URL(request.url());
  const [, , , id, action] = url.pathname.split('/');
  if (id === undefined) {
    const status = url.searchParams.get('status');
    await route.fulfill({
      json: rollouts.filter((entry) => status === null || entry.status === status),
    });
    return;
  }
  const rollout = rollouts.find((entry) => entry.id === id);
  if (rollout === undefined) {
    await route.fulfill({
      status: 404,
      json: { error: { code: 'NOT_FOUND', message: `no rollout ${id}` } },
    });
    return;
  }
  if (action !== undefined && request.method() === 'POST') {
    const body: unknown = request.postDataJSON();
    controls.push({ action, body });
    if (action === 'promote')
      Object.assign(rollout, { status: 'progressing', currentStep: 3, weight: 60 });
    if (action === 'pause') Object.assign(rollout, { status: 'paused' });
    if (action === 'resume') Object.assign(rollout, { status: 'progressing' });
    if (action === 'abort') {
      const reason = (body as { reason?: string }).reason ?? 'aborted';
      Object.assign(rollout, { status: 'aborted', weight: 0, message: reason });
    }
    if (action === 'retry')
      Object.assign(rollout, { status: 'progressing', currentStep: 0, weight: 20 });
  }
  await route.fulfill({ json: rollout });
}

beforeAll(async () => {
  dashboard = await startDashboard(adminToken, 'dashboard-rollouts');
  const admin = apiAs(
    () => dashboard.server.url,
    () => adminToken,
  );
  for (const role of ['releaser', 'viewer'] as const) {
    tokens[role] = ((await admin('POST', '/api/tokens', { role })) as { secret: string }).secret;
  }
}, 120_000);

afterAll(async () => {
  await dashboard?.close();
});

/** Signed in, with `/api/rollouts…` answered by the stub. */
async function signedIn(token: string): Promise<Page> {
  const page = await signIn(dashboard, token);
  await page.route('**/api/rollouts**', stubRollouts);
  return page;
}

describe('rollouts in Chromium (stubbed rollouts API)', () => {
  it('lists rollouts and shows one live: step, weight, measurements and the judge’s samples', async () => {
    rollouts = freshRollouts();
    const page = await signedIn(tokens.releaser);
    await page.getByRole('link', { name: 'Rollouts' }).click();
    const paused = page.locator('tr[data-rollout="ro-1"]');
    await paused.waitFor();
    await expect(page.locator('table.rollouts tbody tr').count()).resolves.toBe(2);
    await expect(paused.textContent()).resolves.toContain('3/5');
    await expect(paused.textContent()).resolves.toContain('20%');
    await page.getByRole('link', { name: 'checkout 2.0.0 → 2.1.0' }).click();
    await page.getByRole('heading', { name: /checkout 2\.1\.0 in prod/ }).waitFor();
    await expect(page.locator('[data-progress]').textContent()).resolves.toBe(
      'Step 3 of 5: pause until promoted',
    );
    await expect(page.locator('[data-weight]').textContent()).resolves.toContain('20%');
    const measurements = page.locator('[data-chart="measurements"]');
    await expect(measurements.locator('circle').count()).resolves.toBe(3);
    await expect(measurements.textContent()).resolves.toContain('error-rate: 3 measurements');
    const judgement = page.locator('[data-chart="judgement"]');
    await expect(judgement.locator('.samples-canary circle').count()).resolves.toBe(11);
    await expect(judgement.locator('.samples-baseline circle').count()).resolves.toBe(12);
    await expect(judgement.textContent()).resolves.toContain('p-value0.760');
    await shot(page, 'rollout');

    // Moved on by the server meanwhile: the page follows without a reload.
    const live = rollouts[0];
    if (live !== undefined)
      Object.assign(live, { status: 'progressing', currentStep: 3, weight: 60 });
    await page.locator('[data-weight]', { hasText: '60%' }).waitFor();
    await expect(page.locator('[data-progress]').textContent()).resolves.toBe(
      'Step 4 of 5: set weight 60%',
    );
    await page.close();
  });

  it('lets a releaser promote, pause, resume, abort with a reason and retry', async () => {
    rollouts = freshRollouts();
    controls.length = 0;
    const page = await signedIn(tokens.releaser);
    await page.goto(`${dashboard.server.url}/#/rollouts/ro-1`);
    await page.getByRole('button', { name: 'Promote' }).click();
    await page.locator('[data-status="progressing"]').waitFor();
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.locator('[data-status="paused"]').waitFor();
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.locator('[data-status="progressing"]').waitFor();
    await page.getByLabel('Abort reason').fill('error rate up in eu-west');
    await page.getByRole('button', { name: 'Abort' }).click();
    await page.locator('[data-status="aborted"]').waitFor();
    await page.getByText('error rate up in eu-west').waitFor();
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.locator('[data-status="progressing"]').waitFor();
    expect(controls).toEqual([
      { action: 'promote', body: { full: false } },
      { action: 'pause', body: {} },
      { action: 'resume', body: {} },
      { action: 'abort', body: { reason: 'error rate up in eu-west' } },
      { action: 'retry', body: {} },
    ]);
    await page.close();
  });

  it('shows a viewer the rollout without any button', async () => {
    rollouts = freshRollouts();
    const page = await signedIn(tokens.viewer);
    await page.goto(`${dashboard.server.url}/#/rollouts/ro-1`);
    await page.locator('[data-progress]').waitFor();
    await expect(page.locator('.top .role').textContent()).resolves.toBe('viewer');
    await expect(page.locator('main button').count()).resolves.toBe(0);
    await page.close();
  });
});
