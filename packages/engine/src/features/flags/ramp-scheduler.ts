import type { FlagRamp } from './flag-record.js';

export interface RampScheduler {
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Runs due ramp steps every `intervalMs` (runs never overlap). The ramps live in the database,
 * so a server that restarts picks up where the last one stopped; steps missed while no server
 * ran are caught up at the first run (the latest due step of each ramp).
 */
export function startRampScheduler(
  flags: { runDueRamps(): Promise<FlagRamp[]> },
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): RampScheduler {
  const intervalMs = options.intervalMs ?? 1_000;
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = (): void => {
    // A slow run (a busy database) is not queued behind: the next tick after it catches up.
    if (stopped || running !== undefined) return;
    running = flags
      .runDueRamps()
      .then(
        () => undefined,
        (error: unknown) => options.onError?.(error),
      )
      .finally(() => {
        running = undefined;
      });
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
