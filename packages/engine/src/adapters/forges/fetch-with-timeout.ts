/**
 * A fetch that gives up after `timeoutMs`, reading the body included, so a hung forge fails
 * the command instead of hanging CI until its own job timeout. It fails with a `TimeoutError`.
 */
export function fetchWithTimeout(timeoutMs: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return fetch(input, { ...init, signal });
  };
}

export const DEFAULT_FORGE_TIMEOUT_MS = 30_000;
