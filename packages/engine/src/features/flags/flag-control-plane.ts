import type { ActOptions } from '../control-plane/control-plane.js';
import type {
  CreatedFlagClientKey,
  FlagClientKey,
  FlagImportReport,
  FlagRamp,
  RampRequest,
  FlagPatch,
  FlagScope,
  FlagSetExport,
  FlagVersion,
  RolloutRequest,
  StoredFlag,
} from './flag-record.js';
import type { StaleFlag } from './stale-flags.js';

/**
 * The flag operations of the control plane (`ControlPlane.flags`): the FlagService embedded,
 * `HttpFlagControlPlane` against a server. Kept apart so the CLI and the routes name one type.
 */
export interface FlagControlPlane {
  listFlags(scope: FlagScope): Promise<StoredFlag[]>;
  getFlag(scope: FlagScope, key: string): Promise<StoredFlag>;
  /** Flags serving one variant in every environment, unchanged for `days` days. */
  staleFlags(service: string, days: number): Promise<StaleFlag[]>;
  /** Every version, oldest first. */
  flagHistory(scope: FlagScope, key: string): Promise<FlagVersion[]>;
  setFlag(
    scope: FlagScope,
    key: string,
    patch: FlagPatch,
    options: ActOptions,
  ): Promise<StoredFlag>;
  /** A flagd flag file, validated whole first: an invalid one changes nothing. */
  importFlags(scope: FlagScope, file: unknown, options: ActOptions): Promise<FlagImportReport>;
  exportFlags(scope: FlagScope): Promise<FlagSetExport>;
  killFlag(scope: FlagScope, key: string, options: ActOptions): Promise<StoredFlag>;
  rolloutFlag(
    scope: FlagScope,
    key: string,
    request: RolloutRequest,
    options: ActOptions,
  ): Promise<StoredFlag>;
  /** A rollout the server moves at the given times (5% → 25% → …), kept across restarts. */
  scheduleRamp(
    scope: FlagScope,
    key: string,
    request: RampRequest,
    options: ActOptions,
  ): Promise<FlagRamp>;
  /** Ramps of one environment, newest first. */
  listRamps(scope: FlagScope): Promise<FlagRamp[]>;
  cancelRamp(id: string, options: ActOptions): Promise<FlagRamp>;
  createClientKey(scope: FlagScope, options: ActOptions): Promise<CreatedFlagClientKey>;
  listClientKeys(): Promise<FlagClientKey[]>;
  revokeClientKey(id: string, options: ActOptions): Promise<FlagClientKey>;
}
