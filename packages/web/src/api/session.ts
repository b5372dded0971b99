import { ApiError } from './api-client.js';
import type { ApiClient } from './api-client.js';
import type { Role } from './api-types.js';

/**
 * Who the signed-in token is, as far as the API tells: its role (to show only the buttons it may
 * use) and its ledger actor `token:<id>` (to tell a requester or author up front that they cannot
 * approve). The API has no "who am I" route yet, so this reads `GET /api/tokens`: an admin gets
 * the list and finds its own token by the display prefix (`slw_` + 8 characters, the first 12 of
 * the secret); any other role gets a 403 whose reason names the role. Null means unknown: the
 * page then offers the action and shows the server's answer.
 */
export interface Session {
  readonly role: Role | null;
  readonly actor: string | null;
  /** True until the role has been asked: pages offer no action before they know. */
  readonly loading?: boolean;
}

export const unknownSession: Session = { role: null, actor: null };

export const loadingSession: Session = { role: null, actor: null, loading: true };

const roles: readonly Role[] = ['viewer', 'developer', 'releaser', 'approver', 'admin'];
const displayLength = 12;

export async function readSession(api: ApiClient, token: string): Promise<Session> {
  try {
    const tokens = await api.listTokens();
    const prefix = token.slice(0, displayLength);
    const mine = tokens.filter((entry) => entry.revokedAt === null && entry.prefix === prefix);
    const only = mine.length === 1 ? mine[0] : undefined;
    return { role: 'admin', actor: only === undefined ? null : `token:${only.id}` };
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) {
      return { role: roleInReason(error.message), actor: null };
    }
    return unknownSession;
  }
}

/** The role in a 403 reason such as `role admin needed for … (this token has role viewer)`. */
export function roleInReason(reason: string): Role | null {
  const named = /this token has role (\w+)/.exec(reason)?.[1];
  return roles.find((role) => role === named) ?? null;
}

/**
 * True when the role is at least `needed`; an unknown role may try (the server decides), but
 * nothing is offered while the role is still being asked.
 */
export function mayAct(session: Session, needed: Role): boolean {
  if (session.loading === true) return false;
  if (session.role === null) return true;
  return roles.indexOf(session.role) >= roles.indexOf(needed);
}
