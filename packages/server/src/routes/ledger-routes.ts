import type { LedgerService } from '@slipway/engine';
import { ledgerEventsQuery, ledgerPage, ledgerVerification } from '../api-schemas.js';
import type { ApiRoute } from '../api-route.js';
import { apiRoute } from '../api-route.js';

export function ledgerRoutes(ledger: LedgerService): ApiRoute[] {
  return [
    apiRoute({
      method: 'GET',
      url: '/api/ledger/events',
      summary: 'list ledger events, oldest first, filtered as `slipway ledger list`',
      action: 'ledger.read',
      query: ledgerEventsQuery,
      response: ledgerPage,
      handle: ({ query }) =>
        ledger.listEvents(
          Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)),
        ),
    }),
    apiRoute({
      method: 'GET',
      url: '/api/ledger/verify',
      summary: 'recompute the hash chain and name the first broken event',
      action: 'ledger.read',
      response: ledgerVerification,
      handle: () => ledger.verifyLedger(),
    }),
  ];
}
