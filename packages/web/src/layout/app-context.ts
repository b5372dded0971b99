import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/api-client.js';
import type { Session } from '../api/session.js';
import { unknownSession } from '../api/session.js';

export const ApiContext = createContext<ApiClient | null>(null);

/** The signed-in client; pages render only inside the signed-in shell. */
export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi outside the signed-in shell');
  return api;
}

export const SessionContext = createContext<Session>(unknownSession);

/** The signed-in token's role and actor, where known (see `readSession`). */
export function useSession(): Session {
  return useContext(SessionContext);
}
