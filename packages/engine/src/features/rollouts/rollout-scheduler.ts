import { startRampScheduler } from '../flags/ramp-scheduler.js';

export interface RolloutScheduler {
  /** Stops the timer and waits for a tick in progress. */
  stop(): Promise<void>;
}

/**
 * Ticks the rollout service every `intervalMs` (default 1 s; ticks never overlap), with the
 * flags' ramp scheduler's timer: rollouts live in the database, so a server that restarts
 * resumes them at its first tick.
 */
export function startRolloutScheduler(
  rollouts: { tick(): Promise<unknown> },
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): RolloutScheduler {
  return startRampScheduler(
    {
      runDueRamps: async () => {
        await rollouts.tick();
        return [];
      },
    },
    options,
  );
}
