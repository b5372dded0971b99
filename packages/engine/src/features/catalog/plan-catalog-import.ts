import type { CatalogUnit } from './catalog-store.js';
import { parseCatalogInfo } from './parse-catalog-info.js';
import type { CatalogEntry, CatalogImportError, CatalogSkip } from './parse-catalog-info.js';
import { changedFields } from './service-change.js';
import type { ServiceChange } from './service-change.js';
import { defaultLifecycle, defaultRiskTier } from './service-record.js';
import type { Service } from './service-record.js';

export interface CatalogFile {
  /** Named in findings; not read. */
  readonly file: string;
  readonly text: string;
}

export interface CatalogImportReport {
  /** False when any error was found: then nothing was written and the name lists are empty. */
  readonly applied: boolean;
  readonly added: string[];
  readonly updated: string[];
  readonly unchanged: string[];
  readonly skipped: CatalogSkip[];
  readonly errors: CatalogImportError[];
}

/**
 * Reads the files and compares every Component with the stored catalog, inside the import's
 * transaction: the changes to make, or the errors that stop the whole import.
 */
export async function planCatalogImport(
  files: readonly CatalogFile[],
  unit: CatalogUnit,
  time: string,
): Promise<{ report: CatalogImportReport; changes: ServiceChange[] }> {
  const skipped: CatalogSkip[] = [];
  const errors: CatalogImportError[] = [];
  const entries: CatalogEntry[] = [];
  for (const { file, text } of files) {
    const parsed = parseCatalogInfo(text, file);
    entries.push(...parsed.entries);
    skipped.push(...parsed.skipped);
    errors.push(...parsed.errors);
  }
  const changes: ServiceChange[] = [];
  const unchanged: string[] = [];
  const seenRefs = new Map<string, CatalogEntry>();
  const seenNames = new Map<string, CatalogEntry>();
  for (const entry of entries) {
    const earlier = seenRefs.get(entry.entityRef) ?? seenNames.get(entry.name);
    if (earlier !== undefined) {
      errors.push(
        at(
          entry,
          `${entry.name} is declared twice (also ${earlier.file} document ${earlier.document})`,
        ),
      );
      continue;
    }
    seenRefs.set(entry.entityRef, entry);
    seenNames.set(entry.name, entry);
    const stored = (await unit.byEntityRef(entry.entityRef)) ?? (await unit.byName(entry.name));
    if (
      stored?.entityRef !== undefined &&
      stored.entityRef !== null &&
      stored.entityRef !== entry.entityRef
    ) {
      errors.push(at(entry, `the service name ${entry.name} belongs to ${stored.entityRef}`));
      continue;
    }
    const change = changeFor(entry, stored, time);
    if (change === undefined) unchanged.push(entry.name);
    else changes.push(change);
  }
  if (errors.length > 0) {
    const report = { applied: false, added: [], updated: [], unchanged: [], skipped, errors };
    return { report, changes: [] };
  }
  const named = (action: ServiceChange['action']): string[] =>
    changes.filter((change) => change.action === action).map((change) => change.service.name);
  const report = {
    applied: true,
    added: named('added'),
    updated: named('updated'),
    unchanged,
    skipped,
    errors,
  };
  return { report, changes };
}

/** A stored service keeps the fields the file does not declare (risk tier, lifecycle, repository). */
function changeFor(
  entry: CatalogEntry,
  stored: Service | undefined,
  time: string,
): ServiceChange | undefined {
  if (stored === undefined) {
    const service: Service = {
      name: entry.name,
      owner: entry.owner,
      repository: entry.repository ?? null,
      kind: entry.kind,
      riskTier: entry.riskTier ?? defaultRiskTier,
      lifecycle: entry.lifecycle ?? defaultLifecycle,
      entityRef: entry.entityRef,
      stage: entry.stage,
      deployer: null,
      allowSkip: false,
      rollout: null,
      createdAt: time,
      updatedAt: time,
    };
    return { action: 'added', service, changes: {} };
  }
  const next: Service = {
    ...stored,
    owner: entry.owner,
    repository: entry.repository ?? stored.repository,
    kind: entry.kind,
    riskTier: entry.riskTier ?? stored.riskTier,
    lifecycle: entry.lifecycle ?? stored.lifecycle,
    entityRef: entry.entityRef,
    stage: entry.stage,
  };
  const changes = changedFields(stored, next);
  if (Object.keys(changes).length === 0) return undefined;
  return { action: 'updated', service: { ...next, updatedAt: time }, changes };
}

function at(entry: CatalogEntry, message: string): CatalogImportError {
  return { file: entry.file, document: entry.document, field: 'metadata.name', message };
}
