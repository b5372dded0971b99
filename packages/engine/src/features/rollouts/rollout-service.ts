import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { MachineInput, RolloutSpec, Transition, TrafficRouterConfig } from '@slipway/core';
import { SlipwayError, activeAnalysisOrigins, advanceRollout } from '@slipway/core';
import type { Database } from '../../db/database.js';
import { createTrafficRouter } from '../../adapters/traffic/create-traffic-router.js';
import type { Service } from '../catalog/service-record.js';
import type { Deployment } from '../deployments/deployment-record.js';
import type { LedgerEventInput } from '../ledger/ledger-event.js';
import type { LedgerService } from '../ledger/ledger-service.js';
import { measureAnalysisRun } from './measure-analysis-run.js';
import type { RolloutControlPlane, RolloutQuery } from './rollout-control-plane.js';
import { automaticActor, rolloutEvent, transitionEvents } from './rollout-events.js';
import type { RolloutLinks } from './rollout-links.js';
import type { MetricsProvider, RolloutContext, TrafficRouter } from './rollout-ports.js';
import type { Rollout } from './rollout-record.js';
import type {
  RolloutStore,
  RolloutUnit,
  StoredAnalysisRun,
  StoredRollout,
} from './rollout-store.js';
import { machineOf, newRollout, rolloutView } from './rollout-view.js';
import { applyTransition, outcomeOf } from './apply-transition.js';
import { rolloutSpecFor } from './service-rollouts.js';

type Act = { readonly actor: string; readonly idempotencyKey?: string };

export interface RolloutServiceOptions {
  readonly metrics: MetricsProvider;
  /** The deployments and flags a rollout's end settles; default over the same database. */
  readonly links: RolloutLinks;
  /** The router a spec names; default `createTrafficRouter(config)`. */
  readonly routerFor?: (config: TrafficRouterConfig, rollout: Rollout) => TrafficRouter;
  /** The store over a caller's transaction (a deployment hands off inside its own). */
  readonly storeOn?: (trx: Transaction<Database>) => RolloutStore;
  readonly now?: () => Date;
  readonly newId?: () => string;
  /** This process, in claims; default host:pid:random. */
  readonly claimant?: string;
  /** How long a claim holds while a step runs (router calls, measurements); default 60 s. */
  readonly leaseMs?: number;
  /** How long a manual action waits for a step another process runs; default 10 s. */
  readonly claimWaitMs?: number;
  /** After a traffic router failure, when the step is tried again; default 10 s. */
  readonly retryDelayMs?: number;
  /**
   * Told after an abort's transaction restored flags of the scope: the restore is written by the
   * links' own flag service, so the serving flag service's listeners (the SSE stream) hear it here.
   */
  readonly onFlagsRestored?: (scope: { readonly service: string; readonly env: string }) => void;
}

export const defaultRolloutListLimit = 50;
const maxRolloutListLimit = 1_000;
const tickBatch = 50;

/** The claim was lost (its lease ran out and another process took the rollout): write nothing. */
class ClaimLost extends Error {}

/**
 * Durable rollouts. Each rollout lives in the database; a step runs under a claim (a guarded
 * UPDATE raising the row's revision, held for a lease), and its outcome is written with a
 * second guarded UPDATE in one transaction with its analysis runs, ledger events and, at the
 * end, the deployment and flags it settles. So a restarted server resumes every rollout where
 * it was, and with several servers on one database each step runs once.
 */
export class RolloutService implements RolloutControlPlane {
  readonly #store: RolloutStore;
  readonly #ledger: LedgerService;
  readonly #options: RolloutServiceOptions;
  readonly #now: () => Date;
  readonly #newId: () => string;
  readonly #claimant: string;

