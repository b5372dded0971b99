import { forgeError, apiErrorMessage, isTimeout } from '../../../adapters/forges/forge-error.js';
import type { PullRequestForgeKind } from '../../../adapters/forges/forge-port.js';

export interface ForgeHttpOptions {
  readonly forge: PullRequestForgeKind;
  readonly token: string;
  readonly headers: Record<string, string>;
  readonly fetch: typeof fetch;
  /** Pages followed at most, so a runaway listing cannot loop. */
  readonly maxPages?: number;
}

/**
 * GETs every page of a listing: GitHub's `Link: <…>; rel="next"`, GitLab's `X-Next-Page`.
 * Failures are FORGE_FAILED with the operation, the status and the API's words; an exhausted
 * rate limit says when it resets.
 */
export async function getAllPages<T>(
  options: ForgeHttpOptions,
  url: string,
  operation: string,
): Promise<T[]> {
  const items: T[] = [];
  let next: string | null = url;
  for (let page = 0; next !== null && page < (options.maxPages ?? 20); page++) {
    const response = await get(options, next, operation);
    const data = (await response.json()) as unknown;
    items.push(...(Array.isArray(data) ? (data as T[]) : [data as T]));
    next = nextPage(response, next);
  }
  return items;
}

export async function getOne<T>(
  options: ForgeHttpOptions,
  url: string,
  operation: string,
): Promise<T> {
  return (await (await get(options, url, operation)).json()) as T;
}

async function get(options: ForgeHttpOptions, url: string, operation: string): Promise<Response> {
  let response: Response;
  try {
    response = await options.fetch(url, { headers: options.headers });
  } catch (error) {
    throw forgeError({
      forge: options.forge,
      operation,
      status: null,
      apiMessage: isTimeout(error)
        ? 'timed out'
        : error instanceof Error
          ? error.message
          : String(error),
      token: options.token,
      cause: error,
    });
  }
  if (response.ok) return response;
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    // Not JSON: the text is the message.
  }
  throw forgeError({
    forge: options.forge,
    operation,
    status: response.status,
    apiMessage: apiErrorMessage(body, response.statusText || 'request failed'),
    token: options.token,
    ...(rateLimitHint(response) === null ? {} : { hint: rateLimitHint(response) ?? '' }),
  });
}

function rateLimitHint(response: Response): string | null {
  const remaining =
    response.headers.get('x-ratelimit-remaining') ?? response.headers.get('ratelimit-remaining');
  if (remaining !== '0' && response.status !== 429) return null;
  const reset =
    response.headers.get('x-ratelimit-reset') ?? response.headers.get('ratelimit-reset');
  const retry = response.headers.get('retry-after');
  if (reset !== null && /^\d+$/.test(reset)) {
    return `The API rate limit is exhausted until ${new Date(Number(reset) * 1000).toISOString()}.`;
  }
  return retry === null
    ? 'The API rate limit is exhausted; try again later.'
    : `The API rate limit is exhausted; retry after ${retry} s.`;
}

function nextPage(response: Response, current: string): string | null {
  const link = response.headers.get('link');
  if (link !== null) {
    const next = /<([^>]+)>\s*;\s*rel="next"/.exec(link)?.[1];
    return next ?? null;
  }
  const page = response.headers.get('x-next-page');
  if (page === null || page === '') return null;
  const url = new URL(current);
  url.searchParams.set('page', page);
  return url.toString();
}
