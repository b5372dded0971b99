import type { ApiClient } from './api-client.js';
import type { Role } from './api-types.js';

/**
 * Who the signed-in token is, as `GET /api/whoami` tells: its role (to show only the buttons it
 * may use) and its ledger actor `token:<id>` (to tell a requester or author up front that they
 * cannot approve). Null means unknown (the question failed): the page then offers the action and
 * shows the server's answer.
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

export async function readSession(api: ApiClient): Promise<Session> {
  try {
    const me = await api.whoami();
    return { role: roles.find((role) => role === me.role) ?? null, actor: me.actor };
  } catch {
    return unknownSession;
  }
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
