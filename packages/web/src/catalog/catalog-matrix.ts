import type { RunningVersion, Service, StatusView } from '../api/api-types.js';

/** What an earlier environment runs that the next one in the lifecycle does not. */
export interface Drift {
  readonly from: string;
  readonly to: string;
  /** The version in `from`. */
  readonly version: string;
  /** What `to` runs instead; null when it runs nothing yet. */
  readonly behind: string | null;
}

export interface CatalogRow {
  readonly service: Service;
  /** One cell per lifecycle environment, in promotion order; null where nothing runs. */
  readonly cells: readonly {
    readonly environment: string;
    readonly running: RunningVersion | null;
  }[];
  readonly drift: readonly Drift[];
}

/** Joins the catalog with what runs where; services keep the API's order (by name). */
export function catalogRows(services: readonly Service[], status: StatusView): CatalogRow[] {
  const running = new Map(status.services.map((entry) => [entry.name, entry.environments]));
  return services.map((service) => {
    const environments = running.get(service.name) ?? {};
    const cells = service.lifecycle.map((environment) => ({
      environment,
      running: environments[environment] ?? null,
    }));
    return { service, cells, drift: driftOf(cells) };
  });
}

/**
 * Drift between neighbours in the lifecycle: an environment whose version differs from the one
 * before it has not received what the earlier one runs (a pending promotion). Compared by digests
 * when both sides have them, since a version may be rebuilt only by mistake and digests say so.
 */
export function driftOf(cells: CatalogRow['cells']): Drift[] {
  const drift: Drift[] = [];
  for (let index = 1; index < cells.length; index += 1) {
    const earlier = cells[index - 1];
    const later = cells[index];
    if (earlier?.running == null || later === undefined) continue;
    if (later.running !== null && sameContent(earlier.running, later.running)) continue;
    drift.push({
      from: earlier.environment,
      to: later.environment,
      version: earlier.running.version,
      behind: later.running?.version ?? null,
    });
  }
  return drift;
}

function sameContent(a: RunningVersion, b: RunningVersion): boolean {
  if (a.digests.length > 0 && b.digests.length > 0) {
    return a.digests.length === b.digests.length && a.digests.every((d) => b.digests.includes(d));
  }
  return a.version === b.version;
}

export interface CatalogFilter {
  /** Case-insensitive part of the name, owner, repository or a running version. */
  readonly search: string;
  /** '' for every owner. */
  readonly owner: string;
  /** '' for every tier. */
  readonly tier: string;
  readonly driftOnly: boolean;
}

export function filterRows(rows: readonly CatalogRow[], filter: CatalogFilter): CatalogRow[] {
  const needle = filter.search.trim().toLowerCase();
  return rows.filter((row) => {
    if (filter.owner !== '' && row.service.owner !== filter.owner) return false;
    if (filter.tier !== '' && row.service.riskTier !== filter.tier) return false;
    if (filter.driftOnly && row.drift.length === 0) return false;
    if (needle === '') return true;
    const haystack = [
      row.service.name,
      row.service.owner ?? '',
      row.service.repository ?? '',
      ...row.cells.map((cell) => cell.running?.version ?? ''),
    ];
    return haystack.some((text) => text.toLowerCase().includes(needle));
  });
}

/** The distinct non-empty values, sorted, for a filter's choices. */
export function choicesOf(values: readonly (string | null)[]): string[] {
  return [
    ...new Set(values.filter((value): value is string => value !== null && value !== '')),
  ].sort();
}
