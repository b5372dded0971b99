import { SlipwayError } from '@slipway/core';
import type { FlagScope, StoredFlag } from '../../features/flags/flag-record.js';
import type { FlagService } from '../../features/flags/flag-service.js';
import type { FlagTrafficSplit } from './flag-traffic-split.js';
import { planTrafficSplit } from './flag-traffic-split.js';

/** Who moves the split, for the flag's ledger entry. */
export interface FlagTrafficAudit {
  readonly actor: string;
  readonly rolloutId: string;
}

/** What the flag router needs of the flags feature (FlagService, or a server's flags API). */
export interface FlagTrafficPort {
  getFlag(scope: FlagScope, key: string): Promise<StoredFlag>;
  /** Moves the split in one flag change: a new version, recorded in the ledger with the audit. */
  setRolloutPercent(
    scope: FlagScope,
    key: string,
    split: FlagTrafficSplit,
    audit: FlagTrafficAudit,
  ): Promise<StoredFlag>;
}

export const flagTrafficEventType = 'flag.traffic-set';

/**
 * The port over the engine's FlagService. The split is planned inside the flag's transaction
 * (on the definition it locked), and a `flag.traffic-set` event naming the rollout is recorded
 * in the same transaction as the flag's own `flag.rolled-out` event, both with the rollout's actor.
 */
export function flagServiceTrafficPort(
  flags: Pick<FlagService, 'getFlag' | 'changeFlagWith'>,
): FlagTrafficPort {
  return {
    getFlag: (scope, key) => flags.getFlag(scope, key),
    setRolloutPercent: (scope, key, split, audit) =>
      flags.changeFlagWith(
        scope,
        key,
        'rollout',
        audit.actor,
        (before) => {
          if (before === undefined) {
            throw new SlipwayError('NOT_FOUND', `no flag ${key} in ${scope.service}/${scope.env}`, {
              subject: key,
            });
          }
          return planTrafficSplit(key, before, split);
        },
        (_unit, time) =>
          Promise.resolve([
            {
              type: flagTrafficEventType,
              subject: `flag:${scope.service}/${scope.env}/${key}`,
              actor: audit.actor,
              time,
              payload: {
                rollout: audit.rolloutId,
                service: scope.service,
                env: scope.env,
                flag: key,
                stableVariant: split.stableVariant,
                canaryVariant: split.canaryVariant,
                percent: split.percent,
              },
            },
          ]),
      ),
  };
}
