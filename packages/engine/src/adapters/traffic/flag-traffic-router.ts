import { canonicalJson } from '@slipway/core';
import type { RolloutContext, TrafficRouter } from '../../features/rollouts/rollout-ports.js';
import type { FlagTrafficPort } from './flag-traffic-port.js';
import { planTrafficSplit, splitWeight } from './flag-traffic-split.js';
import { KeyedQueue, checkWeight } from './traffic-weight.js';

export interface FlagTrafficRouterOptions {
  /** The flag (in the rollout's service and environment) whose split is the traffic. */
  readonly flag: string;
  readonly stableVariant: string;
  readonly canaryVariant: string;
}

/** Per process: routers moving flags of one environment take turns (the store locks too). */
const flagQueue = new KeyedQueue();

/**
 * Traffic as a feature flag's fractional split, moved by the same rollout plan that ramps
 * flags by hand: so a release by flag gets the rollout's analysis and rollback.
 */
export class FlagTrafficRouter implements TrafficRouter {
  readonly kind = 'flag';
  readonly #port: FlagTrafficPort;
  readonly #options: FlagTrafficRouterOptions;

  constructor(port: FlagTrafficPort, options: FlagTrafficRouterOptions) {
    this.#port = port;
    this.#options = options;
  }

  async setWeight(weight: number, context: RolloutContext): Promise<void> {
    const percent = checkWeight(weight);
    const scope = { service: context.service, env: context.environment };
    const { flag, stableVariant, canaryVariant } = this.#options;
    return flagQueue.run(`${scope.service}\u0000${scope.env}`, async () => {
      const stored = await this.#port.getFlag(scope, flag);
      const split = { stableVariant, canaryVariant, percent };
      // Already there (abort repeats setWeight(0)): no new flag version, no ledger entry.
      const planned = planTrafficSplit(flag, stored.definition, split);
      if (canonicalJson(planned) === canonicalJson(stored.definition)) return;
      await this.#port.setRolloutPercent(scope, flag, split, {
        actor: context.actor,
        rolloutId: context.rolloutId,
      });
    });
  }

  async currentWeight(context: RolloutContext): Promise<number | null> {
    const scope = { service: context.service, env: context.environment };
    const stored = await this.#port.getFlag(scope, this.#options.flag);
    return splitWeight(stored.definition, this.#options);
  }
}
