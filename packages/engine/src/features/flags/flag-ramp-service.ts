import { randomUUID } from 'node:crypto';
import { SlipwayError } from '@slipway/core';
import type { FlagRamp, FlagScope, RampRequest, RampStep } from './flag-record.js';
import type { FlagService } from './flag-service.js';
import type { FlagStore } from './flag-store.js';
import { planRollout } from './plan-rollout.js';

type Actor = { readonly actor: string };

/** Thrown inside a step's transaction when another run took the step: nothing is written. */
class StepTaken extends Error {}

/**
 * Scheduled rollouts (5% → 25% → 50% → 100% at given times). Their state is in the database and
 * each step is claimed with a guarded UPDATE in the transaction that changes the flag, so a
 * restarted server, or several servers on one database, run every step exactly once.
 */
export class FlagRampService {
  readonly #store: FlagStore;
  readonly #flags: FlagService;
  readonly #now: () => Date;
  readonly #newId: () => string;

  constructor(
    store: FlagStore,
    flags: FlagService,
    options: { now?: () => Date; newId?: () => string } = {},
  ) {
    this.#store = store;
    this.#flags = flags;
    this.#now = options.now ?? (() => new Date());
    this.#newId = options.newId ?? randomUUID;
  }

  async scheduleRamp(
    scope: FlagScope,
    key: string,
    request: RampRequest,
    options: Actor,
  ): Promise<FlagRamp> {
    const steps = checkSteps(request.steps);
    const flag = await this.#flags.getFlag(scope, key);
    // Every step must be a valid rollout of this flag now; a later change can still fail one.
    for (const step of steps) {
      planRollout(key, flag.definition, { percent: step.percent, variant: request.variant });
    }
    const time = this.#now().toISOString();
    const ramp: FlagRamp = {
      id: this.#newId(),
      ...scope,
      key,
      variant: request.variant,
      steps,
      nextStep: 0,
      status: 'active',
      lastError: null,
      createdBy: options.actor,
      createdAt: time,
      updatedAt: time,
    };
    await this.#store.transaction(async (unit) => {
      if ((await unit.activeRamps(scope, key)).length > 0) {
        throw new SlipwayError('REFUSED', `flag ${key} has a ramp under way; cancel it first`, {
          subject: key,
        });
      }
      await unit.insertRamp(ramp);
      await this.#flags.appendEvents(unit, [
        {
          type: 'flag-ramp.scheduled',
          subject: `flag:${scope.service}/${scope.env}/${key}`,
          actor: options.actor,
          time,
          payload: {
            ramp: ramp.id,
            variant: ramp.variant,
            steps: steps.map((step) => ({ ...step })),
          },
        },
      ]);
    });
    return ramp;
  }

  listRamps(scope?: FlagScope): Promise<FlagRamp[]> {
    return this.#store.listRamps(scope);
  }

  async cancelRamp(id: string, options: Actor): Promise<FlagRamp> {
    const ramp = await this.#store.ramp(id);
    if (ramp?.status !== 'active') {
      throw new SlipwayError('NOT_FOUND', `no active ramp ${id}`, { subject: id });
    }
    const time = this.#now().toISOString();
    const cancelled: FlagRamp = { ...ramp, status: 'cancelled', updatedAt: time };
    await this.#store.transaction(async (unit) => {
      if (!(await unit.updateRamp(cancelled, ramp.nextStep))) {
        throw new SlipwayError('CONFLICT', `ramp ${id} moved while being cancelled; try again`);
      }
      await this.#flags.appendEvents(unit, [
        {
          type: 'flag-ramp.cancelled',
          subject: `flag:${ramp.service}/${ramp.env}/${ramp.key}`,
          actor: options.actor,
          time,
          payload: { ramp: id, nextStep: ramp.nextStep },
        },
      ]);
    });
    return cancelled;
  }

  /**
   * Runs the steps due now. After downtime only the latest due step of a ramp runs (the split
   * is sticky, so skipping intermediate percentages moves nobody back). A step that can no
   * longer apply (flag killed, deleted or re-targeted) fails the ramp, recorded in the ledger.
   */
  async runDueRamps(): Promise<FlagRamp[]> {
    const now = this.#now().toISOString();
    const ran: FlagRamp[] = [];
    for (const ramp of await this.#store.dueRamps(now)) {
      const after = await this.#runStep(ramp, now);
      if (after !== undefined) ran.push(after);
    }
    return ran;
  }

  async #runStep(ramp: FlagRamp, now: string): Promise<FlagRamp | undefined> {
    let last = ramp.nextStep;
    while (last + 1 < ramp.steps.length && (ramp.steps[last + 1] as RampStep).at <= now) last += 1;
    const step = ramp.steps[last] as RampStep;
    const done = last + 1 >= ramp.steps.length;
    const scope = { service: ramp.service, env: ramp.env };
    const advanced: FlagRamp = {
      ...ramp,
      nextStep: last + 1,
      status: done ? 'done' : 'active',
      updatedAt: now,
    };
    try {
      await this.#flags.changeFlagWith(
        scope,
        ramp.key,
        'rollout',
        `ramp:${ramp.id}`,
        (before) => {
          if (before === undefined) throw new SlipwayError('NOT_FOUND', `flag ${ramp.key} is gone`);
          if (before.state === 'DISABLED') {
            throw new SlipwayError('REFUSED', `flag ${ramp.key} was killed (state DISABLED)`);
          }
          return planRollout(ramp.key, before, { percent: step.percent, variant: ramp.variant });
        },
        async (unit) => {
          if (!(await unit.updateRamp(advanced, ramp.nextStep))) throw new StepTaken();
          return done
            ? [
                {
                  type: 'flag-ramp.done',
                  subject: `flag:${ramp.service}/${ramp.env}/${ramp.key}`,
                  actor: `ramp:${ramp.id}`,
                  payload: { ramp: ramp.id },
                },
              ]
            : [];
        },
      );
      return advanced;
    } catch (error) {
      if (error instanceof StepTaken) return undefined;
      return this.#fail(ramp, now, error);
    }
  }

  async #fail(ramp: FlagRamp, now: string, error: unknown): Promise<FlagRamp | undefined> {
    const reason = error instanceof Error ? error.message : String(error);
    const failed: FlagRamp = { ...ramp, status: 'failed', lastError: reason, updatedAt: now };
    const recorded = await this.#store.transaction(async (unit) => {
      if (!(await unit.updateRamp(failed, ramp.nextStep))) return false;
      await this.#flags.appendEvents(unit, [
        {
          type: 'flag-ramp.failed',
          subject: `flag:${ramp.service}/${ramp.env}/${ramp.key}`,
          actor: `ramp:${ramp.id}`,
          time: now,
          payload: { ramp: ramp.id, step: ramp.nextStep, reason },
        },
      ]);
      return true;
    });
    return recorded ? failed : undefined;
  }
}

/** Steps in time order, percentages not decreasing, times as ISO 8601 UTC. */
function checkSteps(steps: readonly RampStep[]): RampStep[] {
  if (steps.length === 0) {
    throw new SlipwayError('USAGE', 'a ramp needs at least one step', { subject: 'steps' });
  }
  const checked: RampStep[] = [];
  for (const [index, step] of steps.entries()) {
    const time = Date.parse(step.at);
    if (Number.isNaN(time)) {
      throw new SlipwayError('USAGE', `steps[${index}].at: ${step.at} is not a date and time`, {
        subject: `steps.${index}.at`,
      });
    }
    if (!(step.percent >= 0 && step.percent <= 100)) {
      throw new SlipwayError('USAGE', `steps[${index}].percent: ${step.percent} is not 0–100`, {
        subject: `steps.${index}.percent`,
      });
    }
    const previous = checked.at(-1);
    const at = new Date(time).toISOString();
    if (previous !== undefined && (at < previous.at || step.percent < previous.percent)) {
      throw new SlipwayError(
        'USAGE',
        `steps[${index}]: steps go forward in time and never lower the percentage`,
        { subject: `steps.${index}` },
      );
    }
    checked.push({ percent: step.percent, at });
  }
  return checked;
}
