import type { RollbackPlan } from '@slipway/core';
import type { Deployment } from '@slipway/engine';
import type { Output } from '../output.js';

/** `sha256:0123456789ab` — enough to tell digests apart on a terminal. */
export function shortDigest(digest: string): string {
  return digest.slice(0, 'sha256:'.length + 12);
}

const verbs: Readonly<Record<Deployment['action'], string>> = {
  deploy: 'deployed',
  promote: 'promoted',
  rollback: 'rolled back',
};

export function printDeployment(deployment: Deployment, output: Output): void {
  const { style } = output;
  const ok = deployment.status === 'succeeded';
  const status =
    ok || deployment.status === 'in_progress'
      ? style.green(deployment.status)
      : style.red(deployment.status);
  const from = deployment.sourceEnvironment === null ? '' : ` from ${deployment.sourceEnvironment}`;
  output.line(
    `${verbs[deployment.action]} ${style.bold(deployment.service)} ${deployment.version}${from} to ${style.cyan(deployment.environment)}: ${status} ${style.dim(`(${deployment.id}, ${deployment.deployer})`)}`,
  );
  for (const digest of deployment.digests) output.line(`  ${style.dim(digest)}`);
  const target = deployment.rollbackTarget;
  if (target !== null && deployment.rollbackCommand !== null) {
    output.line(
      `  rollback: ${deployment.rollbackCommand} ${style.dim(`→ ${target.version} (${target.digests.map(shortDigest).join(', ')})`)}`,
    );
  } else if (deployment.rollbackPlan.kind === 'roll-forward') {
    output.line(`  rollback: none; roll-forward plan recorded with the release`);
  }
}

/** A failed deployment's logs, last lines first seen: on stderr so --json stays clean. */
export function printFailure(deployment: Deployment, output: Output): void {
  if (deployment.status !== 'failed') return;
  const tail = deployment.logs.trimEnd().split('\n').slice(-20).join('\n');
  output.error(
    `deployment ${deployment.id} of ${deployment.service} ${deployment.version} to ${deployment.environment} failed${tail === '' ? '' : `:\n${tail}`}`,
  );
}

export function printRollbackPlan(plan: RollbackPlan, output: Output): void {
  const { style } = output;
  const heading: Readonly<Record<RollbackPlan['kind'], string>> = {
    rollback: `roll back ${plan.service} in ${plan.environment}`,
    'roll-forward': `roll forward ${plan.service} in ${plan.environment} (no rollback)`,
    none: `no way back for ${plan.service} in ${plan.environment}`,
  };
  output.line(style.bold(heading[plan.kind]));
  if (plan.target !== null) {
    output.line(
      `  target: ${plan.target.version} ${style.dim(`(deployment ${plan.target.deploymentId})`)}`,
    );
    for (const digest of plan.target.digests) output.line(`    ${style.dim(digest)}`);
  }
  plan.steps.forEach((step, index) => {
    output.line(`  ${index + 1}. [${step.component}] ${step.description}`);
    if (step.command !== null) output.line(`     $ ${step.command}`);
  });
  if (plan.command !== null) output.line(`  run: ${style.cyan(plan.command)}`);
  for (const note of plan.notes) output.line(style.dim(`  note: ${note}`));
}
