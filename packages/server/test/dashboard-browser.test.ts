import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPolicy } from '@slipway/core';
import type { Page } from 'playwright-core';
import { makeTempDir } from '@slipway/test-utils';
import { startServer } from '../src/start-server.js';
import { apiAs, shot, signIn, startDashboard } from './dashboard-browser-fixture.js';
import type { DashboardServer } from './dashboard-browser-fixture.js';

/**
 * The dashboard in Debian's Chromium (never a downloaded browser) against a real server whose
 * data is seeded through the API. Screenshots go to SLIPWAY_SCREENSHOT_DIR when it is set
 * (docs/dashboard/ holds the ones the docs show).
 */
const adminToken = 'dashboard-admin-token-0123456789abcdef';

let dashboard: DashboardServer;
const api = apiAs(
  () => dashboard.server.url,
  () => adminToken,
);

const digestOf = (seed: string): string => `sha256:${seed.repeat(64).slice(0, 64)}`;

async function seed(): Promise<void> {
  // The pages, not approvals: an open policy lifts the tier defaults (ADR 0024).
  await api('PUT', '/api/policy', openPolicy);
  await api('POST', '/api/services', {
    name: 'checkout',
    owner: 'team-payments',
    riskTier: 'low',
    lifecycle: ['dev', 'staging', 'prod'],
  });
  await api('POST', '/api/services', { name: 'ledger-db', owner: 'team-core', riskTier: 'high' });
  const versions = [
    { version: '1.0.0', digest: digestOf('a') },
    { version: '1.1.0', digest: digestOf('b') },
    { version: '1.2.0', digest: digestOf('c') },
  ];
  for (const { version, digest } of versions) {
    await api('POST', '/api/artifacts', {
      digest,
      name: `checkout-${version}.tar.gz`,
      kind: 'file',
      size: 1234,
      version,
      service: 'checkout',
    });
    await api('POST', '/api/releases', {
      service: 'checkout',
      version,
      notes: `## ${version}\n\n### Features\n\n* **cart:** faster totals ([#7](https://example.test/pull/7))\n* <img src=x onerror="window.injected=1"> stays text\n`,
      artifacts: [digest],
      // The first production deployment has nothing to roll back to: it rolls forward.
      ...(version === '1.0.0'
        ? { rollForward: { reason: 'first release', steps: ['release a fix'] } }
        : {}),
    });
  }
  const promoteToProd = async (version: string): Promise<void> => {
    await api('POST', '/api/deployments', {
      service: 'checkout',
      environment: 'dev',
      ref: version,
    });
    await api('POST', '/api/promotions', { service: 'checkout', from: 'dev', to: 'staging' });
    await api('POST', '/api/promotions', { service: 'checkout', from: 'staging', to: 'prod' });
  };
  await promoteToProd('1.0.0');
  await promoteToProd('1.1.0');
  // 1.1.0 fails in production: rolled back to 1.0.0. Then 1.2.0 reaches dev only (drift).
  await api('POST', '/api/rollbacks', { service: 'checkout', environment: 'prod' });
  await api('POST', '/api/deployments', { service: 'checkout', environment: 'dev', ref: '1.2.0' });
}

beforeAll(async () => {
  dashboard = await startDashboard(adminToken, 'dashboard');
  await seed();
}, 120_000);

afterAll(async () => {
  await dashboard?.close();
});

function signedIn(): Promise<Page> {
  return signIn(dashboard, adminToken);
}

