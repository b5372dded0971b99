import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintUploadToken, oidcBaseOf } from '../../src/index.js';

const audience = 'slipway-test-index';
const requestToken = 'gha-request-token';

function jwt(claims: Record<string, string>): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.signature`;
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += (chunk as Buffer).toString('utf8');
  return text;
}

/**
 * An index and a GitHub token endpoint that check requests as PyPI documents them: the audience
 * comes from the index, the CI token is requested for it with the request bearer token, and
 * mint-token takes `{"token": <jwt>}` as JSON and checks the JWT's audience and issuer.
 */
describe('trusted publishing against a local index', () => {
  let server: Server;
  let base: string;
  const minted: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      void (async () => {
        const url = new URL(request.url ?? '/', 'http://localhost');
        const answer = (status: number, value: object): void => {
          response
            .writeHead(status, { 'content-type': 'application/json' })
            .end(JSON.stringify(value));
        };
        if (request.method === 'GET' && url.pathname === '/index/_/oidc/audience') {
          return answer(200, { audience });
        }
        if (request.method === 'GET' && url.pathname === '/github-token') {
          if (request.headers.authorization !== `bearer ${requestToken}`) return answer(401, {});
          if (url.searchParams.get('api-version') !== '2.0') return answer(400, {});
          const aud = url.searchParams.get('audience') ?? '';
          return answer(200, {
            value: jwt({ aud, iss: 'https://token.actions.githubusercontent.com' }),
          });
        }
        if (request.method === 'POST' && url.pathname === '/index/_/oidc/mint-token') {
          if (request.headers['content-type'] !== 'application/json') return answer(415, {});
          const { token } = JSON.parse(await bodyOf(request)) as { token: string };
          const claims = JSON.parse(
            Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
          ) as Record<string, string>;
          if (claims['aud'] !== audience) {
            return answer(422, {
              message: 'Token request failed',
              errors: [{ code: 'invalid-token' }],
            });
          }
          minted.push(claims['iss'] ?? '');
          return answer(200, { success: true, token: `pypi-minted-for-${claims['iss'] ?? ''}` });
        }
        return answer(404, {});
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('finds the OIDC endpoints of an upload URL', () => {
    expect(oidcBaseOf('https://upload.pypi.org/legacy/')).toBe('https://pypi.org');
    expect(oidcBaseOf('https://test.pypi.org/legacy/')).toBe('https://test.pypi.org');
    expect(oidcBaseOf('http://127.0.0.1:8080/index/legacy/')).toBe('http://127.0.0.1:8080/index');
  });

  it('exchanges a GitHub Actions OIDC token for an upload token', async () => {
    const env = {
      ACTIONS_ID_TOKEN_REQUEST_URL: `${base}/github-token?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken,
    };
    expect(await mintUploadToken(`${base}/index/legacy/`, env)).toBe(
      'pypi-minted-for-https://token.actions.githubusercontent.com',
    );
  });

  it('exchanges a GitLab CI id_token, and reports the index refusing a wrong audience', async () => {
    const gitlab = (aud: string) => ({
      GITLAB_CI: 'true',
      PYPI_ID_TOKEN: jwt({ aud, iss: 'https://gitlab.com' }),
    });
    expect(await mintUploadToken(`${base}/index/legacy/`, gitlab(audience))).toBe(
      'pypi-minted-for-https://gitlab.com',
    );
    await expect(mintUploadToken(`${base}/index/legacy/`, gitlab('pypi'))).rejects.toThrow(
      /mint-token answered 422: .*Token request failed/,
    );
  });

  it('needs a CI that hands out OIDC tokens', async () => {
    await expect(mintUploadToken(`${base}/index/legacy/`, {})).rejects.toThrow(/GitHub Actions/);
  });
});
