/** The kinds of parts a release may declare, each with its own way back. */
export const componentKinds = ['code', 'image', 'migration', 'workers'] as const;
export type ComponentKind = (typeof componentKinds)[number];

/**
 * - `redeploy`: deploy the previous digest again (code artifacts, container images).
 * - `reversible`: a migration with a down step, run before the previous code comes back.
 * - `irreversible`: a migration that only rolls forward; the release needs a roll-forward plan.
 * - `drain-restart`: workers are drained, then restarted on the previous version.
 */
export const rollbackBehaviours = [
  'redeploy',
  'reversible',
  'irreversible',
  'drain-restart',
] as const;
export type RollbackBehaviour = (typeof rollbackBehaviours)[number];

export interface ReleaseComponent {
  readonly name: string;
  readonly kind: ComponentKind;
  readonly rollback: RollbackBehaviour;
  /** Migrations: the forward step, deployed as its own step before the code. */
  readonly up?: string;
  /** Reversible migrations: the down step. */
  readonly down?: string;
  /** Workers: how to drain them (the restart is the redeploy of the previous version). */
  readonly drain?: string;
}

/** Why and how a release goes forward when going back is impossible or meaningless. */
export interface RollForwardPlan {
  readonly reason: string;
  /** What to do instead of a rollback, in order (commands or instructions). */
  readonly steps: readonly string[];
}

/** What a rollback of one environment returns to. */
export interface RollbackTarget {
  readonly deploymentId: string;
  readonly version: string;
  readonly digests: readonly string[];
}

export interface RollbackStep {
  readonly component: string;
  readonly action: 'redeploy' | 'migrate-down' | 'drain' | 'restart' | 'roll-forward';
  /** Human description of the step. */
  readonly description: string;
  /** The command to run, when there is one. */
  readonly command: string | null;
}

/**
 * The way back from a deployment, decided before it happens and stored with it: either a
 * rollback to the previous known-good deployment, a roll-forward plan, or (refused for the last
 * environment) none.
 */
export interface RollbackPlan {
  readonly service: string;
  readonly environment: string;
  readonly kind: 'rollback' | 'roll-forward' | 'none';
  readonly target: RollbackTarget | null;
  readonly steps: readonly RollbackStep[];
  /** `slipway rollback <service> --env <env>` when kind is rollback, else null. */
  readonly command: string | null;
  /** Why the plan is what it is (e.g. "first deployment to prod: roll-forward plan recorded"). */
  readonly notes: readonly string[];
}
