import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { SlipwayErrorCode } from '@slipway/core';
import { SlipwayError } from '@slipway/core';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValues = Readonly<Record<string, string | number | boolean | undefined>>;

export interface HttpCall {
  readonly method: HttpMethod;
  /** Path with its segments already encoded (see `pathOf`). */
  readonly path: string;
  readonly query?: QueryValues;
  /** JSON body, or a stream sent as application/octet-stream. */
  readonly body?: unknown;
  readonly stream?: Readable;
  /** Mutations only: the key that makes a retry act once (a fresh UUID when not given). */
  readonly idempotencyKey?: string;
}

export interface HttpTransportOptions {
  /** Base URL of the server, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /** An API token's secret, sent as `Authorization: Bearer`. */
  readonly token: string;
  readonly fetch?: typeof fetch;
}

/** `/api/services/x%2Fy`: every segment encoded, so names cannot change the route. */
export function pathOf(...segments: readonly string[]): string {
  return segments
    .map((segment, index) => (index === 0 ? segment : encodeURIComponent(segment)))
    .join('/');
}

/**
 * One request to the control plane's API, retried once when the connection fails (with the same
 * Idempotency-Key, so a mutation that did reach the server is not done twice); a streamed body
 * cannot be sent twice and is not retried. Error answers become the server's SlipwayError.
 */
export class HttpTransport {
  readonly #base: string;
  readonly #token: string;
  readonly #fetch: typeof fetch;

  constructor(options: HttpTransportOptions) {
    this.#base = options.url.replace(/\/+$/, '');
    this.#token = options.token;
    this.#fetch = options.fetch ?? globalThis.fetch;
  }

  async call<T>(call: HttpCall): Promise<T> {
    const url = this.#urlOf(call);
    const headers: Record<string, string> = { authorization: `Bearer ${this.#token}` };
    if (call.method !== 'GET') headers['idempotency-key'] = call.idempotencyKey ?? randomUUID();
    const attempts = call.stream === undefined ? 2 : 1;
    let response: Response | undefined;
    for (let attempt = 1; response === undefined; attempt += 1) {
      try {
        response = await this.#fetch(url, this.#init(call, headers));
      } catch (error) {
        if (attempt >= attempts) throw unreachable(this.#base, call, error);
      }
    }
    return parseAnswer<T>(response, this.#base, call);
  }

  #urlOf(call: HttpCall): string {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) query.set(name, String(value));
    }
    const search = query.size === 0 ? '' : `?${query.toString()}`;
    return `${this.#base}${call.path}${search}`;
  }

  #init(call: HttpCall, headers: Record<string, string>): RequestInit {
    if (call.stream !== undefined) {
      return {
        method: call.method,
        headers: { ...headers, 'content-type': 'application/octet-stream' },
        body: Readable.toWeb(call.stream) as ReadableStream<Uint8Array>,
        // Node's fetch streams a request body only in half-duplex mode.
        duplex: 'half',
      } as RequestInit;
    }
    if (call.body === undefined) return { method: call.method, headers };
    return {
      method: call.method,
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(call.body),
    };
  }
}

async function parseAnswer<T>(response: Response, base: string, call: HttpCall): Promise<T> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (response.ok) {
    if (body === undefined) {
      throw new SlipwayError(
        'INTERNAL',
        `${call.method} ${base}${call.path} answered ${response.status} without a JSON body`,
      );
    }
    return body as T;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (typeof error?.code === 'string' && typeof error.message === 'string') {
    // The server's own words: 401 and 403 say which token, role or scope is missing.
    throw new SlipwayError(error.code as SlipwayErrorCode, error.message);
  }
  throw new SlipwayError(
    response.status === 401
      ? 'UNAUTHENTICATED'
      : response.status === 403
        ? 'FORBIDDEN'
        : 'INTERNAL',
    `${call.method} ${base}${call.path} answered ${response.status} ${response.statusText}`.trim(),
  );
}

function unreachable(base: string, call: HttpCall, error: unknown): SlipwayError {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const reason =
    typeof cause?.code === 'string'
      ? cause.code
      : error instanceof Error
        ? error.message
        : String(error);
  // DATABASE: in remote mode the server is the CLI's store, and core has no code of its own for
  // a server that cannot be reached; INTERNAL would print a stack trace for a routine failure.
  return new SlipwayError('UNREACHABLE', `cannot reach the Slipway server at ${base}: ${reason}`, {
    cause: error,
    subject: base,
    hint: `is \`slipway serve\` running there? (${call.method} ${call.path})`,
  });
}
