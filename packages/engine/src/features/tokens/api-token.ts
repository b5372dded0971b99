import type { Role } from '@slipway/core';

/** A token as listed: never the secret, only its display prefix. */
export interface ApiToken {
  readonly id: string;
  readonly prefix: string;
  readonly role: Role;
  /** Null: every service. */
  readonly services: readonly string[] | null;
  /** Null: every environment. */
  readonly environments: readonly string[] | null;
  readonly createdBy: string;
  /**
   * Whom it was issued to (`Name <email>` or `email`), null for none: a server acts in the
   * person's name (`ada@example.com (token:<id>)`), so approvals compare people.
   */
  readonly person: string | null;
  /** ISO 8601 UTC. */
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** As stored: the token plus the sha256 of its secret. */
export interface StoredApiToken extends ApiToken {
  readonly hash: string;
}

export interface CreateTokenInput {
  readonly role: Role;
  readonly services?: readonly string[];
  readonly environments?: readonly string[];
  /** The person it is issued to: `Name <email>` or `email`. */
  readonly person?: string;
  /** Who asked for it: recorded as the ledger event's actor. */
  readonly createdBy: string;
  /** An existing secret to register (SLIPWAY_ADMIN_TOKEN) instead of a new random one. */
  readonly secret?: string;
}

/** The one time the secret exists outside the caller's hands. */
export interface CreatedToken {
  readonly token: ApiToken;
  readonly secret: string;
}
