import type { Command } from 'commander';
import { SlipwayError } from '@slipway/core';
import type { ControlPlane, Deployment, DeploymentCiContext, Rollout } from '@slipway/engine';
import { deploymentCiContext, detectCiContext } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { dataDirHelp } from './cli-actor.js';
import {
  printDeployment,
  printFailure,
  printRollbackPlan,
  printRolloutStarted,
} from './deployment-output.js';
import type { ControlPlaneOptions, ControlPlaneSession } from './with-control-plane.js';
import { readControlPlane, withControlPlane } from './with-control-plane.js';

interface EnvOptions extends ControlPlaneOptions {
  env: string;
  strategy?: string;
  awaitReport?: boolean;
}

interface DeployOptions extends BreakGlassOptions {
  env?: string;
  strategy?: string;
  awaitReport?: boolean;
  request?: string;
}

interface BreakGlassOptions extends ControlPlaneOptions {
  breakGlass?: boolean;
  reason?: string;
}

interface PromoteOptions extends BreakGlassOptions {
  from: string;
  to: string;
  awaitReport?: boolean;
}

interface PlanRollbackOptions extends ControlPlaneOptions {
  env: string;
  ref?: string;
}

const awaitHelp =
  'leave the deployment in_progress until CI reports its outcome (not with a canary or blue-green rollout)';
const breakGlassHelp =
  'emergency: bypass approvals and freeze windows (role-restricted, recorded, opens a review)';

/**
 * The CI run this command runs in, sent with deploy and promote (recorded in the `started`
 * event); nothing outside CI. A field the server would refuse (a run URL that is not http(s),
 * a commit that is not a SHA) is left out rather than failing the deployment.
 */
function ciOf(env: NodeJS.ProcessEnv): { ci?: DeploymentCiContext } {
  const ci = deploymentCiContext(detectCiContext(env));
  if (ci === null) return {};
  return {
    ci: {
      ...ci,
      runUrl: ci.runUrl !== null && /^https?:\/\//.test(ci.runUrl) ? ci.runUrl : null,
      commit: ci.commit !== null && /^[0-9a-f]{7,64}$/i.test(ci.commit) ? ci.commit : null,
    },
  };
}

function breakGlassOf(options: BreakGlassOptions): { breakGlass?: { reason: string } } {
  const reason = options.reason?.trim() ?? '';
  if (options.breakGlass !== true) {
    if (reason !== '') {
      throw new SlipwayError('USAGE', '--reason goes with --break-glass', { subject: 'reason' });
    }
    return {};
  }
  if (reason === '') {
    throw new SlipwayError('USAGE', '--break-glass needs --reason "…" saying why', {
      subject: 'reason',
    });
  }
  return { breakGlass: { reason } };
}

/** `slipway deploy <service> <version|digest> --env <env>`. */
export function registerDeployCommand(program: Command, context: CliContext): void {
  program
    .command('deploy')
    .description('deploy a release (by version or artifact digest) of a service to an environment')
    .argument('[service]', 'the service, as in the catalog (default: the request’s)')
    .argument('[ref]', 'a release version, or an artifact digest sha256:… (default: the request’s)')
    .option('--env <env>', 'the environment to deploy to (default: the request’s)')
    .option('--strategy <name>', 'rollout strategy (default all-at-once)')
    .option('--await-report', awaitHelp)
    .option('--request <id>', 'carry out this approved change request')
    .option('--break-glass', breakGlassHelp)
    .option('--reason <text>', 'why break-glass is needed (required with --break-glass)')
    .option('--data-dir <dir>', dataDirHelp)
    .action(
      async (
        service: string | undefined,
        ref: string | undefined,
        options: DeployOptions,
        command: Command,
      ) => {
        const breakGlass = breakGlassOf(options);
        await runDeployment(command, context, options, async ({ controlPlane, actor }) => {
          const request =
            options.request === undefined
              ? undefined
              : await controlPlane.getChangeRequest(options.request);
          const target = {
            service: service ?? request?.service,
            environment: options.env ?? request?.environment,
            ref: ref ?? request?.version,
          };
          if (
            target.service === undefined ||
            target.environment === undefined ||
            target.ref === undefined
          ) {
            throw new SlipwayError(
              'USAGE',
              'name <service> <ref> --env <env>, or --request <id> of a change request',
              { subject: 'deploy' },
            );
          }
          return controlPlane.deploy(
            {
              service: target.service,
              environment: target.environment,
              ref: target.ref,
              ...(options.strategy === undefined ? {} : { strategy: options.strategy }),
              ...(options.awaitReport === true ? { awaitReport: true } : {}),
              ...(options.request === undefined ? {} : { requestId: options.request }),
              ...breakGlass,
              ...ciOf(context.streams.env),
            },
            { actor },
          );
        });
      },
    );
}

