import { X509Certificate, createSign, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TokenServer {
  readonly url: string;
  /** Every scope the registry's clients asked for, in order (to check the flow). */
  readonly requestedScopes: string[];
  close(): Promise<void>;
}

export interface TokenServerOptions {
  readonly keyFile: string;
  readonly certFile: string;
  readonly issuer: string;
  readonly service: string;
  /** username → password; these users get every action they ask for. */
  readonly users?: Readonly<Record<string, string>>;
}

export const testUser = { username: 'ci', password: 'ci-secret' } as const;

/**
 * The token service of the distribution token-auth spec, in a few lines: basic credentials in,
 * an RS256 JWT out, whose x5c header carries the certificate the registry trusts.
 */
export async function startTokenServer(options: TokenServerOptions): Promise<TokenServer> {
  const key = readFileSync(options.keyFile, 'utf8');
  const certDer = new X509Certificate(readFileSync(options.certFile)).raw.toString('base64');
  const users = options.users ?? { [testUser.username]: testUser.password };
  const requestedScopes: string[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://token');
    const user = basicUser(request.headers.authorization, users);
    if (user === null) {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED' }] }));
      return;
    }
    const scopes = url.searchParams.getAll('scope');
    requestedScopes.push(...scopes);
    const access = scopes.map((scope) => {
      const [type = '', name = '', actions = ''] = splitScope(scope);
      return { type, name, actions: actions.split(',').filter((action) => action !== '') };
    });
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', x5c: [certDer] };
    const claims = {
      iss: options.issuer,
      sub: user,
      aud: url.searchParams.get('service') ?? options.service,
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: randomUUID(),
      access,
    };
    const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    const signature = createSign('RSA-SHA256').update(signingInput).sign(key).toString('base64url');
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ token: `${signingInput}.${signature}`, expires_in: 300 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requestedScopes,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** `repository:name/with:colon:pull,push` → type, name, actions (names have no colon in tests). */
function splitScope(scope: string): string[] {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  return [scope.slice(0, first), scope.slice(first + 1, last), scope.slice(last + 1)];
}

function basicUser(
  header: string | undefined,
  users: Readonly<Record<string, string>>,
): string | null {
  if (header === undefined || !header.startsWith('Basic ')) return null;
  const [user = '', password = ''] = Buffer.from(header.slice(6), 'base64')
    .toString('utf8')
    .split(':');
  return users[user] === password ? user : null;
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
