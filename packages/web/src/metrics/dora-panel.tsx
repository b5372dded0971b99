import type { ReactNode } from 'react';
import { useState } from 'react';
import type { Deployment, Release, Service } from '../api/api-types.js';
import { formatDuration } from '../format/format-time.js';
import { BarChart } from './bar-chart.js';
import type { DoraMetrics } from './dora-metrics.js';
import { doraMetrics } from './dora-metrics.js';

export const doraWindows = [30, 90, 180] as const;

/** The four DORA measures of a service's production environment (definitions: docs/dashboard.md). */
export function DoraPanel({
  service,
  releases,
  deployments,
}: {
  readonly service: Service;
  readonly releases: readonly Release[];
  readonly deployments: readonly Deployment[];
}): ReactNode {
  const [windowDays, setWindowDays] = useState<number>(90);
  const production = service.lifecycle[service.lifecycle.length - 1];
  if (production === undefined) return null;
  const metrics = doraMetrics({
    productionEnvironment: production,
    deployments,
    releases,
    now: new Date(),
    windowDays,
  });
  return (
    <section className="dora" aria-labelledby="dora-title">
      <h2 id="dora-title">
        Delivery in <code>{production}</code>
      </h2>
      <WindowChoice windowDays={windowDays} onChange={setWindowDays} />
      <DoraFigures metrics={metrics} />
    </section>
  );
}

export function WindowChoice({
  windowDays,
  onChange,
}: {
  readonly windowDays: number;
  readonly onChange: (days: number) => void;
}): ReactNode {
  return (
    <label>
      Window{' '}
      <select value={windowDays} onChange={(event) => onChange(Number(event.target.value))}>
        {doraWindows.map((days) => (
          <option key={days} value={days}>
            last {days} days
          </option>
        ))}
      </select>
    </label>
  );
}

/** `50% (1 of 2)`, or `–` with no deployments (never 0% for nothing measured). */
export function failureRateText(metrics: DoraMetrics): string {
  const rate =
    metrics.changeFailureRate === null ? '–' : `${Math.round(metrics.changeFailureRate * 100)}%`;
  return `${rate} (${metrics.failures} of ${metrics.deployments})`;
}

export function restoreText(metrics: DoraMetrics): string {
  return `${formatDuration(metrics.medianTimeToRestore)}${
    metrics.unrestored > 0 ? `, ${metrics.unrestored} not restored` : ''
  }`;
}

/** The figures and charts of one set of measures (a service's or a team's). */
export function DoraFigures({ metrics }: { readonly metrics: DoraMetrics }): ReactNode {
  const fromCommit = metrics.leadTimes.some((sample) => sample.from === 'commit');
  return (
    <>
      <dl className="metrics">
        <div>
          <dt>Deployment frequency</dt>
          <dd data-metric="frequency">
            {metrics.deploymentsPerWeek.toFixed(1)}/week ({metrics.deployments})
          </dd>
        </div>
        <div>
          <dt>Lead time (median, from {fromCommit ? 'first commit' : 'release'})</dt>
          <dd data-metric="lead-time">{formatDuration(metrics.medianLeadTime)}</dd>
        </div>
        <div>
          <dt>Change failure rate</dt>
          <dd data-metric="failure-rate">{failureRateText(metrics)}</dd>
        </div>
        <div>
          <dt>Time to restore (median)</dt>
          <dd data-metric="restore">{restoreText(metrics)}</dd>
        </div>
      </dl>
      <div className="charts">
        <BarChart
          title="Production deployments per week"
          bars={metrics.weekly.map((week) => ({
            label: `week of ${week.weekStart.slice(0, 10)}`,
            value: week.deployments,
          }))}
          format={(value) => String(value)}
        />
        <BarChart
          title="Lead time per release"
          bars={metrics.leadTimes.map((sample) => ({
            label: sample.version,
            value: sample.milliseconds,
          }))}
          format={(value) => formatDuration(value)}
        />
      </div>
    </>
  );
}
