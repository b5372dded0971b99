/**
 * A deterministic flag file of N flags, every one with targeting, shaped like a product's
 * flags: allow-lists and domains, app-version gates, percentage rollouts, plan and age rules,
 * shared `$evaluators`; variants of all four types. And contexts to evaluate them with.
 */
import { seededRandom } from '../../tools/test-utils/src/seeded-random.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const countries = ['de', 'fr', 'us', 'gb', 'jp', 'br', 'in', 'es'];
const plans = ['free', 'pro', 'team', 'enterprise'];
const domains = ['acme.com', 'example.org', 'slipway.dev', 'mail.test'];

export function generateFlagFile(count: number, seed = 8): { [key: string]: Json } {
  const next = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const int = (max: number): number => Math.floor(next() * max);
  const version = (): string => `${1 + int(4)}.${int(10)}.${int(10)}`;
  const flags: { [key: string]: Json } = {};
  for (let index = 0; index < count; index++) {
    const key = `flag-${String(index).padStart(4, '0')}`;
    const kind = index % 4;
    const variants: { [key: string]: Json } =
      kind === 0
        ? { on: true, off: false }
        : kind === 1
          ? { a: 'control', b: 'treatment', c: 'holdout' }
          : kind === 2
            ? { low: 10, mid: 50, high: 100 }
            : { small: { limit: 5, theme: 'light' }, large: { limit: 50, theme: 'dark' } };
    const names = Object.keys(variants);
    const variant = (): string => pick(names);
    const rule = int(6);
    const targeting: Json =
      rule === 0
        ? {
            if: [
              { in: [{ var: 'country' }, [pick(countries), pick(countries)]] },
              variant(),
              variant(),
            ],
          }
        : rule === 1
          ? {
              if: [
                { sem_ver: [{ var: 'appVersion' }, pick(['>=', '<', '^', '~']), version()] },
                variant(),
                null,
              ],
            }
          : rule === 2
            ? { fractional: names.map((name) => [name, 1 + int(50)]) }
            : rule === 3
              ? {
                  if: [
                    {
                      and: [
                        { '==': [{ var: 'plan' }, pick(plans)] },
                        { '>=': [{ var: 'age' }, 18 + int(40)] },
                      ],
                    },
                    variant(),
                    {
                      or: [
                        { starts_with: [{ var: 'userId' }, `u-${int(10)}`] },
                        { ends_with: [{ var: 'email' }, pick(domains)] },
                      ],
                    },
                    variant(),
                    null,
                  ],
                }
              : rule === 4
                ? {
                    if: [
                      { $ref: pick(['isStaff', 'isBeta', 'isLegacyApp']) },
                      variant(),
                      {
                        fractional: [
                          { cat: [{ var: '$flagd.flagKey' }, { var: 'userId' }] },
                          [variant(), 50],
                          [variant(), 50],
                        ],
                      },
                    ],
                  }
                : {
                    if: [
                      { '<': [{ var: 'cart.total' }, 100 * (1 + int(9))] },
                      variant(),
                      { '!': { var: 'beta' } },
                      variant(),
                      null,
                    ],
                  };
    flags[key] = { state: 'ENABLED', variants, defaultVariant: variant(), targeting };
  }
  return {
    flags,
    $evaluators: {
      isStaff: { ends_with: [{ var: 'email' }, '@slipway.dev'] },
      isBeta: { and: [{ var: 'beta' }, { in: [{ var: 'plan' }, ['pro', 'team']] }] },
      isLegacyApp: { sem_ver: [{ var: 'appVersion' }, '<', '2.0.0'] },
    },
    metadata: { flagSetId: 'bench', version: '1' },
  };
}

/** Contexts with ASCII keys (see the bench for why) covering every attribute the rules read. */
export function generateContexts(count: number, seed = 9): Record<string, Json>[] {
  const next = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const int = (max: number): number => Math.floor(next() * max);
  return Array.from({ length: count }, (_, index) => ({
    targetingKey: `user-${index}-${int(1_000_000)}`,
    userId: `u-${int(100_000)}`,
    email: `person${index}@${pick(domains)}`,
    country: pick(countries),
    plan: pick(plans),
    age: 16 + int(60),
    appVersion: `${1 + int(4)}.${int(10)}.${int(10)}`,
    beta: next() < 0.3,
    cart: { total: int(1_000) },
    // Attributes the testkit flags read.
    version: `${1 + int(3)}.${int(3)}.${int(3)}`,
    id: pick(['abcdef', 'uvwxyz', 'lmnopq']),
    user: { name: pick(['jack', 'queen', 'ten', 'nine', 'seven']) },
    tier: pick(['premium', 'basic']),
    color: pick(['red', 'green', 'yellow']),
    num: int(200),
  }));
}
