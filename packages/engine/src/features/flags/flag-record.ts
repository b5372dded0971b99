import type { FlagDefinition, FlagFile, FlagMetadata, JsonValue } from '@slipway/core';

/** What caused a flag version. */
export type FlagChangeKind = 'set' | 'import' | 'kill' | 'rollout';

/** One flag of one service and environment, at its current version. */
export interface StoredFlag {
  readonly service: string;
  readonly env: string;
  readonly key: string;
  /** 1 for the first definition, +1 for every change. */
  readonly version: number;
  readonly definition: FlagDefinition;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

/** A past (or the current) version of a flag, with who made it and why. */
export interface FlagVersion {
  readonly service: string;
  readonly env: string;
  readonly key: string;
  readonly version: number;
  readonly definition: FlagDefinition;
  readonly change: FlagChangeKind;
  readonly actor: string;
  readonly time: string;
}

/** Set-level state of one service and environment: what every flag file export carries. */
export interface FlagSetState {
  readonly service: string;
  readonly env: string;
  /** Grows by one with every change in this environment (0: nothing stored yet). */
  readonly revision: number;
  readonly metadata: FlagMetadata;
  readonly evaluators: Readonly<Record<string, JsonValue>>;
  readonly updatedAt: string;
}

export interface FlagScope {
  readonly service: string;
  readonly env: string;
}

/** A change to one flag's definition: fields not given keep their current value. */
export interface FlagPatch {
  readonly state?: 'ENABLED' | 'DISABLED';
  readonly variants?: FlagDefinition['variants'];
  /** null: no default variant (the caller's code default applies). */
  readonly defaultVariant?: string | null;
  /** null removes the targeting rule. */
  readonly targeting?: JsonValue | null;
  readonly metadata?: FlagMetadata;
}

export interface RolloutRequest {
  /** Share of users (0–100, two decimals at most) who get the new variant. */
  readonly percent: number;
  /** The new variant; needed when no rollout is under way, else it must match the current one. */
  readonly variant?: string;
}

export interface FlagImportReport {
  readonly service: string;
  readonly env: string;
  readonly revision: number;
  /** Flags that got a new version, sorted. */
  readonly changed: readonly string[];
  /** Flags of the file that were already as written, sorted. */
  readonly unchanged: readonly string[];
}

/** An environment's flags as a flagd flag file, with the ETag of its bytes. */
export interface FlagSetExport {
  readonly file: FlagFile;
  readonly revision: number;
  readonly etag: string;
}

/** An OFREP client key, as listed (never the secret). */
export interface FlagClientKey {
  readonly id: string;
  readonly prefix: string;
  readonly service: string;
  readonly env: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

export interface StoredFlagClientKey extends FlagClientKey {
  readonly hash: string;
}

export interface CreatedFlagClientKey {
  readonly key: FlagClientKey;
  /** Shown once: only its hash is kept. */
  readonly secret: string;
}

/** One step of a scheduled ramp: the share of users on the new variant from `at` on. */
export interface RampStep {
  readonly percent: number;
  /** ISO 8601 UTC. */
  readonly at: string;
}

export type RampStatus = 'active' | 'done' | 'cancelled' | 'failed';

/** A rollout the server moves step by step at the given times; kept across restarts. */
export interface FlagRamp {
  readonly id: string;
  readonly service: string;
  readonly env: string;
  readonly key: string;
  readonly variant: string;
  readonly steps: readonly RampStep[];
  /** Index of the next step to run (= steps.length when done). */
  readonly nextStep: number;
  readonly status: RampStatus;
  readonly lastError: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface RampRequest {
  /** The new variant; the flag's default variant is the old one. */
  readonly variant: string;
  readonly steps: readonly RampStep[];
}
