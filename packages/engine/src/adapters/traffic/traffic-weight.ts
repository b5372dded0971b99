import { SlipwayError } from '@slipway/core';

/** A canary weight: a percentage from 0 to 100, kept to two decimals (basis points). */
export function checkWeight(weight: number): number {
  if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0 || weight > 100) {
    throw new SlipwayError(
      'USAGE',
      `weight ${String(weight)}: a percentage from 0 to 100 is needed`,
      {
        subject: 'weight',
      },
    );
  }
  return Math.round(weight * 100) / 100;
}

/**
 * Runs calls one after another per key (an nginx upstream file, a flag): a rollout's steps and
 * an abort racing it must not interleave their read-modify-write of the same thing.
 */
export class KeyedQueue {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return next;
  }
}
