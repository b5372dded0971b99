import type { JsonValue } from '@slipway/core';

/** One state change, as read back: the chain fields are filled in by the store. */
export interface LedgerEvent {
  readonly id: string;
  /** 1, 2, 3, … without gaps, per database. */
  readonly sequence: number;
  readonly type: string;
  readonly subject: string;
  readonly actor: string;
  /** ISO 8601 UTC with milliseconds. */
  readonly time: string;
  readonly payload: JsonValue;
  readonly previousHash: string;
  readonly hash: string;
}

/** What a caller records; id and time default to a new UUID and now. */
export interface LedgerEventInput {
  readonly type: string;
  readonly subject: string;
  readonly actor: string;
  readonly payload?: JsonValue;
  readonly id?: string;
  readonly time?: string;
}

/** An event before the store places it in the chain. */
export interface LedgerEventDraft {
  readonly id: string;
  readonly type: string;
  readonly subject: string;
  readonly actor: string;
  readonly time: string;
  readonly payload: JsonValue;
}

/**
 * An event as stored: the payload stays the canonical JSON text that was hashed, so a reader
 * (and `verify`) sees exactly the bytes kept, even when someone changed them behind our back.
 */
export interface StoredLedgerEvent extends Omit<LedgerEvent, 'payload'> {
  readonly payload: string;
}

export interface LedgerHead {
  readonly sequence: number;
  readonly hash: string;
}

export interface LedgerQuery {
  readonly subject?: string;
  readonly type?: string;
  readonly actor?: string;
  /** Inclusive, ISO 8601. */
  readonly since?: string;
  /** Exclusive, ISO 8601. */
  readonly until?: string;
  /** At most this many events (default 100, at most 1,000). */
  readonly limit?: number;
  /** Keyset cursor: events with a sequence above this one (a page's `nextAfter`). */
  readonly after?: number;
}

export interface LedgerPage {
  readonly events: readonly LedgerEvent[];
  /** Pass as `after` for the next page; null when this page is the last. */
  readonly nextAfter: number | null;
}

export type LedgerBreakReason =
  | 'sequence-gap'
  | 'previous-hash-mismatch'
  | 'hash-mismatch'
  /** The chain head says events exist beyond the last stored one (a deleted tail). */
  | 'missing-events'
  /** The last event does not carry the hash the chain head recorded for it. */
  | 'head-mismatch';

export interface LedgerBreak {
  readonly sequence: number;
  /** Null only for `missing-events`: there is no row to name. */
  readonly id: string | null;
  readonly reason: LedgerBreakReason;
  readonly detail: string;
}

export interface LedgerVerification {
  readonly ok: boolean;
  /** Events checked (all of them when ok). */
  readonly events: number;
  readonly firstBroken: LedgerBreak | null;
}
