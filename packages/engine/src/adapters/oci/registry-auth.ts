import { SlipwayError } from '@slipway/core';

export interface RegistryCredentials {
  readonly username: string;
  readonly password: string;
}

export interface AuthChallenge {
  readonly scheme: 'basic' | 'bearer';
  readonly realm: string;
  readonly service: string | null;
  /** Space-separated scopes, as the registry asks for them (`repository:app:pull,push`). */
  readonly scope: string | null;
}

/** Parses a `WWW-Authenticate` header; null for a scheme Slipway does not speak. */
export function parseAuthChallenge(header: string | null): AuthChallenge | null {
  if (header === null) return null;
  const match = /^\s*(\w+)\s*(.*)$/s.exec(header);
  if (match === null) return null;
  const scheme = (match[1] ?? '').toLowerCase();
  if (scheme !== 'basic' && scheme !== 'bearer') return null;
  const params = new Map<string, string>();
  // Values are quoted and may hold commas (a scope lists actions), so split on quotes, not commas.
  for (const param of (match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)) {
    params.set((param[1] ?? '').toLowerCase(), param[2] ?? '');
  }
  return {
    scheme,
    realm: params.get('realm') ?? '',
    service: params.get('service') ?? null,
    scope: params.get('scope') ?? null,
  };
}

export function basicAuthorization(credentials: RegistryCredentials): string {
  const pair = `${credentials.username}:${credentials.password}`;
  return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
}

/**
 * The token flow of the distribution spec: GET the realm with service and scope (and basic
 * credentials when there are any), read `token` or `access_token` from the JSON answer.
 */
export async function fetchBearerToken(
  challenge: AuthChallenge,
  credentials: RegistryCredentials | null,
  registry: string,
): Promise<string> {
  let url: URL;
  try {
    url = new URL(challenge.realm);
  } catch (error) {
    throw new SlipwayError(
      'UNREACHABLE',
      `${registry} names an invalid token realm ${challenge.realm}`,
      {
        subject: registry,
        cause: error,
      },
    );
  }
  if (challenge.service !== null) url.searchParams.set('service', challenge.service);
  for (const scope of (challenge.scope ?? '').split(' ')) {
    if (scope !== '') url.searchParams.append('scope', scope);
  }
  const headers: Record<string, string> = {};
  if (credentials !== null) headers.authorization = basicAuthorization(credentials);
  let response: Response;
  try {
    response = await fetch(url, { headers });
  } catch (error) {
    throw new SlipwayError(
      'UNREACHABLE',
      `the token service of ${registry} (${url.origin}) is unreachable`,
      {
        subject: registry,
        cause: error,
      },
    );
  }
  if (response.status === 401 || response.status === 403) {
    throw new SlipwayError(
      'UNAUTHENTICATED',
      `the token service of ${registry} refused the credentials${credentials === null ? ' (none given)' : ` of ${credentials.username}`}`,
      { subject: registry, hint: 'set SLIPWAY_REGISTRY_USERNAME and SLIPWAY_REGISTRY_PASSWORD' },
    );
  }
  if (!response.ok) {
    throw new SlipwayError(
      'UNREACHABLE',
      `the token service of ${registry} answered ${response.status}`,
      {
        subject: registry,
      },
    );
  }
  const body = (await response.json()) as { token?: unknown; access_token?: unknown };
  const token = typeof body.token === 'string' ? body.token : body.access_token;
  if (typeof token !== 'string' || token === '') {
    throw new SlipwayError('UNREACHABLE', `the token service of ${registry} returned no token`, {
      subject: registry,
    });
  }
  return token;
}
