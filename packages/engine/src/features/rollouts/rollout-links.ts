import type { Kysely, Transaction } from 'kysely';
import { SlipwayError, canonicalJson } from '@slipway/core';
import type { Database } from '../../db/database.js';
import { boundLog } from '../deployments/bounded-log.js';
import { deploymentEvent } from '../deployments/deployment-events.js';
import type { Deployment } from '../deployments/deployment-record.js';
import type { DeploymentStore, DeploymentUnit } from '../deployments/deployment-store.js';
import { KyselyDeploymentStore } from '../deployments/kysely-deployment-store.js';
import { settleDeployment } from '../deployments/settle-deployment.js';
import { FlagService } from '../flags/flag-service.js';
import { KyselyFlagStore } from '../flags/kysely-flag-store.js';
import type { LedgerEventInput } from '../ledger/ledger-event.js';
import type { LedgerService } from '../ledger/ledger-service.js';
import { createLedgerService } from '../ledger/ledger-service.js';
import { joinTransaction } from './join-transaction.js';
import type { FlagSnapshotEntry, RolloutUnit, StoredRollout } from './rollout-store.js';

/** How a rollout ended (or, for retried, began again): what its deployment and flags do then. */
export type RolloutOutcome = 'succeeded' | 'aborted' | 'frozen' | 'retried';

/**
 * What the rollout service asks of the deployments and flags features, inside its own
 * transaction, so a rollout's end and its consequences commit together or not at all.
 */
export interface RolloutLinks {
  /** The environment's flags now (a rollout restores them on abort). */
  flagSnapshot(
    scope: { readonly service: string; readonly environment: string },
    trx: Transaction<Database> | undefined,
  ): Promise<FlagSnapshotEntry[]>;
  /**
   * Succeeded: the deployment succeeds (the environment moves to the new version). Aborted:
   * the deployment fails and every flag changed since the snapshot gets its snapshot definition
   * back (a flag created since is disabled). Frozen: the deployment fails (so a fix release can
   * be deployed) but traffic and flags stay. Retried: the deployment is in progress again.
   * Returns the keys of the flags restored.
   */
  settle(
    unit: RolloutUnit,
    rollout: StoredRollout,
    outcome: RolloutOutcome,
    actor: string,
    time: string,
  ): Promise<string[]>;
}

/** The features a settlement works with, over one transaction (or the fakes' stores). */
export interface RolloutLinkParts {
  readonly deployments: DeploymentStore;
  readonly flags: Pick<FlagService, 'listFlags' | 'changeFlagWith'>;
  readonly ledger: LedgerService;
}

export function createRolloutLinks(
  partsFor: (trx: Transaction<Database> | undefined) => RolloutLinkParts,
): RolloutLinks {
  return {
    flagSnapshot: async (scope, trx) => {
      const flags = await partsFor(trx).flags.listFlags({
        service: scope.service,
        env: scope.environment,
      });
      return flags.map((flag) => ({ key: flag.key, definition: flag.definition }));
    },
    settle: async (unit, rollout, outcome, actor, time) => {
      const parts = partsFor(unit.trx);
      const restored = outcome === 'aborted' ? await restoreFlags(parts, rollout, actor) : [];
      await parts.deployments.transaction(async (deployments) => {
        const events = await settleRolloutDeployment(deployments, rollout, outcome, actor, time);
        for (const event of events) {
          if (deployments.trx === undefined) await parts.ledger.append(event);
          else await parts.ledger.appendEvent(deployments.trx, event);
        }
      });
      return restored;
    },
  };
}

/** The links over one database: every feature's store joins the rollout's transaction. */
export function kyselyRolloutLinks(
  db: Kysely<Database>,
  options: { now?: () => Date } = {},
): RolloutLinks {
  return createRolloutLinks((trx) => {
    const joined = trx === undefined ? db : joinTransaction(trx);
    const ledger = createLedgerService(joined, options);
    return {
      deployments: new KyselyDeploymentStore(joined),
      flags: new FlagService(new KyselyFlagStore(joined), ledger, options),
      ledger,
    };
  });
}

async function restoreFlags(
  parts: RolloutLinkParts,
  rollout: StoredRollout,
  actor: string,
): Promise<string[]> {
  const scope = { service: rollout.service, env: rollout.environment };
  const before = new Map(rollout.flagSnapshot.map((entry) => [entry.key, entry.definition]));
  const restored: string[] = [];
  for (const flag of await parts.flags.listFlags(scope)) {
    const target = before.get(flag.key) ?? { ...flag.definition, state: 'DISABLED' as const };
    if (canonicalJson(target) === canonicalJson(flag.definition)) continue;
    await parts.flags.changeFlagWith(scope, flag.key, 'set', actor, () => target);
    restored.push(flag.key);
  }
  return restored;
}

async function settleRolloutDeployment(
  unit: DeploymentUnit,
  rollout: StoredRollout,
  outcome: RolloutOutcome,
  actor: string,
  time: string,
): Promise<LedgerEventInput[]> {
  const current = await unit.lockEnvironment(rollout.service, rollout.environment);
  const stored = await unit.get(rollout.deploymentId);
  if (stored === undefined) return [];
  const note = `rollout ${rollout.id} ${outcome}${rollout.message === null ? '' : `: ${rollout.message}`}\n`;
  if (outcome === 'retried') {
    if (stored.status === 'in_progress') return [];
    const running = await unit.inProgress(rollout.service, rollout.environment);
    if (running !== undefined) {
      throw new SlipwayError(
        'REFUSED',
        `deployment ${running.id} of ${running.service} ${running.version} to ${running.environment} is in progress; retry after it`,
        { subject: rollout.id },
      );
    }
    const reopened: Deployment = {
      ...stored,
      status: 'in_progress',
      finishedAt: null,
      updatedAt: time,
      logs: boundLog(stored.logs + note),
    };
    await unit.update(reopened);
    return [deploymentEvent('progress', reopened, actor, { rollout: rollout.id })];
  }
  if (stored.status !== 'in_progress') return [];
  const status = outcome === 'succeeded' ? 'succeeded' : 'failed';
  const { events } = await settleDeployment(
    unit,
    stored,
    { status, logs: note },
    current,
    actor,
    time,
  );
  return events;
}
