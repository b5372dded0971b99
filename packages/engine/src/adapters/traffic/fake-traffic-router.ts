import type { TrafficRouterConfig } from '@slipway/core';
import type { RolloutContext, TrafficRouter } from '../../features/rollouts/rollout-ports.js';
import { checkWeight } from './traffic-weight.js';

export interface TrafficRouterCall {
  readonly weight: number;
  readonly context: RolloutContext;
}

/** Remembers every weight it is given; `failNext` makes the next call throw (abort paths). */
export class FakeTrafficRouter implements TrafficRouter {
  readonly kind: TrafficRouterConfig['kind'];
  readonly calls: TrafficRouterCall[] = [];
  #weight: number | null = null;
  #failures: Error[] = [];

  constructor(kind: TrafficRouterConfig['kind'] = 'command') {
    this.kind = kind;
  }

  /** The weights set so far, in order. */
  get weights(): number[] {
    return this.calls.map((call) => call.weight);
  }

  failNext(error: Error = new Error('fake traffic router failure')): void {
    this.#failures.push(error);
  }

  async setWeight(weight: number, context: RolloutContext): Promise<void> {
    const checked = checkWeight(weight);
    const failure = this.#failures.shift();
    if (failure !== undefined) throw failure;
    this.calls.push({ weight: checked, context });
    this.#weight = checked;
  }

  currentWeight(_context: RolloutContext): Promise<number | null> {
    return Promise.resolve(this.#weight);
  }
}
