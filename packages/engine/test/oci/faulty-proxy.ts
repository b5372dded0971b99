import { request as httpRequest, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FaultyProxy {
  readonly host: string;
  /** Requests forwarded so far. */
  readonly count: () => number;
  close(): Promise<void>;
}

export interface Faults {
  /** After this many requests the "registry" is down: every connection is cut. */
  readonly failAfter?: number;
  /** Reports this digest for every manifest written or read: a registry that rewrites content. */
  readonly claimDigest?: string;
}

/** A loopback proxy in front of a real registry that fails in the ways the tests need. */
export async function startFaultyProxy(target: string, faults: Faults): Promise<FaultyProxy> {
  let count = 0;
  const server = createServer((request, response) => {
    count += 1;
    if (faults.failAfter !== undefined && count > faults.failAfter) {
      request.socket.destroy();
      return;
    }
    const [hostname = '', port = ''] = target.split(':');
    const upstream = httpRequest(
      {
        hostname,
        port: Number(port),
        method: request.method,
        path: request.url,
        headers: { ...request.headers, host: target },
      },
      (answer) => {
        const headers = { ...answer.headers };
        if (faults.claimDigest !== undefined && (request.url ?? '').includes('/manifests/')) {
          headers['docker-content-digest'] = faults.claimDigest;
        }
        // Upload locations are absolute URLs of the real registry: keep them on the proxy.
        const location = headers.location;
        if (typeof location === 'string')
          headers.location = location.replace(`http://${target}`, '');
        response.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => request.socket.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    count: () => count,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