  constructor(store: RolloutStore, ledger: LedgerService, options: RolloutServiceOptions) {
    this.#store = store;
    this.#ledger = ledger;
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
    this.#newId = options.newId ?? randomUUID;
    this.#claimant = options.claimant ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  /** The spec a deployment of `service` to `environment` rolls out with; null: all at once. */
  specFor(service: Service, environment: string, requested?: string): RolloutSpec | null {
    return rolloutSpecFor(service.rollout, environment, requested);
  }

  /**
   * Creates the rollout of a deployment whose new version the deployer has put beside the old,
   * inside the deployment's transaction (`trx`; undefined with the in-memory fakes). The first
   * step runs at the next tick.
   */
  async begin(
    trx: Transaction<Database> | undefined,
    deployment: Deployment,
    spec: RolloutSpec,
    actor: string,
  ): Promise<Rollout> {
    const time = this.#now().toISOString();
    const flagSnapshot = await this.#options.links.flagSnapshot(deployment, trx);
    const rollout = newRollout(this.#newId(), deployment, spec, actor, time, flagSnapshot);
    const store = trx === undefined ? this.#store : this.#storeOn(trx);
    await store.transaction(async (unit) => {
      await unit.insert(rollout);
      await this.#append(unit.trx, [
        rolloutEvent('started', rollout, actor, time, {
          strategy: spec.strategy.kind,
          stableVersion: rollout.stableVersion,
          flags: rollout.flagSnapshot.map((entry) => entry.key),
        }),
      ]);
    });
    return rolloutView(rollout, []);
  }

