import { SlipwayError } from '@slipway/core';

/**
 * Where an index's OIDC endpoints are for its upload URL: PyPI uploads to
 * `upload.pypi.org/legacy/` and exchanges tokens at `pypi.org/_/oidc/…`; other indexes keep
 * their host, without the `legacy/` path.
 */
export function oidcBaseOf(uploadUrl: string): string {
  const url = new URL(uploadUrl);
  const host = url.host.startsWith('upload.') ? url.host.slice('upload.'.length) : url.host;
  const path = url.pathname.replace(/\/?legacy\/?$/, '').replace(/\/$/, '');
  return `${url.protocol}//${host}${path}`;
}

/** Which CI can hand out an OIDC token here, or undefined outside GitHub Actions and GitLab CI. */
export function trustedPublishingCi(env: NodeJS.ProcessEnv): 'github' | 'gitlab' | undefined {
  if (env['ACTIONS_ID_TOKEN_REQUEST_URL'] && env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']) return 'github';
  if (env['GITLAB_CI'] === 'true' && oidcVariable(env) !== undefined) return 'gitlab';
  return undefined;
}

/** GitLab jobs declare `id_tokens: PYPI_ID_TOKEN: {aud: <audience>}` (or SLIPWAY_ID_TOKEN). */
function oidcVariable(env: NodeJS.ProcessEnv): string | undefined {
  return env['SLIPWAY_ID_TOKEN'] ?? env['PYPI_ID_TOKEN'];
}

/**
 * Trusted publishing as PyPI documents it: ask the index for its audience
 * (`GET /_/oidc/audience`), get the CI's OIDC token for that audience (GitHub: the Actions token
 * endpoint; GitLab: the job's id_token variable), and exchange it (`POST /_/oidc/mint-token`,
 * `{"token": …}`) for a short-lived upload token, used as the password of `__token__`.
 */
export async function mintUploadToken(
  uploadUrl: string,
  env: NodeJS.ProcessEnv,
  fetchImpl: typeof fetch = fetch,
): Promise<string> {
  const ci = trustedPublishingCi(env);
  if (ci === undefined) {
    throw new SlipwayError(
      'USAGE',
      'trusted publishing needs GitHub Actions (id-token: write) or GitLab CI (id_tokens)',
      {
        subject: 'trusted publishing',
      },
    );
  }
  const base = oidcBaseOf(uploadUrl);
  const { audience } = await getJson<{ audience?: unknown }>(fetchImpl, `${base}/_/oidc/audience`);
  if (typeof audience !== 'string' || audience === '') {
    throw new SlipwayError('REFUSED', `${base}/_/oidc/audience did not name an audience`, {
      subject: base,
    });
  }
  const oidcToken =
    ci === 'github' ? await githubToken(fetchImpl, env, audience) : (oidcVariable(env) ?? '');
  const minted = await getJson<{ token?: unknown; message?: unknown }>(
    fetchImpl,
    `${base}/_/oidc/mint-token`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: oidcToken }),
    },
  );
  if (typeof minted.token !== 'string' || minted.token === '') {
    throw new SlipwayError('REFUSED', `${base} minted no upload token`, { subject: base });
  }
  return minted.token;
}

async function githubToken(
  fetchImpl: typeof fetch,
  env: NodeJS.ProcessEnv,
  audience: string,
): Promise<string> {
  const requestUrl = new URL(env['ACTIONS_ID_TOKEN_REQUEST_URL'] ?? '');
  requestUrl.searchParams.set('audience', audience);
  const { value } = await getJson<{ value?: unknown }>(fetchImpl, requestUrl.href, {
    headers: { authorization: `bearer ${env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'] ?? ''}` },
  });
  if (typeof value !== 'string' || value === '') {
    throw new SlipwayError(
      'REFUSED',
      'GitHub Actions returned no OIDC token (does the job have id-token: write?)',
    );
  }
  return value;
}

async function getJson<T>(
  fetchImpl: typeof fetch,
  url: string,
  init: RequestInit = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetchImpl(url, init);
  } catch (error) {
    throw new SlipwayError('UNREACHABLE', `cannot reach ${url}: ${(error as Error).message}`, {
      subject: url,
      cause: error,
    });
  }
  const text = await response.text();
  if (!response.ok) {
    throw new SlipwayError(
      'REFUSED',
      `${url} answered ${response.status}: ${text.trim().slice(0, 500)}`,
      { subject: url },
    );
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new SlipwayError('REFUSED', `${url} did not answer JSON`, { subject: url, cause: error });
  }
}
