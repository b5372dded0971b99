import { createHash } from 'node:crypto';
import type { CompiledFlagSet, FlagDefinition, FlagFile } from '@slipway/core';
import { canonicalJson, compileFlagSet } from '@slipway/core';
import type { FlagScope, FlagSetState, StoredFlag } from './flag-record.js';

export const flagdSchemaUrl = 'https://flagd.dev/schema/v0/flags.json';

/** An environment's flags at one revision: the file, its ETag, and flags ready to evaluate. */
export interface FlagSnapshot extends FlagScope {
  readonly revision: number;
  readonly file: FlagFile;
  /** The file as served, so every request sends the same bytes for one ETag. */
  readonly text: string;
  /** Strong ETag over the file's canonical bytes: equal content, equal tag, on any server. */
  readonly etag: string;
  readonly flagSet: CompiledFlagSet;
}

export function flagFileOf(set: FlagSetState | undefined, flags: readonly StoredFlag[]): FlagFile {
  const definitions: Record<string, FlagDefinition> = {};
  for (const flag of flags) definitions[flag.key] = flag.definition;
  const evaluators = set?.evaluators ?? {};
  const metadata = set?.metadata ?? {};
  return {
    $schema: flagdSchemaUrl,
    flags: definitions,
    ...(Object.keys(evaluators).length === 0 ? {} : { $evaluators: evaluators }),
    ...(Object.keys(metadata).length === 0 ? {} : { metadata }),
  } as FlagFile;
}

export function buildFlagSnapshot(
  scope: FlagScope,
  set: FlagSetState | undefined,
  flags: readonly StoredFlag[],
): FlagSnapshot {
  const file = flagFileOf(set, flags);
  const canonical = canonicalJson(file);
  const etag = `"${createHash('sha256').update(canonical, 'utf8').digest('base64url').slice(0, 27)}"`;
  return {
    service: scope.service,
    env: scope.env,
    revision: set?.revision ?? 0,
    file,
    text: `${JSON.stringify(file, null, 2)}\n`,
    etag,
    flagSet: compileFlagSet(file).flagSet,
  };
}