  async listRollouts(query: RolloutQuery = {}): Promise<Rollout[]> {
    const limit = query.limit ?? defaultRolloutListLimit;
    if (!Number.isInteger(limit) || limit < 1 || limit > maxRolloutListLimit) {
      throw new SlipwayError(
        'USAGE',
        `limit must be a whole number from 1 to ${maxRolloutListLimit}`,
        { subject: 'limit' },
      );
    }
    const rollouts = await this.#store.list({ ...query, limit });
    return Promise.all(
      rollouts.map(async (rollout) => rolloutView(rollout, await this.#store.runs(rollout.id))),
    );
  }

  async getRollout(id: string): Promise<Rollout> {
    const rollout = await this.#get(id);
    return rolloutView(rollout, await this.#store.runs(id));
  }

  /** The rollout of a deployment, if it has one. */
  async rolloutOfDeployment(deploymentId: string): Promise<Rollout | undefined> {
    const rollout = await this.#store.forDeployment(deploymentId);
    return rollout === undefined
      ? undefined
      : rolloutView(rollout, await this.#store.runs(rollout.id));
  }

  promoteRollout(id: string, options: Act & { readonly full?: boolean }): Promise<Rollout> {
    return this.#act(id, { kind: 'promote', full: options.full ?? false }, options.actor);
  }

  abortRollout(id: string, options: Act & { readonly reason?: string }): Promise<Rollout> {
    const reason = options.reason ?? `aborted by ${options.actor}`;
    return this.#act(id, { kind: 'abort', reason }, options.actor);
  }

  retryRollout(id: string, options: Act): Promise<Rollout> {
    return this.#act(id, { kind: 'retry' }, options.actor);
  }

  pauseRollout(id: string, options: Act): Promise<Rollout> {
    return this.#act(id, { kind: 'pause' }, options.actor);
  }

  resumeRollout(id: string, options: Act): Promise<Rollout> {
    return this.#act(id, { kind: 'resume' }, options.actor);
  }

  /**
   * Runs the work due now: timers that ended, measurements due, steps after them. Returns the
   * rollouts it moved. A rollout another process holds is skipped; one whose step fails (a
   * router that cannot be reached) is tried again later, and the errors are thrown together
   * once every due rollout had its turn.
   */
  async tick(): Promise<Rollout[]> {
    const now = this.#now();
    const moved: Rollout[] = [];
    const errors: unknown[] = [];
    for (const due of await this.#store.due(now.toISOString(), tickBatch)) {
      const claimed = await this.#claim(due, now);
      if (claimed === undefined) continue;
      try {
        moved.push(await this.#advance(claimed, { kind: 'tick' }, automaticActor, now));
      } catch (error) {
        if (!(error instanceof ClaimLost)) errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1)
      throw new AggregateError(errors, `${errors.length} rollouts failed a step`);
    return moved;
  }

  async #get(id: string): Promise<StoredRollout> {
    const rollout = await this.#store.get(id);
    if (rollout === undefined) {
      throw new SlipwayError('NOT_FOUND', `no rollout with id ${id}`, { subject: id });
    }
    return rollout;
  }

  /** A person's action: waits (a little) for a step another process is running, then claims. */
  async #act(id: string, input: MachineInput, actor: string): Promise<Rollout> {
    const deadline = Date.now() + (this.#options.claimWaitMs ?? 10_000);
    for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
      const now = this.#now();
      const rollout = await this.#get(id);
      // Refused inputs are refused before anything is claimed.
      this.#transition(rollout, input, now, []);
      const claimed = await this.#claim(rollout, now);
      if (claimed !== undefined) {
        try {
          return await this.#advance(claimed, input, actor, now);
        } catch (error) {
          if (error instanceof ClaimLost) continue;
          throw error;
        }
      }
      if (Date.now() >= deadline) {
        throw new SlipwayError('CONFLICT', `rollout ${id} is busy with a step; try again`, {
          subject: id,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  async #claim(rollout: StoredRollout, now: Date): Promise<StoredRollout | undefined> {
    const until = new Date(now.getTime() + (this.#options.leaseMs ?? 60_000)).toISOString();
    const claim = {
      id: rollout.id,
      revision: rollout.revision,
      claimant: this.#claimant,
      now: now.toISOString(),
      until,
    };
    if (!(await this.#store.claim(claim))) return undefined;
    return {
      ...rollout,
      revision: rollout.revision + 1,
      claimedBy: this.#claimant,
      claimedUntil: until,
    };
  }

  #transition(
    rollout: StoredRollout,
    input: MachineInput,
    now: Date,
    runs: readonly StoredAnalysisRun[],
  ): Transition {
    return advanceRollout(rollout.spec.strategy, machineOf(rollout), input, {
      now: now.toISOString(),
      runs: runs.map((run) => ({ origin: run.origin, phase: run.phase })),
      rollForward: rollout.rollForward,
    });
  }

  /** One step of a claimed rollout: measure, decide, move traffic, then write it all at once. */
  async #advance(
    rollout: StoredRollout,
    input: MachineInput,
    actor: string,
    now: Date,
  ): Promise<Rollout> {
    const time = now.toISOString();
    const active = new Set(activeAnalysisOrigins(rollout.spec.strategy, machineOf(rollout)));
    const changed = new Map<string, StoredAnalysisRun>();
    const runs: StoredAnalysisRun[] = [];
    const finished: StoredAnalysisRun[] = [];
    for (const run of await this.#store.runs(rollout.id)) {
      if (run.attempt !== rollout.attempt) continue;
      const due =
        run.phase === 'running' &&
        run.finishedAt === null &&
        active.has(run.origin) &&
        run.nextMeasurementAt !== null &&
        run.nextMeasurementAt <= time;
      const measured = due
        ? await measureAnalysisRun(run, rollout, this.#options.metrics, now)
        : run;
      if (measured !== run) changed.set(run.id, measured);
      if (measured.phase !== run.phase) finished.push(measured);
      runs.push(measured);
    }
    let transition: Transition;
    try {
      transition = this.#transition(rollout, input, now, runs);
      await this.#moveTraffic(rollout, transition, actor);
    } catch (error) {
      await this.#release(rollout, error, now);
      throw error;
    }
    const { next, started, stopped } = applyTransition(
      rollout,
      runs,
      transition,
      time,
      this.#newId,
    );
    for (const run of stopped) changed.set(run.id, run);
    const { effects } = transition;
    let restoredFlags: readonly string[] = [];
    await this.#commit(rollout, transition, actor, now, async (unit) => {
      if (!(await unit.update(next, rollout.revision))) throw new ClaimLost();
      for (const run of started) await unit.insertRun(run);
      for (const run of changed.values()) await unit.updateRun(run);
      const outcome = outcomeOf(effects);
      const restored =
        outcome === undefined
          ? []
          : await this.#options.links.settle(unit, next, outcome, actor, time);
      const events = transitionEvents(next, effects, { started, finished }, actor, time, restored);
      await this.#append(unit.trx, events);
      restoredFlags = restored;
    });
    if (restoredFlags.length > 0) {
      this.#options.onFlagsRestored?.({ service: rollout.service, env: rollout.environment });
    }
    return rolloutView(next, [...runs.map((run) => changed.get(run.id) ?? run), ...started]);
  }

  /**
   * Writes a step. If that fails (not a lost claim), traffic goes back to the weight the stored
   * state still says (best effort: the router may be what failed) and the claim is given back.
   */
  async #commit(
    rollout: StoredRollout,
    transition: Transition,
    actor: string,
    now: Date,
    work: (unit: RolloutUnit) => Promise<void>,
  ): Promise<void> {
    try {
      await this.#store.transaction(work);
    } catch (error) {
      if (error instanceof ClaimLost) throw error;
      if (transition.effects.some((effect) => effect.kind === 'set-weight')) {
        const back: Transition = {
          state: transition.state,
          effects: [{ kind: 'set-weight', weight: rollout.weight }],
        };
        await this.#moveTraffic(rollout, back, actor).catch(() => undefined);
      }
      await this.#release(rollout, error, now);
      throw error;
    }
  }

  async #moveTraffic(rollout: StoredRollout, transition: Transition, actor: string): Promise<void> {
    const weights = transition.effects.flatMap((effect) =>
      effect.kind === 'set-weight' ? [effect.weight] : [],
    );
    if (weights.length === 0) return;
    const router = this.#router(rollout);
    const context: RolloutContext = {
      rolloutId: rollout.id,
      service: rollout.service,
      environment: rollout.environment,
      stableVersion: rollout.stableVersion,
      canaryVersion: rollout.version,
      actor,
    };
    for (const weight of weights) await router.setWeight(weight, context);
  }

  #router(rollout: StoredRollout): TrafficRouter {
    const config = rollout.spec.trafficRouter;
    if (config === undefined) return recordedOnly;
    const routerFor = this.#options.routerFor ?? ((given) => createTrafficRouter(given));
    return routerFor(config, rolloutView(rollout, []));
  }

  /** Gives the claim back after a failed step; the step is tried again after a delay. */
  async #release(rollout: StoredRollout, error: unknown, now: Date): Promise<void> {
    const refused = error instanceof SlipwayError && error.code === 'REFUSED';
    const retryAt = new Date(now.getTime() + (this.#options.retryDelayMs ?? 10_000)).toISOString();
    const reason = error instanceof Error ? error.message : String(error);
    const released: StoredRollout = {
      ...rollout,
      revision: rollout.revision + 1,
      claimedBy: null,
      claimedUntil: null,
      ...(refused ? {} : { message: `step failed, retrying: ${reason}`, nextActionAt: retryAt }),
    };
    await this.#store.transaction((unit) => unit.update(released, rollout.revision));
  }

  #storeOn(trx: Transaction<Database>): RolloutStore {
    const storeOn = this.#options.storeOn;
    if (storeOn === undefined) {
      throw new Error('RolloutService: no storeOn option to join a deployment transaction');
    }
    return storeOn(trx);
  }

  async #append(
    trx: Transaction<Database> | undefined,
    events: readonly LedgerEventInput[],
  ): Promise<void> {
    for (const event of events) {
      if (trx === undefined) await this.#ledger.append(event);
      else await this.#ledger.appendEvent(trx, event);
    }
  }
}

/** Without a traffic router the weights are only recorded (the deployer or a person moves traffic). */
const recordedOnly: TrafficRouter = {
  kind: 'command',
  setWeight: () => Promise.resolve(),
  currentWeight: () => Promise.resolve(null),
};
