/**
 * `npm run bench` (OFREP part): evaluations per second and latency of `slipway serve`'s OFREP
 * endpoint over loopback HTTP, with a small load generator in this process (node:http with a
 * keep-alive agent; autocannon is not a dependency). The server is the production composition
 * (embedded control plane, SQLite) holding 100 generated flags, every one with targeting.
 * BENCH_OFREP_SECONDS sets each run's length (default 5), BENCH_OFREP_CONNECTIONS the
 * concurrency (default 16).
 */
import { Agent, request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedControlPlane, migrateToLatest, openDatabase } from '@slipway/engine';
import { createServer } from '@slipway/server';
import { generateContexts, generateFlagFile } from './flags/generate-flags.js';

const seconds = Number(process.env['BENCH_OFREP_SECONDS'] ?? 5);
const connections = Number(process.env['BENCH_OFREP_CONNECTIONS'] ?? 16);
const flagCount = 100;

interface LoadResult {
  readonly requests: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly failures: number;
}

/** `connections` workers, each sending its next request when the last answer is read. */
async function load(
  url: URL,
  headers: Record<string, string>,
  body: (index: number) => string,
  runSeconds = seconds,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let failures = 0;
  let sent = 0;
  const until = performance.now() + runSeconds * 1000;
  const one = (payload: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  const worker = async (): Promise<void> => {
    while (performance.now() < until) {
      const started = performance.now();
      const status = await one(body(sent++));
      latencies.push(performance.now() - started);
      if (status !== 200) failures += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number): number =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    requests: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    failures,
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-bench-ofrep-'));
  const database = await openDatabase({ url: `sqlite://${join(dir, 'slipway.db')}` });
  await migrateToLatest(database.db);
  const controlPlane = createEmbeddedControlPlane({ db: database.db, blobDir: join(dir, 'blobs') });
  const actor = { actor: 'bench' };
  const scope = { service: 'shop', env: 'prod' };
  await controlPlane.addService({ name: 'shop', lifecycle: ['prod'] }, actor);
  await controlPlane.flags.importFlags(scope, generateFlagFile(flagCount), actor);
  const key = (await controlPlane.flags.createClientKey(scope, actor)).secret;
  const viewer = (await controlPlane.tokens.createToken({ role: 'viewer', createdBy: 'bench' }))
    .secret;
  const app = createServer({
    db: database.db,
    controlPlane,
    tokens: controlPlane.tokens,
    flags: controlPlane.flags,
  });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const contexts = generateContexts(1000);
  const context = (index: number): string =>
    JSON.stringify({ context: contexts[index % contexts.length] });
  const flagKey = (index: number): string => `flag-${String(index % flagCount).padStart(4, '0')}`;
  try {
    const cases: [string, () => Promise<LoadResult>][] = [
      [
        'single, client key (`/ofrep/v1`)',
        () =>
          load(
            new URL(`${base}/ofrep/v1/evaluate/flags/${flagKey(7)}`),
            { 'x-api-key': key },
            context,
          ),
      ],
      [
        'single, viewer token (`/flags/shop/prod`)',
        () =>
          load(
            new URL(`${base}/flags/shop/prod/ofrep/v1/evaluate/flags/${flagKey(7)}`),
            { authorization: `Bearer ${viewer}` },
            context,
          ),
      ],
      [
        `bulk, ${flagCount} flags, client key`,
        () => load(new URL(`${base}/ofrep/v1/evaluate/flags`), { 'x-api-key': key }, context),
      ],
    ];
    console.log(
      `## OFREP over loopback (${seconds} s per run, ${connections} connections, ${flagCount} flags with targeting, SQLite)`,
    );
    console.log('');
    console.log('| request | requests | per second | p50 ms | p99 ms | non-200 |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const [name, run] of cases) {
      const result = await run();
      console.log(
        `| ${name} | ${result.requests} | ${Math.round(result.perSecond).toLocaleString('en')} | ${result.p50.toFixed(2)} | ${result.p99.toFixed(2)} | ${result.failures} |`,
      );
    }
  } finally {
    await app.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
