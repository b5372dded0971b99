import type { ActOptions } from '../control-plane/control-plane.js';
import type { HttpCall, HttpTransport } from '../control-plane/http-control-plane-transport.js';
import { pathOf } from '../control-plane/http-control-plane-transport.js';
import type { FlagControlPlane } from './flag-control-plane.js';
import type {
  CreatedFlagClientKey,
  FlagClientKey,
  FlagImportReport,
  FlagRamp,
  RampRequest,
  FlagPatch,
  FlagScope,
  FlagSetExport,
  FlagVersion,
  RolloutRequest,
  StoredFlag,
} from './flag-record.js';
import type { StaleFlag } from './stale-flags.js';

/** `/api/services/<s>/environments/<e>/flags`, every segment encoded. */
export function flagsPath(scope: FlagScope, ...rest: readonly string[]): string {
  return pathOf('/api/services', scope.service, 'environments', scope.env, 'flags', ...rest);
}

/** The flag operations of a running `slipway serve`, over its HTTP API. */
export class HttpFlagControlPlane implements FlagControlPlane {
  readonly #http: HttpTransport;

  constructor(http: HttpTransport) {
    this.#http = http;
  }

  listFlags(scope: FlagScope): Promise<StoredFlag[]> {
    return this.#http.call({ method: 'GET', path: flagsPath(scope) });
  }

  getFlag(scope: FlagScope, key: string): Promise<StoredFlag> {
    return this.#http.call({ method: 'GET', path: flagsPath(scope, key) });
  }

  staleFlags(service: string, days: number): Promise<StaleFlag[]> {
    const path = `${pathOf('/api/services', service)}/stale-flags`;
    return this.#http.call({ method: 'GET', path, query: { days } });
  }

  flagHistory(scope: FlagScope, key: string): Promise<FlagVersion[]> {
    return this.#http.call({ method: 'GET', path: `${flagsPath(scope, key)}/versions` });
  }

  setFlag(
    scope: FlagScope,
    key: string,
    patch: FlagPatch,
    options: ActOptions,
  ): Promise<StoredFlag> {
    return this.#act({ method: 'PATCH', path: flagsPath(scope, key), body: patch }, options);
  }

  importFlags(scope: FlagScope, file: unknown, options: ActOptions): Promise<FlagImportReport> {
    const path = pathOf('/api/services', scope.service, 'environments', scope.env, 'flag-file');
    return this.#act({ method: 'PUT', path, body: file }, options);
  }

  exportFlags(scope: FlagScope): Promise<FlagSetExport> {
    const path = pathOf('/api/services', scope.service, 'environments', scope.env, 'flag-file');
    return this.#http.call({ method: 'GET', path });
  }

  killFlag(scope: FlagScope, key: string, options: ActOptions): Promise<StoredFlag> {
    return this.#act({ method: 'POST', path: `${flagsPath(scope, key)}/kill`, body: {} }, options);
  }

  rolloutFlag(
    scope: FlagScope,
    key: string,
    request: RolloutRequest,
    options: ActOptions,
  ): Promise<StoredFlag> {
    const path = `${flagsPath(scope, key)}/rollout`;
    return this.#act({ method: 'POST', path, body: request }, options);
  }

  scheduleRamp(
    scope: FlagScope,
    key: string,
    request: RampRequest,
    options: ActOptions,
  ): Promise<FlagRamp> {
    const path = `${flagsPath(scope, key)}/ramps`;
    return this.#act({ method: 'POST', path, body: request }, options);
  }

  listRamps(scope: FlagScope): Promise<FlagRamp[]> {
    const path = pathOf('/api/services', scope.service, 'environments', scope.env, 'flag-ramps');
    return this.#http.call({ method: 'GET', path });
  }

  cancelRamp(id: string, options: ActOptions): Promise<FlagRamp> {
    return this.#act({ method: 'DELETE', path: pathOf('/api/flag-ramps', id) }, options);
  }

  createClientKey(scope: FlagScope, options: ActOptions): Promise<CreatedFlagClientKey> {
    return this.#act({ method: 'POST', path: '/api/flag-client-keys', body: scope }, options);
  }

  listClientKeys(): Promise<FlagClientKey[]> {
    return this.#http.call({ method: 'GET', path: '/api/flag-client-keys' });
  }

  revokeClientKey(id: string, options: ActOptions): Promise<FlagClientKey> {
    return this.#act({ method: 'DELETE', path: pathOf('/api/flag-client-keys', id) }, options);
  }

  #act<T>(call: HttpCall, options: ActOptions): Promise<T> {
    return this.#http.call({
      ...call,
      ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
    });
  }
}
