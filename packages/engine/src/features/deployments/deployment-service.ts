import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RollbackPlan, RolloutSpec } from '@slipway/core';
import { SlipwayError, planRollback } from '@slipway/core';
import type { Database } from '../../db/database.js';
import type { Service } from '../catalog/service-record.js';
import type { LedgerEventInput } from '../ledger/ledger-event.js';
import type { LedgerService } from '../ledger/ledger-service.js';
import { createFakeLedgerService, createLedgerService } from '../ledger/ledger-service.js';
import type { FakeLedgerStore } from '../ledger/fake-ledger-store.js';
import type { ReleaseRecord } from '../registry/release-record.js';
import { checkDeploymentCiContext, ciEventPayload } from '../ci/deployment-ci-context.js';
import type { Deployer, DeployerOutcome } from './deployer.js';
import { boundLog } from './bounded-log.js';
import { progressiveStrategies, selfRollingDeployers } from './rollout-handoff.js';
import type { RolloutHandoff } from './rollout-handoff.js';
import { createDeployerFactory } from './deployer-for.js';
import type { DeployerFactory } from './deployer-for.js';
import { deploymentEvent, refusedEvent } from './deployment-events.js';
import type { RefusedRequest } from './deployment-events.js';
import type {
  Deployment,
  DeploymentChangeOptions,
  DeploymentCiContext,
  DeployRequest,
  HistoryQuery,
  PlanRollbackRequest,
  PromoteRequest,
  RollbackRequest,
  StatusReport,
  StatusView,
} from './deployment-record.js';
import type { DeploymentGate, GateRequest } from './deployment-gate.js';
import type { DeploymentSources } from './deployment-sources.js';
import type { DeploymentStore, DeploymentUnit } from './deployment-store.js';
import {
  AlreadyDeployed,
  EnvironmentBusy,
  Refusal,
  intentFor,
  resolveRelease,
  resolveRollback,
  targetOf,
} from './resolve-deployment.js';
import type { Intent } from './resolve-deployment.js';
import { settleDeployment } from './settle-deployment.js';
import { runDeployer } from './run-deployer.js';
import { defaultCommandTimeoutSeconds } from './command-deployer.js';
import { forwardSteps, rollbackSteps } from './deployment-steps.js';
import type { DeploymentStep } from './deployment-steps.js';
import { FakeDeploymentStore } from './fake-deployment-store.js';
import { KyselyDeploymentStore } from './kysely-deployment-store.js';

export interface DeploymentServiceOptions {
  readonly sources: DeploymentSources;
  /** Default: `record` for services without a deployer, commands run in the current directory. */
  readonly deployerFor?: DeployerFactory;
  readonly now?: () => Date;
  readonly newId?: () => string;
  /** How long a request waits for another deployment of its environment before it is refused. */
  readonly busyWaitMs?: number;
  /** Policy, approvals and break-glass in front of deploy and promote; none: lifecycle rules only. */
  readonly gate?: DeploymentGate;
  /** Progressive delivery: deployments with a canary or blue-green spec become rollouts. */
  readonly rollouts?: RolloutHandoff;
}

export const defaultHistoryLimit = 50;
export const maxHistoryLimit = 1_000;
const defaultBusyWaitMs = 30_000;

/** Beyond the deployer's timeout, how long an in-progress command deployment may stay silent. */
const abandonedGraceSeconds = 60;

const abandonedNote =
  'abandoned: no outcome long after the deploy command’s timeout (the server running it stopped)';

export class DeploymentService {
  readonly #store: DeploymentStore;
  readonly #ledger: LedgerService;
  readonly #sources: DeploymentSources;
  readonly #deployerFor: DeployerFactory;
  readonly #now: () => Date;
  readonly #newId: () => string;
  readonly #busyWaitMs: number;
  readonly #gate: DeploymentGate | undefined;
  readonly #rollouts: RolloutHandoff | undefined;

  constructor(store: DeploymentStore, ledger: LedgerService, options: DeploymentServiceOptions) {
    this.#store = store;
    this.#ledger = ledger;
    this.#sources = options.sources;
    this.#deployerFor = options.deployerFor ?? createDeployerFactory({ defaultCwd: process.cwd() });
    this.#now = options.now ?? (() => new Date());
    this.#newId = options.newId ?? randomUUID;
    this.#busyWaitMs = options.busyWaitMs ?? defaultBusyWaitMs;
    this.#gate = options.gate;
    this.#rollouts = options.rollouts;
  }