describe('dashboard in Chromium', () => {
  it('refuses a wrong token and keeps a right one for the tab', async () => {
    const page = await dashboard.browser.newPage();
    await page.goto(dashboard.server.url);
    await shot(page, 'sign-in');
    await page.getByLabel('API token').fill('not-a-token-of-this-server');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'unknown or revoked token',
    );
    await page.getByLabel('API token').fill(adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Catalog' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Catalog' }).waitFor();
    await page.close();
  });

  it('tells how to register the first service on an empty database', async () => {
    const empty = await startServer({
      port: 0,
      dataDir: makeTempDir('slipway-dashboard-empty-').path,
      env: { SLIPWAY_ADMIN_TOKEN: adminToken },
    });
    try {
      const page = await dashboard.browser.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(empty.url);
      await page.getByLabel('API token').fill(adminToken);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'No services yet' }).waitFor();
      const help = await page.locator('.empty pre').textContent();
      expect(help).toContain(`SLIPWAY_SERVER=${empty.url}`);
      expect(help).toContain('slipway service add');
      await shot(page, 'empty');
      await page.close();
    } finally {
      await empty.close();
    }
  });

  it('shows the environment matrix with drift, and filters it', async () => {
    const page = await signedIn();
    const checkout = page.locator('tr[data-service="checkout"]');
    await checkout.waitFor();
    await expect(
      checkout.locator('td[data-environment="dev"] .version').textContent(),
    ).resolves.toBe('1.2.0');
    await expect(
      checkout.locator('td[data-environment="staging"] .version').textContent(),
    ).resolves.toBe('1.1.0');
    await expect(
      checkout.locator('td[data-environment="prod"] .version').textContent(),
    ).resolves.toBe('1.0.0');
    await expect(
      checkout.locator('td[data-environment="prod"] .digest').textContent(),
    ).resolves.toBe('sha256:aaaaaaaaaaaa');
    const drift = await checkout.locator('td.drift').textContent();
    expect(drift).toContain('dev has 1.2.0, staging has 1.1.0');
    expect(drift).toContain('staging has 1.1.0, prod has 1.0.0');
    await expect(
      page.locator('tr[data-service="ledger-db"] td').nth(1).textContent(),
    ).resolves.toBe('high');
    await shot(page, 'catalog');

    await page.getByLabel('Search').fill('payments');
    await expect(page.locator('tbody tr').count()).resolves.toBe(1);
    await page.getByLabel('Search').fill('');
    await page.getByLabel('Risk tier').selectOption('high');
    await page.locator('tr[data-service="ledger-db"]').waitFor();
    await expect(page.locator('tbody tr').count()).resolves.toBe(1);
    await page.close();
  });

  it('shows a release: safe notes, artifacts, deployments per environment and the rollback target', async () => {
    const page = await signedIn();
    await page
      .locator('tr[data-service="checkout"] td[data-environment="staging"] .version')
      .click();
    await page.getByRole('heading', { name: 'checkout 1.1.0' }).waitFor();
    await expect(page.locator('.markdown a').getAttribute('href')).resolves.toBe(
      'https://example.test/pull/7',
    );
    await expect(page.locator('.markdown img').count()).resolves.toBe(0);
    await expect(page.locator('.markdown').textContent()).resolves.toContain('<img src=x');
    await expect(page.evaluate('window.injected')).resolves.toBeUndefined();
    await expect(page.locator('table.artifacts').textContent()).resolves.toContain(digestOf('b'));
    const prod = page.locator('.timeline > li[data-environment="prod"]');
    await expect(prod.textContent()).resolves.toContain('rolled back');
    await expect(prod.locator('.rollback a').textContent()).resolves.toBe('1.0.0');
    await expect(
      page.locator('.timeline > li[data-environment="dev"]').textContent(),
    ).resolves.toContain('deploy');
    await shot(page, 'release');
    await page.close();
  });

  it('searches the ledger and shows the chain verified', async () => {
    const page = await signedIn();
    await page.getByRole('link', { name: 'Audit' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('Chain verified');
    await page.getByLabel('Type').fill('release.created');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('3 events').waitFor();
    const rows = await page.locator('table.ledger tbody tr').allTextContents();
    expect(rows.every((row) => row.includes('release.created'))).toBe(true);
    await shot(page, 'audit');
    await page.close();
  });

  it('shows the DORA metrics of a service from its production deployments', async () => {
    const page = await signedIn();
    await page.getByRole('link', { name: 'checkout' }).click();
    await page.getByRole('heading', { name: 'checkout' }).waitFor();
    await expect(page.locator('[data-metric="frequency"]').textContent()).resolves.toContain('(2)');
    await expect(page.locator('[data-metric="failure-rate"]').textContent()).resolves.toBe(
      '50% (1 of 2)',
    );
    await expect(page.locator('.chart svg rect').count()).resolves.toBeGreaterThan(0);
    await shot(page, 'service');
    await page.close();
  });
  it('shows a rollback made meanwhile without a reload', async () => {
    const page = await signedIn();
    const staging = page.locator(
      'tr[data-service="checkout"] td[data-environment="staging"] .version',
    );
    await expect(staging.textContent()).resolves.toBe('1.1.0');
    await api('POST', '/api/rollbacks', { service: 'checkout', environment: 'staging' });
    // The catalog polls every 10 s.
    await page
      .locator('tr[data-service="checkout"] td[data-environment="staging"] .version', {
        hasText: '1.0.0',
      })
      .waitFor({ timeout: 20_000 });
    await page.close();
  }, 40_000);
});
