import { Agent, request } from 'node:http';

export interface LoadLoopOptions {
  /** Requests per second (default 50). */
  readonly ratePerSecond?: number;
  /** The loop stops by itself after this long even if nobody calls stop (default 120 s). */
  readonly maxSeconds?: number;
  /** Most requests in flight at once; a tick with that many waiting sends nothing (default 20). */
  readonly maxInFlight?: number;
}

export interface LoadTally {
  /** Answers by the `x-demo-version` header that served them, and by status. */
  readonly byVersion: Readonly<Record<string, { readonly ok: number; readonly failed: number }>>;
  /** Requests that got no HTTP answer (connection refused, reset, timeout). */
  readonly errors: number;
  readonly sent: number;
  /** Requests finished: answered by some version, or failed without an answer. */
  readonly done: number;
}

export interface LoadLoop {
  /** What was answered since the start or the last `reset`. */
  tally(): LoadTally;
  reset(): void;
  stop(): Promise<void>;
}

/**
 * A bounded stream of GET requests to one URL (e.g. through nginx), at a steady rate, tallied by
 * which version answered. It never runs past `maxSeconds`, so a failed test cannot leave it going.
 */
export function startLoadLoop(url: string, options: LoadLoopOptions = {}): LoadLoop {
  const rate = options.ratePerSecond ?? 50;
  const maxInFlight = options.maxInFlight ?? 20;
  const agent = new Agent({ keepAlive: true, maxSockets: maxInFlight });
  let byVersion: Record<string, { ok: number; failed: number }> = {};
  let errors = 0;
  let sent = 0;
  let inFlight = 0;
  const pending = new Set<Promise<void>>();
  const started = Date.now();
  const one = (): Promise<void> =>
    new Promise<void>((resolve) => {
      const call = request(url, { agent, timeout: 5_000 }, (response) => {
        const version = String(response.headers['x-demo-version'] ?? 'unknown');
        const entry = (byVersion[version] ??= { ok: 0, failed: 0 });
        if ((response.statusCode ?? 0) < 400) entry.ok += 1;
        else entry.failed += 1;
        response.resume();
        response.on('end', resolve);
        response.on('error', resolve);
      });
      call.on('timeout', () => call.destroy(new Error('timeout')));
      call.on('error', () => {
        errors += 1;
        resolve();
      });
      call.end();
    });
  const tick = (): void => {
    if (Date.now() - started > (options.maxSeconds ?? 120) * 1000) {
      clearInterval(timer);
      return;
    }
    if (inFlight >= maxInFlight) return;
    inFlight += 1;
    sent += 1;
    const done = one().finally(() => {
      inFlight -= 1;
      pending.delete(done);
    });
    pending.add(done);
  };
  const timer = setInterval(tick, Math.max(1, Math.round(1000 / rate)));
  return {
    tally: () => ({
      byVersion: structuredClone(byVersion),
      errors,
      sent,
      done: errors + Object.values(byVersion).reduce((sum, { ok, failed }) => sum + ok + failed, 0),
    }),
    reset: () => {
      byVersion = {};
      errors = 0;
      sent = 0;
    },
    stop: async () => {
      clearInterval(timer);
      await Promise.all(pending);
      agent.destroy();
    },
  };
}
