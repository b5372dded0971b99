import type {
  Artifact,
  Deployment,
  LedgerPage,
  LedgerVerification,
  Release,
  Service,
  StatusView,
} from './api-types.js';

/** An answer other than 2xx, with the API's own error code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface LedgerQuery {
  readonly subject?: string;
  readonly type?: string;
  readonly actor?: string;
  readonly since?: string;
  readonly until?: string;
  readonly limit?: number;
  readonly after?: number;
}

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** The dashboard's only way to the server: every call sends the signed-in token. */
export class ApiClient {
  constructor(
    private readonly token: string,
    private readonly fetchFn: Fetch = (input, init) => fetch(input, init),
    private readonly baseUrl = '',
  ) {}

  listServices(): Promise<Service[]> {
    return this.get('/api/services');
  }

  status(): Promise<StatusView> {
    return this.get('/api/status');
  }

  listReleases(service: string): Promise<Release[]> {
    return this.get(`/api/services/${encodeURIComponent(service)}/releases`);
  }

  getRelease(service: string, version: string): Promise<Release> {
    const path = `${encodeURIComponent(service)}/releases/${encodeURIComponent(version)}`;
    return this.get(`/api/services/${path}`);
  }

  listArtifacts(service: string, version: string): Promise<Artifact[]> {
    return this.get(`/api/artifacts${queryString({ service, version })}`);
  }

  /** Newest first; the API returns at most 1,000 per call. */
  listDeployments(service: string, limit = 1000): Promise<Deployment[]> {
    const query = queryString({ limit });
    return this.get(`/api/services/${encodeURIComponent(service)}/deployments${query}`);
  }

  listEvents(query: LedgerQuery): Promise<LedgerPage> {
    return this.get(`/api/ledger/events${queryString({ ...query })}`);
  }

  verifyLedger(): Promise<LedgerVerification> {
    return this.get('/api/ledger/verify');
  }

  private async get<T>(path: string): Promise<T> {
    const response = await this.fetchFn(`${this.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${this.token}`, accept: 'application/json' },
    });
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) throw errorOf(response.status, body);
    return body as T;
  }
}

function errorOf(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : `HTTP_${status}`;
  const message =
    typeof error?.message === 'string' ? error.message : `the server answered ${status}`;
  return new ApiError(status, code, message);
}

/** `?a=1&b=x` of the defined, non-empty values; `''` when none. */
export function queryString(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