  /** Deploys a release (by version or by one of its digests) to an environment. */
  async deploy(request: DeployRequest, options: DeploymentChangeOptions): Promise<Deployment> {
    const ci = ciOf(request);
    const service = await this.#sources.service(request.service);
    const release = await this.#sources.releaseForRef(service.name, request.ref);
    const spec = this.#rollouts?.specFor(service, request.environment, request.strategy) ?? null;
    const intent = {
      ...intentFor(service, 'deploy', request.environment, {
        ref: request.ref,
        release,
        digests: release.artifacts,
        strategy: spec?.strategy.kind ?? request.strategy,
        awaitReport: request.awaitReport,
      }),
      rollout: slipwayRollout(service, spec),
      ci,
      unlessThere: request.unlessThere ?? false,
    };
    if (intent.awaitReport && intent.rollout !== null) {
      return this.#refuse(intent, [awaitReportConflict(intent.rollout, intent)], options.actor);
    }
    if (release.artifacts.length === 0) {
      return this.#refuse(
        intent,
        [`${service.name} ${release.version} has no artifacts to deploy`],
        options.actor,
      );
    }
    return this.#gated(intent, release, options.actor, {
      requestId: request.requestId ?? null,
      breakGlass: request.breakGlass ?? null,
    });
  }

  /** Deploys the exact digests (and release) running in `from` to `to`: never a rebuild. */
  async promote(request: PromoteRequest, options: DeploymentChangeOptions): Promise<Deployment> {
    const ci = ciOf(request);
    const service = await this.#sources.service(request.service);
    const refusedAs = intentFor(service, 'promote', request.to, { from: request.from });
    const unknown = [request.from, request.to].filter((name) => !service.lifecycle.includes(name));
    if (unknown.length > 0) {
      const order = service.lifecycle.join(' → ');
      const reasons = unknown.map(
        (name) => `unknown environment "${name}" for ${service.name}; its lifecycle is ${order}`,
      );
      return this.#refuse(refusedAs, reasons, options.actor);
    }
    const running = await this.#store.current(service.name, request.from);
    const source = running === undefined ? undefined : await this.#store.get(running.deploymentId);
    if (running === undefined || source === undefined) {
      const reason = `nothing runs in ${request.from} of ${service.name}: a promotion deploys what runs there`;
      return this.#refuse(refusedAs, [reason], options.actor);
    }
    const release = await this.#sources.releaseById(source.releaseId);
    const spec = this.#rollouts?.specFor(service, request.to) ?? null;
    const intent = {
      ...intentFor(service, 'promote', request.to, {
        from: request.from,
        ref: running.version,
        release,
        digests: running.digests,
        strategy: spec?.strategy.kind,
        awaitReport: request.awaitReport,
      }),
      rollout: slipwayRollout(service, spec),
      ci,
    };
    if (intent.awaitReport && intent.rollout !== null) {
      return this.#refuse(intent, [awaitReportConflict(intent.rollout, intent)], options.actor);
    }
    return this.#gated(intent, release, options.actor, {
      requestId: null,
      breakGlass: request.breakGlass ?? null,
    });
  }

  /**
   * The gate decides before anything is written: a refusal is recorded as one, a change request
   * holds the deployment for approval, and an admitted deployment runs and is reported back.
   * Environments outside the lifecycle go straight to the lifecycle rules, which name them.
   */
  async #gated(
    intent: Intent,
    release: ReleaseRecord,
    actor: string,
    extra: Pick<GateRequest, 'requestId' | 'breakGlass'>,
  ): Promise<Deployment> {
    const gate = this.#gate;
    if (gate === undefined || !intent.serviceRecord.lifecycle.includes(intent.environment)) {
      return this.#run(intent, actor);
    }
    const admission = await gate.admit({
      service: intent.serviceRecord,
      release,
      environment: intent.environment,
      strategy: intent.strategy,
      actor,
      ...extra,
    });
    if (admission.kind === 'refuse') return this.#refuse(intent, admission.reasons, actor);
    if (admission.kind === 'approval_required') {
      throw new SlipwayError('APPROVAL_REQUIRED', admission.message, {
        subject: `${intent.service}/${intent.environment}`,
      });
    }
    const deployment = await this.#run({ ...intent, allowSkip: admission.allowSkip }, actor);
    await admission.admitted(deployment);
    return deployment;
  }

  /**
   * Redeploys the current deployment's rollback target through the service's deployer and,
   * once that succeeds, marks the current deployment rolled_back.
   */
  async rollback(request: RollbackRequest, options: DeploymentChangeOptions): Promise<Deployment> {
    const service = await this.#sources.service(request.service);
    const intent = intentFor(service, 'rollback', request.environment, {});
    if (!service.lifecycle.includes(request.environment)) {
      const reason = `unknown environment "${request.environment}" for ${service.name}; its lifecycle is ${service.lifecycle.join(' → ')}`;
      return this.#refuse(intent, [reason], options.actor);
    }
    const deployment = await this.#run(intent, options.actor);
    const carriedOut = deployment.status === 'succeeded' || deployment.status === 'in_progress';
    if (carriedOut && this.#gate?.rolledBack !== undefined) {
      try {
        await this.#gate.rolledBack(deployment, service, options.actor);
      } catch (error) {
        // The rollback itself is done; what did not follow it is on the record, not hidden.
        await this.#ledger.append({
          type: 'deployment.follow_up_failed',
          subject: `deployment:${deployment.id}`,
          actor: options.actor,
          payload: {
            service: deployment.service,
            environment: deployment.environment,
            version: deployment.version,
            reason: error instanceof Error ? error.message : String(error),
          },
        });
      }
    }
    return deployment;
  }

  /** The plan a deployment of `ref` (default: what the previous environment runs) would get. */
  async planRollback(request: PlanRollbackRequest): Promise<RollbackPlan> {
    const service = await this.#sources.service(request.service);
    const { lifecycle } = service;
    const index = lifecycle.indexOf(request.environment);
    if (index === -1) {
      throw new SlipwayError(
        'USAGE',
        `unknown environment "${request.environment}" for ${service.name}; its lifecycle is ${lifecycle.join(' → ')}`,
        { subject: request.environment },
      );
    }
    const release = await this.#releaseToPlan(service, index, request.ref);
    const current = await this.#store.current(service.name, request.environment);
    return planRollback({
      service: service.name,
      environment: request.environment,
      lifecycle,
      release: {
        version: release.version,
        digests: release.artifacts,
        components: release.components,
        rollForward: release.rollForward,
      },
      current: current === undefined ? null : targetOf(current),
    });
  }

  /** CI's report on a deployment it performs; only an in_progress deployment takes one. */
  async reportStatus(
    id: string,
    report: StatusReport,
    options: DeploymentChangeOptions,
  ): Promise<Deployment> {
    const found = await this.getDeployment(id);
    const rollout = this.#mayBeRolledOut(found)
      ? await this.#rollouts?.rolloutOfDeployment(id)
      : undefined;
    return this.#store.transaction(async (unit) => {
      const current = await unit.lockEnvironment(found.service, found.environment);
      const stored = (await unit.get(id)) ?? found;
      if (stored.status !== 'in_progress') {
        throw new SlipwayError(
          'CONFLICT',
          `deployment ${id} is ${stored.status}; only an in_progress deployment takes a status report`,
          { subject: id },
        );
      }
      if (rollout !== undefined) {
        throw new SlipwayError(
          'REFUSED',
          `deployment ${id} is carried out by rollout ${rollout.id}, which settles it; ` +
            `follow it with slipway rollout status ${rollout.id} (or promote or abort it) instead of reporting`,
          { subject: id },
        );
      }
      if (this.#mayBeRolledOut(stored) && stored.updatedAt !== found.updatedAt) {
        // Its deployer finished meanwhile and may have handed it to a rollout: look again.
        throw new SlipwayError(
          'CONFLICT',
          `deployment ${id} changed while the report arrived; report again`,
          { subject: id },
        );
      }
      const { deployment, events } = await settleDeployment(
        unit,
        stored,
        { status: report.status, logs: report.log ?? '' },
        current,
        options.actor,
        this.#time(),
      );
      await this.#append(unit, events);
      return deployment;
    });
  }

  async getDeployment(id: string): Promise<Deployment> {
    const deployment = await this.#store.get(id);
    if (deployment === undefined) {
      throw new SlipwayError('NOT_FOUND', `no deployment with id ${id}`, { subject: id });
    }
    return deployment;
  }

  /** What runs where: every catalog service, with the environments that run something. */
  async status(query: { readonly service?: string } = {}): Promise<StatusView> {
    if (query.service !== undefined) await this.#sources.service(query.service);
    return this.#store.status(query.service);
  }

  /** The service's deployments, newest first. */
  async history(service: string, query: HistoryQuery = {}): Promise<Deployment[]> {
    const limit = query.limit ?? defaultHistoryLimit;
    if (!Number.isInteger(limit) || limit < 1 || limit > maxHistoryLimit) {
      throw new SlipwayError('USAGE', `limit must be a whole number from 1 to ${maxHistoryLimit}`, {
        subject: 'limit',
      });
    }
    await this.#sources.service(service);
    return this.#store.history(service, {
      limit,
      ...(query.environment === undefined ? {} : { environment: query.environment }),
    });
  }

  /**
   * Transaction 1 locks the environment, applies the rules and records the start (a `record`
   * deployer finishes right there); the deployer then runs outside any transaction, and
   * transaction 2 records its outcome. A request that finds another deployment of the
   * environment in progress waits for it, so concurrent requests serialize instead of failing.
   */
  async #run(intent: Intent, actor: string): Promise<Deployment> {
    const deployer = this.#deployerFor(intent.serviceRecord.deployer);
    const deadline = Date.now() + this.#busyWaitMs;
    let pause = 10;
    for (;;) {
      try {
        const begun = await this.#store.transaction((unit) =>
          this.#begin(unit, intent, deployer, actor),
        );
        if (begun.status !== 'in_progress' || deployer.name === 'record') return begun;
        const steps = await this.#stepsOf(begun);
        const outcome = await runDeployer(
          deployer,
          this.#sources,
          begun,
          intent.awaitReport,
          steps,
        );
        if (outcome.status === 'in_progress') return begun;
        if (outcome.status === 'succeeded' && intent.rollout) {
          return await this.#handOff(begun, outcome, intent.rollout, actor);
        }
        return await this.#complete(begun, outcome, actor);
      } catch (error) {
        if (error instanceof Refusal) return this.#refuse(intent, error.reasons, actor);
        if (!(error instanceof EnvironmentBusy)) throw error;
        if (Date.now() >= deadline) {
          const { running } = error;
          const reason = `deployment ${running.id} of ${running.service} ${running.version} to ${running.environment} is still in progress`;
          return this.#refuse(intent, [reason], actor);
        }
        await new Promise((resolve) => setTimeout(resolve, pause));
        pause = Math.min(pause * 2, 250);
      }
    }
  }

  async #begin(
    unit: DeploymentUnit,
    intent: Intent,
    deployer: Deployer,
    actor: string,
  ): Promise<Deployment> {
    const current = await unit.lockEnvironment(intent.service, intent.environment);
    const running = await unit.inProgress(intent.service, intent.environment);
    if (intent.unlessThere === true && intent.release !== null) {
      if (running?.releaseId === intent.release.id) throw new AlreadyDeployed(running.id);
      if (current?.version === intent.release.version)
        throw new AlreadyDeployed(current.deploymentId);
    }
    let abandoned: LedgerEventInput[] = [];
    if (running !== undefined) {
      if (running.deployer === 'record') {
        // A `record` deployment in progress waits for CI's report, which may take hours.
        throw new Refusal([
          `deployment ${running.id} of ${running.service} ${running.version} to ${running.environment} ` +
            `is in progress, waiting for its status report`,
        ]);
      }
      if (!this.#isAbandoned(running, intent)) throw new EnvironmentBusy(running);
      // Its server stopped mid-run: nobody will record its outcome, so it failed.
      const settled = await settleDeployment(
        unit,
        running,
        { status: 'failed', logs: `${abandonedNote}\n` },
        current,
        actor,
        this.#time(),
      );
      abandoned = settled.events;
    }
    const resolved =
      intent.release === null
        ? await resolveRollback(unit, intent, current)
        : await resolveRelease(unit, intent, intent.release, current);
    const time = this.#time();
    const deployment: Deployment = {
      id: this.#newId(),
      service: intent.service,
      environment: intent.environment,
      releaseId: resolved.releaseId,
      version: resolved.version,
      digests: [...resolved.digests],
      action: intent.action,
      sourceEnvironment: intent.sourceEnvironment,
      strategy: intent.strategy,
      deployer: deployer.name,
      status: 'in_progress',
      actor,
      createdAt: time,
      updatedAt: time,
      finishedAt: null,
      logs: '',
      rollbackTarget: resolved.rollbackTarget,
      rollbackCommand: resolved.rollbackPlan.command,
      rollbackPlan: resolved.rollbackPlan,
    };
    await unit.insert(deployment);
    const started = deploymentEvent(
      'started',
      deployment,
      actor,
      intent.ci === undefined || intent.ci === null ? {} : ciEventPayload(intent.ci),
    );
    if (deployer.name !== 'record') {
      await this.#append(unit, [...abandoned, started]);
      return deployment;
    }
    // Performs nothing, so it completes inside this transaction: one commit per deployment.
    const outcome = await runDeployer(deployer, this.#sources, deployment, intent.awaitReport);
    if (outcome.status === 'succeeded' && intent.rollout) {
      await this.#append(unit, [...abandoned, started]);
      return this.#startRollout(unit, deployment, outcome, intent.rollout, actor);
    }
    const settled = await settleDeployment(unit, deployment, outcome, current, actor, this.#time());
    // Left to CI: the start is the only event until its report.
    const events = outcome.status === 'in_progress' ? [] : settled.events;
    await this.#append(unit, [...abandoned, started, ...events]);
    return settled.deployment;
  }

  /**
   * A command deployment still in progress well after its deployer's timeout was left by a
   * server that stopped (a live one kills the program at the timeout and records the outcome).
   */
  #isAbandoned(running: Deployment, intent: Intent): boolean {
    // A rollout owns it (for as long as its pauses and analyses take) and settles it.
    if (this.#mayBeRolledOut(running)) return false;
    const config = intent.serviceRecord.deployer;
    const timeoutSeconds =
      config !== null && config.kind === 'command'
        ? (config.timeoutSeconds ?? defaultCommandTimeoutSeconds)
        : defaultCommandTimeoutSeconds;
    const age = this.#now().getTime() - Date.parse(running.updatedAt);
    return age > (timeoutSeconds + abandonedGraceSeconds) * 1000;
  }

  /**
   * Forward, the release's migrations; back, the down and drain steps planned with the
   * deployment being rolled back (still the environment's current one until this one succeeds).
   */
  async #stepsOf(begun: Deployment): Promise<DeploymentStep[]> {
    if (begun.action !== 'rollback') {
      return forwardSteps((await this.#sources.releaseById(begun.releaseId)).components);
    }
    const running = await this.#store.current(begun.service, begun.environment);
    const leaving = running === undefined ? undefined : await this.#store.get(running.deploymentId);
    return leaving === undefined ? [] : rollbackSteps(leaving.rollbackPlan);
  }

  async #complete(begun: Deployment, outcome: DeployerOutcome, actor: string): Promise<Deployment> {
    return this.#store.transaction(async (unit) => {
      const current = await unit.lockEnvironment(begun.service, begun.environment);
      const stored = (await unit.get(begun.id)) ?? begun;
      // CI may have reported on it meanwhile: the first outcome recorded stands.
      if (stored.status !== 'in_progress') return stored;
      const { deployment, events } = await settleDeployment(
        unit,
        stored,
        outcome,
        current,
        actor,
        this.#time(),
      );
      await this.#append(unit, events);
      return deployment;
    });
  }

  /** The deployer put the new version beside the old: a rollout takes the deployment over. */
  async #handOff(
    begun: Deployment,
    outcome: DeployerOutcome,
    spec: RolloutSpec,
    actor: string,
  ): Promise<Deployment> {
    return this.#store.transaction(async (unit) => {
      await unit.lockEnvironment(begun.service, begun.environment);
      const stored = (await unit.get(begun.id)) ?? begun;
      if (stored.status !== 'in_progress') return stored;
      return this.#startRollout(unit, stored, outcome, spec, actor);
    });
  }

  async #startRollout(
    unit: DeploymentUnit,
    deployment: Deployment,
    outcome: DeployerOutcome,
    spec: RolloutSpec,
    actor: string,
  ): Promise<Deployment> {
    const handed: Deployment = {
      ...deployment,
      logs: boundLog(`${deployment.logs}${outcome.logs}`),
      updatedAt: this.#time(),
    };
    await unit.update(handed);
    await this.#rollouts?.begin(unit.trx, handed, spec, actor);
    return handed;
  }

  async #releaseToPlan(
    service: Service,
    index: number,
    ref: string | undefined,
  ): Promise<ReleaseRecord> {
    if (ref !== undefined) return this.#sources.releaseForRef(service.name, ref);
    const previous = service.lifecycle[index - 1];
    const running =
      previous === undefined ? undefined : await this.#store.current(service.name, previous);
    const deployment =
      running === undefined ? undefined : await this.#store.get(running.deploymentId);
    if (deployment === undefined) {
      const environment = service.lifecycle[index] ?? '';
      throw new SlipwayError(
        'USAGE',
        previous === undefined
          ? `name the release to plan for: ${environment} is the first environment of ${service.name}`
          : `name the release to plan for: nothing runs in ${previous} of ${service.name}`,
        { subject: 'ref' },
      );
    }
    return this.#sources.releaseById(deployment.releaseId);
  }

  /** A deployment a Slipway rollout takes over once its deployer has run (not Argo's). */
  #mayBeRolledOut(deployment: Deployment): boolean {
    return (
      this.#rollouts !== undefined &&
      progressiveStrategies.includes(deployment.strategy) &&
      !selfRollingDeployers.includes(deployment.deployer)
    );
  }

  #time(): string {
    return this.#now().toISOString();
  }

  async #append(unit: DeploymentUnit, events: readonly LedgerEventInput[]): Promise<void> {
    for (const event of events) {
      if (unit.trx === undefined) await this.#ledger.append(event);
      else await this.#ledger.appendEvent(unit.trx, event);
    }
  }

  /** Nothing changed; the refusal itself is recorded, then reported as REFUSED. */
  async #refuse(
    request: RefusedRequest,
    reasons: readonly string[],
    actor: string,
  ): Promise<never> {
    await this.#ledger.append(refusedEvent(request, reasons, actor));
    throw new SlipwayError('REFUSED', reasons.join('; '), {
      subject: `${request.service}/${request.environment}`,
    });
  }
}

