import type {
  ReleaseComponent,
  RollForwardPlan,
  RollbackPlan,
  RollbackStep,
  RollbackTarget,
} from './rollback-plan.js';

/** The release about to be deployed, as far as its way back is concerned. */
export interface ReleaseToDeploy {
  readonly version: string;
  readonly digests: readonly string[];
  /** Empty means one code artifact, redeployed. */
  readonly components: readonly ReleaseComponent[];
  readonly rollForward: RollForwardPlan | null;
}

export interface PlanRollbackInput {
  readonly service: string;
  readonly environment: string;
  readonly lifecycle: readonly string[];
  readonly release: ReleaseToDeploy;
  /** The environment's current known-good deployment; null before its first deployment. */
  readonly current: RollbackTarget | null;
}

export function rollbackCommand(service: string, environment: string): string {
  return `slipway rollback ${service} --env ${environment}`;
}

/** What a release without declared components consists of: its artifacts, redeployed. */
export function effectiveComponents(
  service: string,
  components: readonly ReleaseComponent[],
): readonly ReleaseComponent[] {
  return components.length > 0
    ? components
    : [{ name: service, kind: 'code', rollback: 'redeploy' }];
}

export function irreversibleMigrations(
  components: readonly ReleaseComponent[],
): readonly ReleaseComponent[] {
  return components.filter((component) => component.rollback === 'irreversible');
}

/**
 * The way back from deploying `release` to `environment`, decided before the deployment:
 * a rollback to the current known-good deployment, a roll-forward plan where going back is
 * impossible (first deployment, irreversible migration), or none.
 */
export function planRollback(input: PlanRollbackInput): RollbackPlan {
  const { service, environment, release, current } = input;
  const components = effectiveComponents(service, release.components);
  const irreversible = irreversibleMigrations(components);
  const base = { service, environment, target: current };
  if (current === null) {
    if (release.rollForward !== null) {
      return {
        ...base,
        kind: 'roll-forward',
        steps: rollForwardSteps(service, release.rollForward),
        command: null,
        notes: [
          `first deployment of ${service} to ${environment}: nothing to roll back to; ` +
            `roll-forward plan recorded with ${release.version}: ${release.rollForward.reason}`,
        ],
      };
    }
    return {
      ...base,
      kind: 'none',
      steps: [],
      command: null,
      notes: [
        `first deployment of ${service} to ${environment}: nothing to roll back to, ` +
          `and ${release.version} records no roll-forward plan`,
      ],
    };
  }
  if (irreversible.length > 0 && release.rollForward !== null) {
    return {
      ...base,
      kind: 'roll-forward',
      steps: rollForwardSteps(service, release.rollForward),
      command: null,
      notes: [
        `${names(irreversible)} cannot be undone, so ${release.version} rolls forward instead ` +
          `of back to ${current.version}: ${release.rollForward.reason}`,
      ],
    };
  }
  const notes = [
    `returns ${environment} to ${current.version} (deployment ${current.deploymentId}): ` +
      current.digests.join(' '),
    ...irreversible.map(
      (migration) =>
        `migration ${migration.name} is irreversible and stays applied: ` +
        `${current.version} must run on the migrated schema`,
    ),
  ];
  return {
    ...base,
    kind: 'rollback',
    steps: rollbackSteps(components, current),
    command: rollbackCommand(service, environment),
    notes,
  };
}

/**
 * Workers stop taking work first, then schemas go back (before the code that expects them),
 * then the previous code returns, and only then do workers restart on it.
 */
function rollbackSteps(
  components: readonly ReleaseComponent[],
  target: RollbackTarget,
): RollbackStep[] {
  const of = (behaviour: ReleaseComponent['rollback']): ReleaseComponent[] =>
    components.filter((component) => component.rollback === behaviour);
  const workers = of('drain-restart');
  const digests = target.digests.join(' ');
  return [
    ...workers.map((worker): RollbackStep => ({
      component: worker.name,
      action: 'drain',
      description: `drain ${worker.name} so no work runs on the version being replaced`,
      command: worker.drain ?? null,
    })),
    ...of('reversible').map((migration): RollbackStep => ({
      component: migration.name,
      action: 'migrate-down',
      description:
        migration.down === undefined
          ? `run the down step of migration ${migration.name} (none declared: do it by hand)`
          : `run the down step of migration ${migration.name} before ${target.version} returns`,
      command: migration.down ?? null,
    })),
    ...of('redeploy').map((component): RollbackStep => ({
      component: component.name,
      action: 'redeploy',
      description: `redeploy ${component.name} (${component.kind}) of ${target.version}: ${digests}`,
      // The plan's command performs every redeploy at once; a command per step would repeat it.
      command: null,
    })),
    ...workers.map((worker): RollbackStep => ({
      component: worker.name,
      action: 'restart',
      description: `restart ${worker.name} on ${target.version}`,
      command: null,
    })),
  ];
}

function rollForwardSteps(service: string, plan: RollForwardPlan): RollbackStep[] {
  return plan.steps.map((step) => ({
    component: service,
    action: 'roll-forward',
    description: step,
    command: null,
  }));
}

function names(components: readonly ReleaseComponent[]): string {
  const list = components.map((component) => component.name).join(', ');
  return components.length === 1 ? `migration ${list}` : `migrations ${list}`;
}
