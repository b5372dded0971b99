import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiAs, callApi, shot, signIn, startDashboard } from './dashboard-browser-fixture.js';
import type { DashboardServer } from './dashboard-browser-fixture.js';

/**
 * The approvals, flags and team pages in Debian's Chromium against a real server seeded through
 * the API with tokens of several roles: separation of duties as each of them sees it, a flag
 * rollout moved by its slider, DORA per team. Screenshots go to SLIPWAY_SCREENSHOT_DIR.
 */
const adminToken = 'dashboard-pages-admin-token-0123456789abcdef';

let dashboard: DashboardServer;
/** Secrets of the tokens the test signs in with, by who holds them. */
const tokens: Record<'author' | 'approver' | 'releaser' | 'viewer', string> = {
  author: '',
  approver: '',
  releaser: '',
  viewer: '',
};
let approverActor = '';

const url = (): string => dashboard.server.url;
const api = (token: string, method: string, path: string, body?: unknown): Promise<unknown> =>
  apiAs(url, () => token)(method, path, body);
const admin = apiAs(url, () => adminToken);

async function seed(): Promise<void> {
  for (const holder of Object.keys(tokens) as (keyof typeof tokens)[]) {
    const role = holder === 'author' ? 'approver' : holder;
    const created = (await admin('POST', '/api/tokens', { role })) as {
      token: { id: string };
      secret: string;
    };
    tokens[holder] = created.secret;
    if (holder === 'approver') approverActor = `token:${created.token.id}`;
  }
  // With a policy stored, a standard-tier production deployment needs its tests and 1 approval.
  await admin('PUT', '/api/policy', { overrides: [] });
  await admin('POST', '/api/services', {
    name: 'billing',
    owner: 'team-money',
    riskTier: 'standard',
    lifecycle: ['dev', 'staging', 'prod'],
  });
  await admin('POST', '/api/services', {
    name: 'invoices',
    owner: 'team-money',
    riskTier: 'low',
    lifecycle: ['staging', 'prod'],
  });
  const digest = `sha256:${'d'.repeat(64)}`;
  // The author records the release: its authors are [the author's token].
  await api(tokens.author, 'POST', '/api/artifacts', {
    digest,
    name: 'billing-1.0.0.tar.gz',
    kind: 'file',
    size: 10,
    version: '1.0.0',
    service: 'billing',
  });
  await api(tokens.author, 'POST', '/api/releases', {
    service: 'billing',
    version: '1.0.0',
    notes:
      '## 1.0.0\n\n* invoices in EUR ([#12](https://git.example/billing/pull/12)), fixes #40\n',
    artifacts: [digest],
    rollForward: { reason: 'first release', steps: ['release a fix'] },
  });
  const releaser = (method: string, path: string, body?: unknown): Promise<unknown> =>
    api(tokens.releaser, method, path, body);
  await releaser('POST', '/api/deployments', {
    service: 'billing',
    environment: 'dev',
    ref: '1.0.0',
  });
  await releaser('POST', '/api/promotions', { service: 'billing', from: 'dev', to: 'staging' });
  await releaser('POST', '/api/services/billing/releases/1.0.0/checks', {
    name: 'tests',
    status: 'passed',
    url: 'https://ci.example/run/1',
  });
  const held = await callApi(url(), tokens.releaser, 'POST', '/api/promotions', {
    service: 'billing',
    from: 'staging',
    to: 'prod',
  });
  expect(held.status).toBe(409);

  await admin('PATCH', '/api/services/billing/environments/prod/flags/new-invoice', {
    state: 'ENABLED',
    variants: { on: true, off: false },
    defaultVariant: 'off',
  });
}

beforeAll(async () => {
  dashboard = await startDashboard(adminToken, 'dashboard-pages');
  await seed();
}, 120_000);

afterAll(async () => {
  await dashboard?.close();
});

function signedIn(token: string, width = 1280): Promise<Page> {
  return signIn(dashboard, token, { width });
}

async function openRequest(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Approvals' }).click();
  // Open ones by default; this one may be approved already.
  await page.getByLabel('Status').selectOption('');
  await page.getByRole('link', { name: 'billing 1.0.0' }).click();
  await page.getByRole('heading', { name: /billing 1\.0\.0 to prod/ }).waitFor();
}

/**
 * The form controls of the page that have no name a screen reader says (neither a label nor
 * aria-label). A string: this file is type-checked without the DOM library.
 */
