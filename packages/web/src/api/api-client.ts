import type {
  ApiToken,
  Artifact,
  ChangeRequest,
  ChangeRequestStatus,
  ChangeRequestView,
  Deployment,
  FlagVersion,
  LedgerPage,
  LedgerVerification,
  Release,
  Rollout,
  RolloutStatus,
  Service,
  StatusView,
  StoredFlag,
  Whoami,
} from './api-types.js';
import { followEventStream } from './change-stream.js';

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

export interface RolloutQuery {
  readonly service?: string;
  readonly environment?: string;
  readonly status?: RolloutStatus;
  readonly limit?: number;
}

/** What a button may ask of a rollout (POST /api/rollouts/:id/<action>). */
export type RolloutAction = 'promote' | 'pause' | 'resume' | 'abort' | 'retry';

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

  /** Admins only. */
  listTokens(): Promise<ApiToken[]> {
    return this.get('/api/tokens');
  }

  /** The signed-in token: its ledger actor, role and scope (any valid token may ask). */
  whoami(): Promise<Whoami> {
    return this.get('/api/whoami');
  }

  listChangeRequests(query: {
    readonly service?: string;
    readonly status?: ChangeRequestStatus;
  }): Promise<ChangeRequest[]> {
    return this.get(`/api/change-requests${queryString({ ...query })}`);
  }

  getChangeRequest(id: string): Promise<ChangeRequestView> {
    return this.get(`/api/change-requests/${encodeURIComponent(id)}`);
  }

  /** `seenDigest` is the content the approver read: the server refuses when it changed since. */
  decideChangeRequest(
    id: string,
    decision: 'approve' | 'reject',
    body: { readonly comment?: string; readonly seenDigest?: string },
  ): Promise<ChangeRequestView> {
    return this.send('POST', `/api/change-requests/${encodeURIComponent(id)}/${decision}`, body);
  }

  listFlags(service: string, environment: string): Promise<StoredFlag[]> {
    return this.get(`${flagBase(service, environment)}/flags`);
  }

  flagHistory(service: string, environment: string, key: string): Promise<FlagVersion[]> {
    return this.get(`${flagBase(service, environment)}/flags/${encodeURIComponent(key)}/versions`);
  }

  setFlagState(
    service: string,
    environment: string,
    key: string,
    state: 'ENABLED' | 'DISABLED',
  ): Promise<StoredFlag> {
    const path = `${flagBase(service, environment)}/flags/${encodeURIComponent(key)}`;
    return this.send('PATCH', path, { state });
  }

  killFlag(service: string, environment: string, key: string): Promise<StoredFlag> {
    const path = `${flagBase(service, environment)}/flags/${encodeURIComponent(key)}/kill`;
    return this.send('POST', path, {});
  }

  /** `variant` only on the first step of a flag without targeting. */
  rolloutFlag(
    service: string,
    environment: string,
    key: string,
    percent: number,
    variant?: string,
  ): Promise<StoredFlag> {
    const path = `${flagBase(service, environment)}/flags/${encodeURIComponent(key)}/rollout`;
    return this.send('POST', path, variant === undefined ? { percent } : { percent, variant });
  }

  listRollouts(query: RolloutQuery): Promise<Rollout[]> {
    return this.get(`/api/rollouts${queryString({ ...query })}`);
  }

  getRollout(id: string): Promise<Rollout> {
    return this.get(`/api/rollouts/${encodeURIComponent(id)}`);
  }

  /** Bodies: promote `{ full? }`, abort `{ reason? }`, the others `{}`. */
  controlRollout(id: string, action: RolloutAction, body: object = {}): Promise<Rollout> {
    return this.send('POST', `/api/rollouts/${encodeURIComponent(id)}/${action}`, body);
  }

  /** Calls `onChange` whenever the flags of a service's environment change (SSE), until aborted. */
  followFlagChanges(
    service: string,
    environment: string,
    onChange: () => void,
    signal: AbortSignal,
  ): void {
    const path = `/flags/${encodeURIComponent(service)}/${encodeURIComponent(environment)}/ofrep/v1/events`;
    followEventStream(`${this.baseUrl}${path}`, this.token, onChange, signal, this.fetchFn);
  }

  private get<T>(path: string): Promise<T> {
    return this.request('GET', path, undefined);
  }

  private send<T>(method: 'POST' | 'PATCH', path: string, body: object): Promise<T> {
    return this.request(method, path, body);
  }

  private async request<T>(method: string, path: string, body: object | undefined): Promise<T> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.token}`,
      accept: 'application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await this.fetchFn(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer: unknown = await response.json().catch(() => null);
    if (!response.ok) throw errorOf(response.status, answer);
    return answer as T;
  }
}

function errorOf(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : `HTTP_${status}`;
  const message =
    typeof error?.message === 'string' ? error.message : `the server answered ${status}`;
  return new ApiError(status, code, message);
}

function flagBase(service: string, environment: string): string {
  return `/api/services/${encodeURIComponent(service)}/environments/${encodeURIComponent(environment)}`;
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
