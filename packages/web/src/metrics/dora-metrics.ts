import type { Deployment, Release } from '../api/api-types.js';

/**
 * The four DORA measures of one service over a window, from its deployments and releases alone:
 * a pure function, so the page, the tests and docs/dashboard.md agree on one definition.
 * Exact definitions are in docs/dashboard.md ("DORA metrics").
 */
export interface DoraInput {
  /** The last environment of the service's lifecycle. */
  readonly productionEnvironment: string;
  readonly deployments: readonly Deployment[];
  readonly releases: readonly Release[];
  readonly now: Date;
  readonly windowDays: number;
}

export interface LeadTimeSample {
  readonly version: string;
  readonly milliseconds: number;
  /** Measured from the commit time when the release records one, else from its creation. */
  readonly from: 'commit' | 'release';
}

export interface RestoreSample {
  readonly version: string;
  readonly milliseconds: number;
}

export interface DoraMetrics {
  readonly from: string;
  readonly to: string;
  readonly deployments: number;
  readonly deploymentsPerWeek: number;
  /** Oldest first; each week ends where the next begins, the last one at `to`. */
  readonly weekly: readonly { readonly weekStart: string; readonly deployments: number }[];
  readonly leadTimes: readonly LeadTimeSample[];
  readonly medianLeadTime: number | null;
  readonly failures: number;
  /** failures / deployments, both counted over the same deployments; null with none. */
  readonly changeFailureRate: number | null;
  readonly restores: readonly RestoreSample[];
  readonly medianTimeToRestore: number | null;
  /** Failures with no successful production deployment after them yet. */
  readonly unrestored: number;
}

const day = 86_400_000;
const week = 7 * day;

export function doraMetrics(input: DoraInput): DoraMetrics {
  const to = input.now.getTime();
  const from = to - input.windowDays * day;
  // Everything that went live in production, in the order it did; a rolled-back deployment
  // went live too (it was replaced later).
  const live = input.deployments
    .filter((d) => d.environment === input.productionEnvironment)
    .filter((d) => d.status === 'succeeded' || d.status === 'rolled_back')
    .filter((d) => d.finishedAt !== null)
    .map((d) => ({ deployment: d, time: Date.parse(d.finishedAt ?? '') }))
    .sort((a, b) => a.time - b.time);
  const inWindow = (time: number): boolean => time >= from && time <= to;
  // A rollback restores; it is not a change, so it is neither a deployment nor a failure.
  const changes = live.filter(
    (entry) => entry.deployment.action !== 'rollback' && inWindow(entry.time),
  );

  const releases = new Map(input.releases.map((release) => [release.id, release]));
  const firstLive = new Map<string, number>();
  for (const entry of live) {
    if (!firstLive.has(entry.deployment.releaseId))
      firstLive.set(entry.deployment.releaseId, entry.time);
  }
  const leadTimes: LeadTimeSample[] = [];
  for (const entry of changes) {
    const release = releases.get(entry.deployment.releaseId);
    // A release counts once, at its first production deployment; redeploys are not new changes.
    if (release === undefined || firstLive.get(release.id) !== entry.time) continue;
    const commitTime = release.firstCommitTime ?? null;
    const start = Date.parse(commitTime ?? release.createdAt);
    leadTimes.push({
      version: release.version,
      milliseconds: Math.max(0, entry.time - start),
      from: commitTime === null ? 'release' : 'commit',
    });
  }

  const fixedAt = fixTimes(live, input.releases, firstLive);
  const restores: RestoreSample[] = [];
  let failures = 0;
  let unrestored = 0;
  for (const entry of changes) {
    const index = live.indexOf(entry);
    const next = live[index + 1];
    const rolledBack =
      entry.deployment.status === 'rolled_back' || next?.deployment.action === 'rollback';
    const fixTime = fixedAt.get(entry);
    // Counted once, however many ways it failed; restored by whichever came first.
    if (!rolledBack && fixTime === undefined) continue;
    failures += 1;
    // Restored by the next deployment that went live (the rollback, or a fix rolled forward),
    // or, for a failure known only from its fix, by that fix going live.
    const restoredAt = rolledBack ? next?.time : fixTime;
    if (restoredAt === undefined) unrestored += 1;
    else
      restores.push({ version: entry.deployment.version, milliseconds: restoredAt - entry.time });
  }

  const weeks = Math.max(1, Math.ceil(input.windowDays / 7));
  const weekly = Array.from({ length: weeks }, (_, index) => {
    const end = to - (weeks - 1 - index) * week;
    const start = end - week;
    return {
      weekStart: new Date(start).toISOString(),
      deployments: changes.filter((entry) => entry.time > start && entry.time <= end).length,
    };
  });
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    deployments: changes.length,
    deploymentsPerWeek: (changes.length * 7) / input.windowDays,
    weekly,
    leadTimes,
    medianLeadTime: median(leadTimes.map((sample) => sample.milliseconds)),
    failures,
    changeFailureRate: changes.length === 0 ? null : failures / changes.length,
    restores,
    medianTimeToRestore: median(restores.map((sample) => sample.milliseconds)),
    unrestored,
  };
}

