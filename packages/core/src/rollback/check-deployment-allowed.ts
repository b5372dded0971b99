import type { ReleaseComponent, RollForwardPlan, RollbackTarget } from './rollback-plan.js';
import { irreversibleMigrations } from './plan-rollback.js';

export interface DeploymentCheckInput {
  readonly service: string;
  readonly lifecycle: readonly string[];
  readonly environment: string;
  /** Promotions: the environment the digests come from. */
  readonly from?: string | null;
  /** The service's policy lets a release skip environments of its lifecycle. */
  readonly allowSkip: boolean;
  readonly release: {
    readonly version: string;
    readonly components: readonly ReleaseComponent[];
    readonly rollForward: RollForwardPlan | null;
  };
  /** Environments where this same release has succeeded before. */
  readonly succeededIn: readonly string[];
  /** The environment's current known-good deployment (the rollback path), if any. */
  readonly current: RollbackTarget | null;
}

/** Every unmet rule is listed, so one answer says all that must change. */
export interface DeploymentVerdict {
  readonly allowed: boolean;
  readonly reasons: readonly string[];
}

/**
 * The rules a deployment passes before anything runs: environments exist, promotion goes to the
 * next environment of the lifecycle, a release reaches an environment only after the one before,
 * and the last environment is reached only with a way back.
 */
export function checkDeploymentAllowed(input: DeploymentCheckInput): DeploymentVerdict {
  const { service, lifecycle, environment, release } = input;
  const order = lifecycle.join(' → ');
  const unknown = [input.from, environment].filter(
    (name): name is string => typeof name === 'string' && !lifecycle.includes(name),
  );
  if (unknown.length > 0) {
    return refused(
      unknown.map(
        (name) => `unknown environment "${name}" for ${service}; its lifecycle is ${order}`,
      ),
    );
  }
  const index = lifecycle.indexOf(environment);
  const reasons: string[] = [];
  if (typeof input.from === 'string') {
    const fromIndex = lifecycle.indexOf(input.from);
    if (fromIndex >= index) {
      reasons.push(
        `promotion goes forward in the lifecycle (${order}): ${input.from} does not come before ${environment}`,
      );
    } else if (fromIndex !== index - 1 && !input.allowSkip) {
      reasons.push(
        `promotion from ${input.from} to ${environment} skips ${lifecycle.slice(fromIndex + 1, index).join(', ')}; ` +
          `${service} does not allow skipping environments (lifecycle ${order})`,
      );
    }
  }
  const previous = lifecycle[index - 1];
  if (previous !== undefined && !input.allowSkip && !input.succeededIn.includes(previous)) {
    reasons.push(
      `${service} ${release.version} has not succeeded in ${previous}, which comes before ` +
        `${environment} (lifecycle ${order}); ${service} does not allow skipping environments`,
    );
  }
  if (index === lifecycle.length - 1) reasons.push(...lastEnvironmentReasons(input));
  return reasons.length === 0 ? { allowed: true, reasons: [] } : refused(reasons);
}

function lastEnvironmentReasons(input: DeploymentCheckInput): string[] {
  const { service, environment, release } = input;
  const reasons: string[] = [];
  if (input.current === null && release.rollForward === null) {
    reasons.push(
      `${environment} is the last environment of ${service} and has no rollback path: ` +
        `no previous good deployment, and ${release.version} records no roll-forward plan`,
    );
  }
  const irreversible = irreversibleMigrations(release.components);
  if (irreversible.length > 0 && release.rollForward === null) {
    reasons.push(
      `${release.version} has irreversible migration${irreversible.length === 1 ? '' : 's'} ` +
        `${irreversible.map((m) => m.name).join(', ')} and no roll-forward plan; ` +
        `${environment} is the last environment of ${service}`,
    );
  }
  return reasons;
}

function refused(reasons: readonly string[]): DeploymentVerdict {
  return { allowed: false, reasons };
}
