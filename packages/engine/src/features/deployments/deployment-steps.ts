import type { ReleaseComponent, RollbackPlan } from '@slipway/core';

/**
 * A step a deployer performs before the code itself: a migration, deployed on its own so a
 * failed migration stops the deployment before any code changes; or, on a rollback, a
 * migration's down step or a drain of workers, before the previous code returns.
 */
export interface DeploymentStep {
  readonly kind: 'migrate' | 'migrate-down' | 'drain';
  readonly component: string;
  /** What the release declared; the deploy program decides how and where it runs. */
  readonly command: string;
}

/** Forward: each migration component with an `up` step, in the order the release lists them. */
export function forwardSteps(components: readonly ReleaseComponent[]): DeploymentStep[] {
  return components
    .filter((component) => component.kind === 'migration' && component.up !== undefined)
    .map((component) => ({
      kind: 'migrate',
      component: component.name,
      command: component.up ?? '',
    }));
}

/** Back: the down and drain steps of the plan recorded with the deployment being rolled back. */
export function rollbackSteps(plan: RollbackPlan): DeploymentStep[] {
  return plan.steps.flatMap((step): DeploymentStep[] => {
    if (step.command === null) return [];
    if (step.action === 'migrate-down') {
      return [{ kind: 'migrate-down', component: step.component, command: step.command }];
    }
    if (step.action === 'drain') {
      return [{ kind: 'drain', component: step.component, command: step.command }];
    }
    return [];
  });
}
