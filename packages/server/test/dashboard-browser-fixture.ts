import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { makeTempDir } from '@slipway/test-utils';
import { startServer } from '../src/start-server.js';
import type { RunningServer } from '../src/start-server.js';
import { defaultWebRoot } from '../src/web-assets.js';

/**
 * What the dashboard's browser tests share: a real server with the built dashboard, Debian's
 * Chromium (never a downloaded browser), API calls with a token, signing in, screenshots to
 * SLIPWAY_SCREENSHOT_DIR (docs/dashboard/ holds the ones the docs show).
 */
export interface DashboardServer {
  readonly server: RunningServer;
  readonly browser: Browser;
  close(): Promise<void>;
}

const webDir = fileURLToPath(new URL('../../web', import.meta.url));

export async function startDashboard(adminToken: string, name: string): Promise<DashboardServer> {
  // npm test builds first; a test run of one file alone builds the dashboard when it is missing.
  if (defaultWebRoot() === null) {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: webDir });
  }
  const server = await startServer({
    port: 0,
    dataDir: makeTempDir(`slipway-${name}-`).path,
    env: { SLIPWAY_ADMIN_TOKEN: adminToken },
  });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  return {
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** One API call with a token: the status and the JSON answer, whatever the status. */
export async function callApi(
  url: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; answer: unknown }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, answer: await response.json() };
}

/** API calls with a token that must succeed: the answer, or an error naming the call. */
export function apiAs(
  url: () => string,
  token: () => string,
): (method: string, path: string, body?: unknown) => Promise<unknown> {
  return async (method, path, body) => {
    const { status, answer } = await callApi(url(), token(), method, path, body);
    if (status >= 300) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(answer)}`);
    return answer;
  };
}

/** A new page signed in with `token`, on the catalog; it fails within `timeout` per wait. */
export async function signIn(
  dashboard: DashboardServer,
  token: string,
  options: { readonly width?: number; readonly timeout?: number } = {},
): Promise<Page> {
  const page = await dashboard.browser.newPage({
    viewport: { width: options.width ?? 1280, height: 800 },
  });
  page.setDefaultTimeout(options.timeout ?? 10_000);
  await page.goto(dashboard.server.url);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Catalog' }).waitFor();
  return page;
}

/** Saves a full-page screenshot when SLIPWAY_SCREENSHOT_DIR is set. */
export async function shot(page: Page, name: string): Promise<void> {
  const directory = process.env['SLIPWAY_SCREENSHOT_DIR'];
  if (directory === undefined) return;
  mkdirSync(directory, { recursive: true });
  await page.screenshot({ path: join(directory, `${name}.png`), fullPage: true });
}
