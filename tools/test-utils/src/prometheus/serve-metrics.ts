import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MetricsEndpoint {
  /** `127.0.0.1:port`, as a Prometheus scrape target. */
  readonly hostPort: string;
  readonly url: string;
  /** Scrapes answered so far. */
  scrapes(): number;
  stop(): Promise<void>;
}

/**
 * A loopback HTTP server answering `GET /metrics` with `render()` in the Prometheus text
 * exposition format (version 0.0.4): what a test wants Prometheus to scrape, nothing else.
 */
export async function serveMetrics(render: () => string): Promise<MetricsEndpoint> {
  let scrapes = 0;
  const server = createServer((request, response) => {
    if ((request.url ?? '/').split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found\n');
      return;
    }
    scrapes += 1;
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    const text = render();
    response.end(text.endsWith('\n') ? text : `${text}\n`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  return {
    hostPort: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}/metrics`,
    scrapes: () => scrapes,
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
