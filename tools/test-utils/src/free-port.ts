import { createServer } from 'node:net';

/**
 * A port on 127.0.0.1 that was free a moment ago, for servers that cannot listen on port 0
 * themselves (nginx, Prometheus). Callers retry on a clash: another process may take it first.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
