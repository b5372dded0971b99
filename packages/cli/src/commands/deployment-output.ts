import type { RollbackPlan } from '@slipway/core';
import type { ControlPlane, Deployment, DeploymentCiContext, Rollout } from '@slipway/engine';
import { checkDeploymentCiContext } from '@slipway/engine';
import type { Output } from '../output.js';
import { describeStep } from './rollout-output.js';

/** A container image a deployment runs: its digest is one of the deployment's digests. */
export interface DeploymentImage {
  /** `registry/repository@sha256:…` */
  readonly reference: string;
  readonly digest: string;
  readonly commit: string | null;
}

/** A deployment as shown: with the images among its digests, when they are known. */
export type ShownDeployment = Deployment & {
  readonly images?: readonly DeploymentImage[];
  /** The CI run that asked for it, from its `deployment.started` event. */
  readonly ci?: DeploymentCiContext;
};

/**
 * Adds to each deployment the `oci-image` artifacts among its digests (one artifact listing per
 * service), so people see the image digest next to the version and the commit.
 */
export async function withImages<T extends Deployment>(
  controlPlane: Pick<ControlPlane, 'listArtifacts'>,
  deployments: readonly T[],
): Promise<(T & { images: DeploymentImage[] })[]> {
  const services = [...new Set(deployments.map((d) => d.service))];
  const listed = await Promise.all(
    services.map((service) => controlPlane.listArtifacts({ service })),
  );
  const images = new Map(
    listed
      .flat()
      .filter((artifact) => artifact.kind === 'oci-image')
      .map((artifact) => [artifact.digest, artifact]),
  );
  return deployments.map((deployment) => ({
    ...deployment,
    images: deployment.digests.flatMap((digest) => {
      const image = images.get(digest);
      return image === undefined
        ? []
        : [{ reference: `${image.name}@${digest}`, digest, commit: image.sourceCommit }];
    }),
  }));
}

/** `image registry/repo@sha256:0123456789ab (commit 0123456)`, or '' without an image. */
export function imageLabel(deployment: ShownDeployment): string {
  return (deployment.images ?? [])
    .map((image) => {
      const repository = image.reference.slice(0, image.reference.indexOf('@'));
      const commit = image.commit === null ? '' : ` commit ${image.commit.slice(0, 7)}`;
      return `image ${repository}@${shortDigest(image.digest)}${commit}`;
    })
    .join(', ');
}

/** `sha256:0123456789ab` — enough to tell digests apart on a terminal. */
export function shortDigest(digest: string): string {
  return digest.slice(0, 'sha256:'.length + 12);
}

const verbs: Readonly<Record<Deployment['action'], string>> = {
  deploy: 'deployed',
  promote: 'promoted',
  rollback: 'rolled back',
};

export function printDeployment(deployment: ShownDeployment, output: Output): void {
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
  const images = new Map((deployment.images ?? []).map((image) => [image.digest, image]));
  for (const digest of deployment.digests) {
    const image = images.get(digest);
    if (image === undefined) output.line(`  ${style.dim(digest)}`);
    else {
      const commit = image.commit === null ? '' : ` ${style.dim(`(commit ${image.commit})`)}`;
      output.line(`  image ${image.reference}${commit}`);
    }
  }
  if (deployment.ci !== undefined) output.line(`  ci: ${ciRunLabel(deployment.ci)}`);
  const target = deployment.rollbackTarget;
  if (target !== null && deployment.rollbackCommand !== null) {
    output.line(
      `  rollback: ${deployment.rollbackCommand} ${style.dim(`→ ${target.version} (${target.digests.map(shortDigest).join(', ')})`)}`,
    );
  } else if (deployment.rollbackPlan.kind === 'roll-forward') {
    output.line(`  rollback: none; roll-forward plan recorded with the release`);
  }
}

/** The rollout a deploy or promote started: its first step, and how to follow it. */
export function printRolloutStarted(rollout: Rollout, output: Output): void {
  const { style } = output;
  const { strategy } = rollout.spec;
  const first =
    strategy.kind !== 'canary'
      ? 'the new version starts as the preview'
      : strategy.steps[0] === undefined
        ? 'no steps'
        : `first step 1/${strategy.steps.length} ${describeStep(strategy.steps[0])}`;
  output.line(
    `  rollout ${rollout.id}: ${strategy.kind}, ${first} ${style.dim(`(${rollout.status})`)}`,
  );
  output.line(`  follow it: ${style.cyan(`slipway rollout status ${rollout.id}`)}`);
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

/** One deployment with its images (see withImages). */
export async function withImage(
  controlPlane: Pick<ControlPlane, 'listArtifacts'>,
  deployment: Deployment,
): Promise<ShownDeployment> {
  const [shown] = await withImages(controlPlane, [deployment]);
  return shown ?? deployment;
}

/**
 * Adds the CI run a deployment was asked from: recorded in its `deployment.started` event (not
 * in the deployment's row), absent for a deployment asked outside CI.
 */
export async function withCiRun<T extends Deployment>(
  controlPlane: Pick<ControlPlane, 'listEvents'>,
  deployment: T,
): Promise<T & { ci?: DeploymentCiContext }> {
  const { events } = await controlPlane.listEvents({
    subject: `deployment:${deployment.id}`,
    type: 'deployment.started',
    limit: 1,
  });
  const payload = events[0]?.payload;
  const ci =
    typeof payload === 'object' && payload !== null && !Array.isArray(payload)
      ? (payload as Readonly<Record<string, unknown>>)['ci']
      : undefined;
  return ci === undefined || ci === null
    ? deployment
    : { ...deployment, ci: checkDeploymentCiContext(ci) };
}

/** `github-actions run 4242 by octocat at 0123456 (https://…)`. */
function ciRunLabel(ci: DeploymentCiContext): string {
  return [
    ci.provider,
    ci.runId === null ? '' : ` run ${ci.runId}`,
    ci.actor === null ? '' : ` by ${ci.actor}`,
    ci.commit === null ? '' : ` at ${ci.commit.slice(0, 7)}`,
    ci.runUrl === null ? '' : ` (${ci.runUrl})`,
  ].join('');
}
