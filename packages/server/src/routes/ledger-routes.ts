import type { ControlPlane } from '@slipway/engine';
import { ledgerEventsQuery, ledgerPage, ledgerVerification } from '../api-schemas.js';
import type { ApiRoute } from '../api-route.js';
import { apiRoute } from '../api-route.js';
import { definedOnly } from './defined-only.js';

export function ledgerRoutes(controlPlane: ControlPlane): ApiRoute[] {
  return [
    apiRoute({
      method: 'GET',
      url: '/api/ledger/events',
      summary: 'list ledger events, oldest first, filtered as `slipway ledger list`',
      action: 'ledger.read',
      query: ledgerEventsQuery,
      response: ledgerPage,
      handle: ({ query }) => controlPlane.listEvents(definedOnly(query)),
    }),
    apiRoute({
      method: 'GET',
      url: '/api/ledger/verify',
      summary: 'recompute the hash chain and name the first broken event',
      action: 'ledger.read',
      response: ledgerVerification,
      handle: () => controlPlane.verifyLedger(),
    }),
  ];
}