interface LiveEntry {
  readonly deployment: Deployment;
  readonly time: number;
}

/**
 * The production deployments that a fix release (`fixes` naming their version) replaced, with
 * when that fix first went live: the last deployment (not a rollback) of the fixed version
 * before the fix, so a fix marks one deployment and a deployment is marked once (the earliest
 * fix wins).
 */
function fixTimes(
  live: readonly LiveEntry[],
  releases: readonly Release[],
  firstLive: ReadonlyMap<string, number>,
): Map<LiveEntry, number> {
  const fixedAt = new Map<LiveEntry, number>();
  for (const fix of releases) {
    const fixed = fix.fixes ?? null;
    const fixTime = firstLive.get(fix.id);
    if (fixed === null || fixTime === undefined) continue;
    const failed = live
      .filter((entry) => entry.deployment.action !== 'rollback')
      .filter((entry) => entry.deployment.version === fixed && entry.time < fixTime)
      .at(-1);
    if (failed === undefined) continue;
    const known = fixedAt.get(failed);
    if (known === undefined || fixTime < known) fixedAt.set(failed, fixTime);
  }
  return fixedAt;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

export interface ServiceDelivery {
  readonly service: string;
  readonly productionEnvironment: string;
  readonly deployments: readonly Deployment[];
  readonly releases: readonly Release[];
}

/**
 * A team's measures: each service's own (its production environment, its deployments), added
 * up. Counts add, medians are taken over every sample of every service, and the failure rate is
 * failures / deployments over the same added-up deployments, so it stays within 0–100% too.
 */
export function teamDoraMetrics(
  services: readonly ServiceDelivery[],
  now: Date,
  windowDays: number,
): {
  readonly team: DoraMetrics;
  readonly perService: readonly (readonly [string, DoraMetrics])[];
} {
  const perService = services.map(
    (entry) =>
      [
        entry.service,
        doraMetrics({
          productionEnvironment: entry.productionEnvironment,
          deployments: entry.deployments,
          releases: entry.releases,
          now,
          windowDays,
        }),
      ] as const,
  );
  const all = perService.map(([, metrics]) => metrics);
  const empty = doraMetrics({
    productionEnvironment: '',
    deployments: [],
    releases: [],
    now,
    windowDays,
  });
  const deployments = sum(all.map((metrics) => metrics.deployments));
  const failures = sum(all.map((metrics) => metrics.failures));
  // Samples are labelled with their service, as the team's charts list them together.
  const leadTimes = perService.flatMap(([name, metrics]) =>
    metrics.leadTimes.map((sample) => ({ ...sample, version: `${name} ${sample.version}` })),
  );
  const restores = perService.flatMap(([name, metrics]) =>
    metrics.restores.map((sample) => ({ ...sample, version: `${name} ${sample.version}` })),
  );
  return {
    perService,
    team: {
      ...empty,
      deployments,
      deploymentsPerWeek: (deployments * 7) / windowDays,
      weekly: empty.weekly.map((week, index) => ({
        weekStart: week.weekStart,
        deployments: sum(all.map((metrics) => metrics.weekly[index]?.deployments ?? 0)),
      })),
      leadTimes,
      medianLeadTime: median(leadTimes.map((sample) => sample.milliseconds)),
      failures,
      changeFailureRate: deployments === 0 ? null : failures / deployments,
      restores,
      medianTimeToRestore: median(restores.map((sample) => sample.milliseconds)),
      unrestored: sum(all.map((metrics) => metrics.unrestored)),
    },
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