/** `slipway promote <service> --from staging --to prod`: the same digests, never a rebuild. */
export function registerPromoteCommand(program: Command, context: CliContext): void {
  program
    .command('promote')
    .description('deploy the exact digests running in one environment to the next one')
    .argument('<service>', 'the service, as in the catalog')
    .requiredOption('--from <env>', 'the environment whose digests to promote')
    .requiredOption('--to <env>', 'the environment to deploy them to')
    .option('--await-report', awaitHelp)
    .option('--break-glass', breakGlassHelp)
    .option('--reason <text>', 'why break-glass is needed (required with --break-glass)')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (service: string, options: PromoteOptions, command: Command) => {
      const breakGlass = breakGlassOf(options);
      await runDeployment(command, context, options, ({ controlPlane, actor }) =>
        controlPlane.promote(
          {
            service,
            from: options.from,
            to: options.to,
            ...(options.awaitReport === true ? { awaitReport: true } : {}),
            ...breakGlass,
            ...ciOf(context.streams.env),
          },
          { actor },
        ),
      );
    });
}

/** `slipway rollback <service> --env prod`: redeploy the rollback target, recorded. */
export function registerRollbackCommand(program: Command, context: CliContext): void {
  program
    .command('rollback')
    .description('redeploy the previous known-good digests of an environment')
    .argument('<service>', 'the service, as in the catalog')
    .requiredOption('--env <env>', 'the environment to roll back')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (service: string, options: EnvOptions, command: Command) => {
      await runDeployment(command, context, options, ({ controlPlane, actor }) =>
        controlPlane.rollback({ service, environment: options.env }, { actor }),
      );
    });
}

/** `slipway plan-rollback <service> --env prod`: the way back, before going forward. */
export function registerPlanRollbackCommand(program: Command, context: CliContext): void {
  program
    .command('plan-rollback')
    .description('print the rollback plan (with commands) a deployment to an environment gets')
    .argument('<service>', 'the service, as in the catalog')
    .requiredOption('--env <env>', 'the environment about to be deployed')
    .option('--ref <ref>', 'the release to deploy (default: what the previous environment runs)')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (service: string, options: PlanRollbackOptions, command: Command) => {
      const output = outputFor(command, context);
      const plan = await readControlPlane(command, context, options, ({ controlPlane }) =>
        controlPlane.planRollback({
          service,
          environment: options.env,
          ...(options.ref === undefined ? {} : { ref: options.ref }),
        }),
      );
      if (output.json) output.data(plan);
      else printRollbackPlan(plan, output);
      context.exitCode = ExitCode.success;
    });
}

async function runDeployment(
  command: Command,
  context: CliContext,
  options: ControlPlaneOptions,
  act: (session: ControlPlaneSession) => Promise<Deployment>,
): Promise<void> {
  const output = outputFor(command, context);
  const { deployment, rollout } = await withControlPlane(
    command,
    context,
    options,
    async (session) => {
      const done = await act(session);
      return { deployment: done, rollout: await rolloutStarted(session.controlPlane, done) };
    },
  );
  if (output.json) {
    output.data(rollout === undefined ? deployment : { ...deployment, rollout: rollout.id });
  } else {
    printDeployment(deployment, output);
    if (rollout !== undefined) printRolloutStarted(rollout, output);
  }
  printFailure(deployment, output);
  context.exitCode = deployment.status === 'failed' ? ExitCode.failure : ExitCode.success;
}

/** The rollout carrying out a deployment still in progress with a canary or blue-green. */
async function rolloutStarted(
  controlPlane: ControlPlane,
  deployment: Deployment,
): Promise<Rollout | undefined> {
  if (deployment.status !== 'in_progress') return undefined;
  if (deployment.strategy !== 'canary' && deployment.strategy !== 'blue-green') return undefined;
  const [latest] = await controlPlane.rollouts.listRollouts({
    service: deployment.service,
    environment: deployment.environment,
    limit: 1,
  });
  return latest?.deploymentId === deployment.id ? latest : undefined;
}
