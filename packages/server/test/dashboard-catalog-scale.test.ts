import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { makeTempDir } from '@slipway/test-utils';
import { startServer } from '../src/start-server.js';
import type { RunningServer } from '../src/start-server.js';
import { defaultWebRoot } from '../src/web-assets.js';

/**
 * The catalog with 1,000 services × 4 environments in Debian's Chromium. The API answers are
 * routed in the browser (seeding 1,000 services through the API would measure the API, not the
 * page); the page, the bundle and the server that serves it are the real ones.
 */
const adminToken = 'dashboard-scale-token-0123456789abcdef';
const environments = ['dev', 'test', 'staging', 'prod'];
const services = Array.from({ length: 1000 }, (_, index) => ({
  name: `service-${String(index).padStart(4, '0')}`,
  owner: `team-${index % 25}`,
  repository: null,
  kind: 'service',
  riskTier: ['low', 'standard', 'high', 'regulated'][index % 4],
  lifecycle: environments,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
}));
const status = {
  services: services.map((service, index) => ({
    name: service.name,
    environments: Object.fromEntries(
      environments.map((environment, step) => [
        environment,
        {
          version: `1.${index % 7}.${step < 2 ? 1 : 0}`,
          digests: [`sha256:${String(step < 2 ? 1 : 0).repeat(64)}`],
          deployedAt: '2026-11-20T10:00:00.000Z',
          actor: 'token:ci',
        },
      ]),
    ),
  })),
};

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  if (defaultWebRoot() === null) throw new Error('the dashboard is not built: run npm run build');
  server = await startServer({
    port: 0,
    dataDir: makeTempDir('slipway-dashboard-scale-').path,
    env: { SLIPWAY_ADMIN_TOKEN: adminToken },
  });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('catalog at scale', () => {
  it('lists 1,000 services × 4 environments a hundred at a time, and filters them all', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(30_000);
    await page.route('**/api/services', (route) => route.fulfill({ json: services }));
    await page.route('**/api/status', (route) => route.fulfill({ json: status }));
    await page.goto(server.url);
    await page.getByLabel('API token').fill(adminToken);
    const started = Date.now();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('1000 of 1000 services, the first 100 listed').waitFor();
    await page.locator('tbody tr').nth(99).waitFor();
    const elapsed = Date.now() - started;
    // The target is 1 s on an idle developer machine. This bound only catches a page that
    // went quadratic: CI runs many test files at once on few cores.
    console.log(`catalog of 1,000 services × 4 environments: first 100 rows in ${elapsed} ms`);
    expect(elapsed).toBeLessThan(10_000);
    await page.getByRole('button', { name: 'Show 100 more' }).click();
    await page.locator('tbody tr').nth(199).waitFor();
    await page.getByRole('button', { name: 'Show all 1000' }).click();
    await page.locator('tbody tr').nth(999).waitFor();
    await expect(page.locator('tbody tr td[data-environment]').count()).resolves.toBe(4000);
    await page.getByLabel('Search').fill('service-0042');
    await expect(page.getByText('1 of 1000 services').textContent()).resolves.toBe(
      '1 of 1000 services',
    );
    await page.close();
  }, 90_000);
});
