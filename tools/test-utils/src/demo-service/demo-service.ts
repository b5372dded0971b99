import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DemoServiceOptions {
  /** Reported in every answer (`x-demo-version`, body) and as the `version` label of its metrics. */
  readonly version: string;
  /** Share of requests to `/` answered 500, 0–1; spread evenly, not at random. Default 0. */
  readonly failureShare?: number;
}

export interface DemoService {
  readonly version: string;
  /** `127.0.0.1:port`, as an nginx upstream server or a Prometheus target. */
  readonly hostPort: string;
  readonly url: string;
  /** Requests to `/` answered so far, by status code. */
  counts(): { readonly ok: number; readonly failed: number };
  setFailureShare(share: number): void;
  stop(): Promise<void>;
}

/**
 * A tiny HTTP service for rollout tests: `/` answers with its version (or a 500 for a configured
 * share of requests) and `/metrics` exposes `http_requests_total{version,code}` in the Prometheus
 * text format. It listens on loopback, on a free port.
 */
export async function startDemoService(options: DemoServiceOptions): Promise<DemoService> {
  const { version } = options;
  let share = checkedShare(options.failureShare ?? 0);
  let debt = 0;
  let ok = 0;
  let failed = 0;
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/metrics') {
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      response.end(metricsText(version, ok, failed));
      return;
    }
    if (path !== '/') {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found\n');
      return;
    }
    // Evenly spread: every 1/share-th request fails, so a short window shows the true share.
    debt += share;
    const fail = debt >= 1;
    if (fail) debt -= 1;
    if (fail) failed += 1;
    else ok += 1;
    response.writeHead(fail ? 500 : 200, {
      'content-type': 'application/json',
      'x-demo-version': version,
    });
    response.end(JSON.stringify({ version, ok: !fail }));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  return {
    version,
    hostPort: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    counts: () => ({ ok, failed }),
    setFailureShare: (next) => {
      share = checkedShare(next);
      debt = 0;
    },
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

function checkedShare(share: number): number {
  if (!(share >= 0 && share <= 1)) {
    throw new RangeError(`failureShare: ${share} is not between 0 and 1`);
  }
  return share;
}

function metricsText(version: string, ok: number, failed: number): string {
  const label = version.replace(/["\\\n]/g, '_');
  return [
    '# HELP http_requests_total Requests to / answered, by status code.',
    '# TYPE http_requests_total counter',
    `http_requests_total{version="${label}",code="200"} ${ok}`,
    `http_requests_total{version="${label}",code="500"} ${failed}`,
    '',
  ].join('\n');
}
