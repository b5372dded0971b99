import type { Rollout, RolloutStatus } from './rollout-record.js';

type Act = { readonly actor: string; readonly idempotencyKey?: string };

export interface RolloutQuery {
  readonly service?: string;
  readonly environment?: string;
  readonly status?: RolloutStatus;
  /** Newest first; default 50. */
  readonly limit?: number;
}

/**
 * Manual control of rollouts, the same embedded and over HTTP. Every call is a ledger event.
 * HTTP: GET /api/rollouts?service&environment&status&limit, GET /api/rollouts/:id,
 * POST /api/rollouts/:id/{promote,abort,retry,pause,resume} (bodies: promote {full?: boolean},
 * abort {reason?: string}); access: `rollouts.read` (viewer), `rollouts.control` (releaser).
 */
export interface RolloutControlPlane {
  listRollouts(query?: RolloutQuery): Promise<Rollout[]>;
  getRollout(id: string): Promise<Rollout>;
  /** Ends a pause (or skips the current step); `full` jumps to 100% skipping remaining steps and analyses. */
  promoteRollout(id: string, options: Act & { readonly full?: boolean }): Promise<Rollout>;
  /** All traffic to stable, deployment failed, the release's flags restored (or frozen, see RolloutStatus). */
  abortRollout(id: string, options: Act & { readonly reason?: string }): Promise<Rollout>;
  /** An aborted rollout starts again from its first step (same deployment, new attempt). */
  retryRollout(id: string, options: Act): Promise<Rollout>;
  pauseRollout(id: string, options: Act): Promise<Rollout>;
  resumeRollout(id: string, options: Act): Promise<Rollout>;
}
