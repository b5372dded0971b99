import type { ReviewView } from './approval-records.js';

export interface OverdueReviewScheduler {
  stop(): Promise<void>;
}

/** Announces overdue post-release reviews every `intervalMs` (default a minute), in the server. */
export function startOverdueReviewScheduler(
  reviews: { announceOverdue(): Promise<ReviewView[]> },
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): OverdueReviewScheduler {
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = (): void => {
    // A slow run is not queued behind: the next tick after it catches up.
    if (stopped || running !== undefined) return;
    running = reviews
      .announceOverdue()
      .then(
        () => undefined,
        (error: unknown) => options.onError?.(error),
      )
      .finally(() => {
        running = undefined;
      });
  };
  tick();
  const timer = setInterval(tick, options.intervalMs ?? 60_000);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
