import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../src/index.js';

const saved = process.env['SLIPWAY_TEST_PG_URL'];
afterEach(() => {
  if (saved === undefined) delete process.env['SLIPWAY_TEST_PG_URL'];
  else process.env['SLIPWAY_TEST_PG_URL'] = saved;
});

/** A port that was free a moment ago: nothing answers there. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('test databases', () => {
  it('offers PostgreSQL only when SLIPWAY_TEST_PG_URL is set', () => {
    expect(testDialects({})).toEqual(['sqlite']);
    expect(testDialects({ SLIPWAY_TEST_PG_URL: '' })).toEqual(['sqlite']);
    expect(testDialects({ SLIPWAY_TEST_PG_URL: 'postgres://x@h/db' })).toEqual([
      'sqlite',
      'postgres',
    ]);
  });

  it('prepares an SQLite file in a temp directory and removes it on drop', async () => {
    const prepared: string[] = [];
    const database = await createTestDatabase('sqlite', (url) => {
      prepared.push(url);
      return Promise.resolve();
    });
    expect(prepared).toEqual([database.url]);
    expect(existsSync(database.url.replace(/slipway\.db$/, ''))).toBe(true);
    await database.drop();
    expect(existsSync(database.url.replace(/slipway\.db$/, ''))).toBe(false);
  });

  it('fails loudly, never skips, when the PostgreSQL server does not answer', async () => {
    process.env['SLIPWAY_TEST_PG_URL'] = `postgres://postgres@127.0.0.1:${await closedPort()}/test`;
    await expect(createTestDatabase('postgres', () => Promise.resolve())).rejects.toThrow(
      /SLIPWAY_TEST_PG_URL is set but PostgreSQL does not answer at postgres:\/\/postgres@127\.0\.0\.1:\d+\/test/,
    );
  });
});
