import type { Role } from './roles.js';
import { roleRank } from './roles.js';

/** What a request wants to do; each names the least role that may do it. */
export const actionMinimumRole = {
  'ledger.read': 'viewer',
  /** Services, artifacts, releases, deployments, status and history. */
  'catalog.read': 'viewer',
  'artifacts.register': 'developer',
  'releases.create': 'developer',
  'catalog.write': 'releaser',
  'deployments.create': 'releaser',
  /** Deployers run programs on the server: only admins set them. */
  'deployers.configure': 'admin',
  'approvals.decide': 'approver',
  'tokens.manage': 'admin',
  /** Store a new version of the deployment policy. */
  'policy.configure': 'admin',
  /** Check results (tests, scans, provenance) count as evidence: CI records them. */
  'checks.record': 'releaser',
  /** Deploy past approvals and freezes, with a reason and a post-release review. */
  'deployments.break-glass': 'approver',
  /** Flags of a service and environment, and their OFREP evaluation. */
  'flags.read': 'viewer',
  /** Set, import, kill and roll out flags. */
  'flags.write': 'releaser',
  /** Issue and revoke OFREP client keys. */
  'flags.keys': 'admin',
  /** Rollouts, their analysis runs and the judge's evidence. */
  'rollouts.read': 'viewer',
  /** Promote, abort, retry, pause and resume rollouts. */
  'rollouts.control': 'releaser',
} as const satisfies Record<string, Role>;

export type AccessAction = keyof typeof actionMinimumRole;

/** The parts of a token that decide access; a null scope means every service (environment). */
export interface AccessGrant {
  readonly role: Role;
  readonly services: readonly string[] | null;
  readonly environments: readonly string[] | null;
}

export interface AccessTarget {
  readonly service?: string;
  readonly env?: string;
}

export type AccessDecision =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      /** Why, in words a 403 answer can show as is. */
      readonly reason: string;
    };

/**
 * Role first, then scope. A scoped token may act only on a named service or environment it
 * lists; a request that names no service is outside every service scope, so scoped tokens
 * cannot perform service-wide actions by leaving the service out.
 */
export function canPerform(
  grant: AccessGrant,
  action: AccessAction,
  target: AccessTarget = {},
): AccessDecision {
  const needed = actionMinimumRole[action];
  if (roleRank(grant.role) < roleRank(needed)) {
    const on = target.service === undefined ? '' : ` on service ${target.service}`;
    return {
      allowed: false,
      reason: `role ${needed} needed for ${action}${on} (this token has role ${grant.role})`,
    };
  }
  const services = outsideScope(grant.services, target.service, 'service', action);
  if (services !== null) return { allowed: false, reason: services };
  const environments = outsideScope(grant.environments, target.env, 'environment', action);
  if (environments !== null) return { allowed: false, reason: environments };
  return { allowed: true };
}

function outsideScope(
  scope: readonly string[] | null,
  value: string | undefined,
  kind: 'service' | 'environment',
  action: AccessAction,
): string | null {
  if (scope === null) return null;
  if (value === undefined) {
    return `${action} needs a token for every ${kind}; this token is limited to ${kind} ${scope.join(', ')}`;
  }
  if (scope.includes(value)) return null;
  return `this token is not allowed ${action} on ${kind} ${value} (limited to ${scope.join(', ')})`;
}