function ciOf(request: { readonly ci?: DeploymentCiContext }): DeploymentCiContext | null {
  return request.ci === undefined ? null : checkDeploymentCiContext(request.ci);
}

/** The spec Slipway rolls out with; none when the deployer runs the rollout itself (Argo). */
function slipwayRollout(service: Service, spec: RolloutSpec | null): RolloutSpec | null {
  const deployer = service.deployer?.kind ?? 'record';
  return spec === null || selfRollingDeployers.includes(deployer) ? null : spec;
}

function awaitReportConflict(
  spec: RolloutSpec,
  intent: { readonly service: string; readonly environment: string },
): string {
  return (
    `awaitReport leaves the outcome to CI, but ${intent.service} rolls out to ${intent.environment} ` +
    `with a ${spec.strategy.kind} rollout that settles it; deploy without awaitReport ` +
    `(or with strategy all-at-once)`
  );
}

export function createDeploymentService(
  db: Kysely<Database>,
  options: DeploymentServiceOptions,
): DeploymentService {
  const ledgerOptions = options.now === undefined ? {} : { now: options.now };
  return new DeploymentService(
    new KyselyDeploymentStore(db),
    createLedgerService(db, ledgerOptions),
    options,
  );
}

export function createFakeDeploymentService(options: DeploymentServiceOptions): {
  service: DeploymentService;
  store: FakeDeploymentStore;
  ledger: FakeLedgerStore;
} {
  const ledgerOptions = options.now === undefined ? {} : { now: options.now };
  const { service: ledgerService, store: ledger } = createFakeLedgerService(ledgerOptions);
  const store = new FakeDeploymentStore(() => options.sources.services());
  return { service: new DeploymentService(store, ledgerService, options), store, ledger };
}
