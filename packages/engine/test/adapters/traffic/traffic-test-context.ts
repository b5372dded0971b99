import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { get } from 'node:http';
import type { RolloutContext } from '../../../src/features/rollouts/rollout-ports.js';

export const rollout: RolloutContext = {
  rolloutId: 'ro-1',
  service: 'shop',
  environment: 'prod',
  stableVersion: '1.0.0',
  canaryVersion: '1.1.0',
  actor: 'alice',
};

/** A loopback HTTP server that answers every request with `text`. */
export async function textServer(
  text: string,
): Promise<{ address: string; close(): Promise<void> }> {
  const server: Server = createServer((_request, response) => {
    response.setHeader('connection', 'close');
    response.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    address: `127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends `count` requests one after another, each on a fresh connection; counts the answers. */
export async function countAnswers(url: string, count: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let index = 0; index < count; index += 1) {
    const body = await new Promise<string>((resolve, reject) => {
      get(url, { agent: false }, (response) => {
        let data = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (data += chunk));
        response.on('end', () => resolve(`${response.statusCode} ${data}`));
      }).on('error', reject);
    });
    counts[body] = (counts[body] ?? 0) + 1;
  }
  return counts;
}