async function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`[...document.querySelectorAll('input, select, textarea')]
    .filter((control) => control.labels.length === 0 && control.getAttribute('aria-label') === null)
    .map((control) => control.outerHTML)`);
}

describe('approvals in Chromium', () => {
  it('shows the change request and tells the requester, who has role releaser, why it cannot decide', async () => {
    const page = await signedIn(tokens.releaser);
    // The header says how many requests wait for a decision.
    await page.locator('nav [data-open-approvals="1"]').waitFor();
    await page.getByRole('link', { name: 'Approvals' }).click();
    const row = page.locator('table.requests tbody tr');
    await expect(row.textContent()).resolves.toContain('nothing → 1.0.0');
    await expect(row.textContent()).resolves.toContain('1 passed');
    await openRequest(page);
    await expect(page.locator('.facts').textContent()).resolves.toContain('Requested');
    await expect(page.locator('[data-diff="versions"]').textContent()).resolves.toContain(
      'prod runs nothing now; this change makes it 1.0.0',
    );
    await expect(page.locator('.checks').textContent()).resolves.toContain('tests: passed');
    await expect(page.locator('.verdict').textContent()).resolves.toContain('1 approval required');
    await expect(page.locator('.references').textContent()).resolves.toContain('pull request #12');
    await expect(page.locator('.references').textContent()).resolves.toContain('reference #40');
    await page.locator('#decide-blocked', { hasText: 'role approver needed' }).waitFor();
    await expect(page.locator('#decide-blocked').textContent()).resolves.toBe(
      'role approver needed to decide (this token has role releaser)',
    );
    await expect(page.getByRole('button', { name: 'Approve' }).isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Reject' }).isDisabled()).resolves.toBe(true);
    await expect(unlabelledControls(page)).resolves.toEqual([]);
    await page.close();
  });

  it('tells the author before any click that it cannot approve, then a second approver approves with a comment', async () => {
    const author = await signedIn(tokens.author);
    await openRequest(author);
    // The page knows who signed in (GET /api/whoami) and the release's authors.
    await author.locator('[data-blocked="approve"]', { hasText: 'author' }).waitFor();
    await expect(author.locator('[data-blocked="approve"]').textContent()).resolves.toContain(
      'you are an author of billing 1.0.0: someone else must approve it (separation of duties)',
    );
    await expect(author.getByRole('button', { name: 'Approve' }).isDisabled()).resolves.toBe(true);
    // Rejecting stays possible for an approver who wrote the change.
    await expect(author.getByRole('button', { name: 'Reject' }).isDisabled()).resolves.toBe(true);
    await author.getByLabel('Comment (required to reject)').fill('x');
    await expect(author.getByRole('button', { name: 'Reject' }).isDisabled()).resolves.toBe(false);
    await author.close();

    const approver = await signedIn(tokens.approver);
    await openRequest(approver);
    await shot(approver, 'approval');
    await approver.getByLabel('Comment (required to reject)').fill('tests green, notes read');
    await approver.getByRole('button', { name: 'Approve' }).click();
    await approver.getByRole('status').filter({ hasText: 'Approved.' }).waitFor();
    await approver.locator('h1 .badge', { hasText: 'approved' }).waitFor();
    const decisions = await approver.locator('table.decisions').textContent();
    expect(decisions).toContain(approverActor);
    expect(decisions).toContain('tests green, notes read');
    await expect(approver.locator('[data-approvals-counted]').textContent()).resolves.toContain(
      '1 of 1 required approvals count now',
    );
    // The release page lists the request and who approved it.
    await approver.getByRole('link', { name: 'billing 1.0.0' }).click();
    await approver.getByRole('heading', { name: 'billing 1.0.0' }).waitFor();
    const approvals = approver.locator('.release-approvals');
    await approvals.getByText(`approved by ${approverActor}`).waitFor();
    await expect(approvals.textContent()).resolves.toContain('“tests green, notes read”');
    await approver.close();
    const open = await admin('GET', '/api/change-requests?status=approved');
    expect(open).toHaveLength(1);
  });

  it('tells an admin who authored nothing and requested nothing that it may decide', async () => {
    const page = await signedIn(adminToken);
    await openRequest(page);
    await expect(page.locator('.top .role').textContent()).resolves.toBe('admin');
    await expect(page.getByRole('button', { name: 'Approve' }).isDisabled()).resolves.toBe(false);
    await page.close();
  });

  it('fits a phone: no sideways scrolling of any page (wide tables scroll in their box)', async () => {
    const page = await signedIn(tokens.approver, 390);
    const overflow = (): Promise<number> =>
      page.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
    await expect(overflow()).resolves.toBeLessThanOrEqual(0);
    await openRequest(page);
    await expect(overflow()).resolves.toBeLessThanOrEqual(0);
    await shot(page, 'approval-phone');
    for (const [address, ready] of [
      ['#/flags/billing/prod', 'li[data-flag="new-invoice"]'],
      ['#/teams/team-money', 'table.per-service'],
      ['#/rollouts', 'h1'],
      ['#/audit', 'table.ledger'],
    ] as const) {
      await page.goto(`${url()}/${address}`);
      await page.locator(ready).first().waitFor();
      await expect(overflow(), address).resolves.toBeLessThanOrEqual(0);
    }
    await page.close();
  });
});

describe('flags in Chromium', () => {
  it('moves a rollout by its slider, toggles and kills a flag, and shows the history with diffs', async () => {
    const page = await signedIn(tokens.releaser);
    await page.getByRole('link', { name: 'Flags' }).click();
    await page.getByLabel('Service').selectOption('billing');
    await page.getByLabel('Environment').selectOption('prod');
    const flag = page.locator('li[data-flag="new-invoice"]');
    await flag.waitFor();
    await expect(unlabelledControls(page)).resolves.toEqual([]);

    await flag.getByLabel('Rollout percentage of new-invoice').fill('25');
    await flag.getByRole('button', { name: 'Start rollout to 25%' }).click();
    await flag.locator('legend', { hasText: 'now 25%' }).waitFor();
    await flag.getByLabel('Rollout percentage of new-invoice').fill('50');
    await flag.getByRole('button', { name: 'Move rollout to 50%' }).click();
    await flag.locator('legend', { hasText: 'now 50%' }).waitFor();
    const stored = (await admin(
      'GET',
      '/api/services/billing/environments/prod/flags/new-invoice',
    )) as { definition: { targeting: unknown } };
    expect(stored.definition.targeting).toEqual({
      fractional: [
        ['on', 5000],
        ['off', 5000],
      ],
    });

    await flag.getByRole('switch', { name: 'Enabled' }).uncheck();
    await flag.locator('[data-state]', { hasText: 'disabled' }).waitFor();
    await flag.getByRole('switch', { name: 'Enabled' }).check();
    await flag.locator('[data-state]', { hasText: 'enabled' }).waitFor();
    await flag.getByRole('button', { name: 'Kill new-invoice' }).click();
    await flag.locator('[data-state]', { hasText: 'disabled' }).waitFor();

    await flag.getByText('History of new-invoice').click();
    const newest = flag.locator('.flag-history > li').first();
    await newest.waitFor();
    await expect(newest.getAttribute('data-version')).resolves.toBe('6');
    const text = await newest.textContent();
    expect(text).toContain('v6 kill');
    expect(text).toContain('"ENABLED"');
    expect(text).toContain('"DISABLED"');
    await expect(
      flag.locator('.flag-history > li[data-version="3"]').textContent(),
    ).resolves.toContain('[["on",5000],["off",5000]]');
    await shot(page, 'flags');

    // Changed elsewhere: the flags' change stream (SSE) brings it well before the 30 s poll.
    await admin('PATCH', '/api/services/billing/environments/prod/flags/new-invoice', {
      state: 'ENABLED',
    });
    await flag.locator('[data-state]', { hasText: 'enabled' }).waitFor({ timeout: 5_000 });
    await page.close();
  });

  it('shows a viewer the flags without the controls', async () => {
    const page = await signedIn(tokens.viewer);
    await page.goto(`${url()}/#/flags/billing/prod`);
    await page.getByText('Changing flags needs role releaser.').waitFor();
    await expect(page.locator('input[type="range"]').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /Kill/ }).count()).resolves.toBe(0);
    await expect(page.getByText('Changing flags needs role releaser.').count()).resolves.toBe(1);
    await page.close();
  });
});

describe('DORA per team in Chromium', () => {
  it('opens the team of a service from the catalog and shows its measures and services', async () => {
    const page = await signedIn(tokens.viewer);
    await page.locator('tr[data-service="billing"] a.owner').click();
    await page.getByRole('heading', { name: 'team-money' }).waitFor();
    await page.locator('table.per-service tbody tr[data-service="invoices"]').waitFor();
    await expect(page.locator('table.per-service tbody tr').count()).resolves.toBe(2);
    await expect(page.locator('[data-metric="failure-rate"]').textContent()).resolves.toBe(
      '– (0 of 0)',
    );
    await shot(page, 'team');
    await page.close();
  });
});
