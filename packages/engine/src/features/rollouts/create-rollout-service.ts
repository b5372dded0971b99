import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { createLedgerService } from '../ledger/ledger-service.js';
import { joinTransaction } from './join-transaction.js';
import { KyselyRolloutStore } from './kysely-rollout-store.js';
import type { RolloutLinks } from './rollout-links.js';
import { kyselyRolloutLinks } from './rollout-links.js';
import { RolloutService } from './rollout-service.js';
import type { RolloutServiceOptions } from './rollout-service.js';

/** The rollout service over one database: its links and the deployment hand-off join it too. */
export function createRolloutService(
  db: Kysely<Database>,
  options: Omit<RolloutServiceOptions, 'links' | 'storeOn'> & { links?: RolloutLinks },
): RolloutService {
  const clock = options.now === undefined ? {} : { now: options.now };
  return new RolloutService(new KyselyRolloutStore(db), createLedgerService(db, clock), {
    ...options,
    links: options.links ?? kyselyRolloutLinks(db, clock),
    storeOn: (trx) => new KyselyRolloutStore(joinTransaction(trx)),
  });
}
