import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { demoFix, seedDemoDatabase } from '@slipway/engine';
import { makeTempDir } from '@slipway/test-utils';
import { startServer } from '../src/start-server.js';
import type { RunningServer } from '../src/start-server.js';
import { shot } from './dashboard-browser-fixture.js';

const adminToken = 'slw_demo-dashboard-admin-token-0001';

describe('the demo data set in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    const dataDir = makeTempDir('slipway-demo-dashboard-').path;
    await seedDemoDatabase({ dataDir, env: {} });
    server = await startServer({
      port: 0,
      dataDir,
      env: { SLIPWAY_ADMIN_TOKEN: adminToken },
    });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox'],
    });
  });
  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  it('shows a fix release with the version it fixes and its first commit', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(15_000);
    await page.goto(server.url);
    await page.getByLabel('API token').fill(adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Catalog' }).waitFor();
    await page.goto(`${server.url}/#/services/${demoFix.service}/releases/${demoFix.version}`);
    await page.getByRole('heading', { name: `${demoFix.service} ${demoFix.version}` }).waitFor();
    const facts = page.locator('dl.facts');
    await expect(facts.textContent()).resolves.toContain('Fixes');
    await expect(facts.textContent()).resolves.toContain('First commit');
    const link = facts.getByRole('link', { name: demoFix.fixes });
    await expect(link.getAttribute('href')).resolves.toBe(
      `#/services/${demoFix.service}/releases/${demoFix.fixes}`,
    );
    await link.click();
    await page.getByRole('heading', { name: `${demoFix.service} ${demoFix.fixes}` }).waitFor();
    await expect(page.locator('dl.facts').textContent()).resolves.not.toContain('Fixes');
    await shot(page, 'demo-release-fix');
    await page.close();
  });
});
