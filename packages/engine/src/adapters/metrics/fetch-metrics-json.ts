import { SlipwayError } from '@slipway/core';

export interface MetricsHttpOptions {
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
  /** The caller's signal (an analysis run that stops); its reason is rethrown as it is. */
  readonly signal?: AbortSignal | undefined;
  /** What is being fetched, for messages: `prometheus query rate(x[1m]) at http://…`. */
  readonly what: string;
}

export interface MetricsHttpAnswer {
  readonly status: number;
  /** The parsed JSON document, or undefined when the body is not JSON. */
  readonly json: unknown;
  readonly text: string;
}

/**
 * One HTTP exchange of a metrics provider, body read included, bounded by `timeoutMs`. A
 * connection failure or timeout is an UNREACHABLE SlipwayError naming `what`; the status is left
 * to the caller, who knows what the body of an error answer says.
 */
export async function fetchMetricsJson(
  url: string,
  init: RequestInit,
  options: MetricsHttpOptions,
): Promise<MetricsHttpAnswer> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const response = await options.fetch(url, { ...init, signal });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text) as unknown;
    } catch {
      json = undefined;
    }
    return { status: response.status, json, text };
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    const reason = timeout.aborted
      ? `timed out after ${options.timeoutMs / 1000} s`
      : describeFetchError(error);
    throw new SlipwayError('UNREACHABLE', `${options.what}: ${reason}`, { cause: error });
  }
}

function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

/** The first 200 characters of a body, on one line, for an error message. */
export function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
