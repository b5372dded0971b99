import type { ReactNode } from 'react';
import type { Judgement } from '../api/api-types.js';
import { median } from '../metrics/dora-metrics.js';
import type { MetricSeries } from './rollout-progress.js';

const width = 320;
const height = 90;
const pad = 6;

function scale(values: readonly number[]): (value: number) => number {
  const low = Math.min(...values);
  const high = Math.max(...values);
  const span = high - low;
  return (value) => (span === 0 ? 0.5 : (value - low) / span);
}

/** Three significant digits without trailing zeros: `0.009`, `0.0123`, `101`. */
const short = (value: number): string =>
  Math.abs(value) >= 100 ? String(Math.round(value)) : String(Number(value.toPrecision(3)));

/** Equal samples stack upwards and downwards in turn instead of hiding each other. */
function stacked(samples: readonly number[]): { value: number; lift: number }[] {
  const seen = new Map<number, number>();
  return samples.map((value) => {
    const count = seen.get(value) ?? 0;
    seen.set(value, count + 1);
    const step = Math.ceil(count / 2) * 4;
    return { value, lift: count % 2 === 1 ? -step : step };
  });
}

const shortOrDash = (value: number | null): string => (value === null ? '–' : short(value));

/** A metric's measurements over one analysis run: a line with a dot per measurement. */
export function SeriesChart({ series }: { readonly series: MetricSeries }): ReactNode {
  const values = series.points.map((point) => point.value);
  if (values.length === 0) return null;
  const y = scale(values);
  const step = values.length === 1 ? 0 : (width - 2 * pad) / (values.length - 1);
  const points = values.map((value, index) => ({
    x: values.length === 1 ? width / 2 : pad + index * step,
    y: pad + (1 - y(value)) * (height - 2 * pad),
  }));
  return (
    <figure className="chart" data-chart="measurements">
      <figcaption>
        {series.metric}: {values.length} measurement{values.length === 1 ? '' : 's'}, last{' '}
        {short(values[values.length - 1] ?? 0)} (range {short(Math.min(...values))}–
        {short(Math.max(...values))})
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false">
        <polyline
          className="series"
          fill="none"
          points={points.map((point) => `${point.x},${point.y}`).join(' ')}
        />
        {points.map((point, index) => (
          <circle
            key={index}
            cx={point.x}
            cy={point.y}
            r={3}
            className={`point phase-${series.points[index]?.phase ?? ''}`}
          >
            <title>{`${series.points[index]?.time ?? ''}: ${short(values[index] ?? 0)} (${series.points[index]?.phase ?? ''})`}</title>
          </circle>
        ))}
      </svg>
    </figure>
  );
}

/**
 * The judge's raw samples: canary and baseline as two rows of dots on one value axis, with each
 * side's median marked, and the statistics the verdict rests on in text.
 */
export function JudgementChart({ judgement }: { readonly judgement: Judgement }): ReactNode {
  const all = [...judgement.canarySamples, ...judgement.baselineSamples];
  const x = scale(all.length === 0 ? [0] : all);
  const rows = [
    { name: 'canary', samples: judgement.canarySamples, y: 28 },
    { name: 'baseline', samples: judgement.baselineSamples, y: 64 },
  ];
  const at = (value: number): number => pad + 60 + x(value) * (width - 2 * pad - 60);
  const [low, high] = judgement.confidenceInterval;
  return (
    <figure className="chart judgement" data-chart="judgement" data-verdict={judgement.verdict}>
      <figcaption>
        {judgement.metric}: <strong>{judgement.verdict}</strong> ({judgement.reason})
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false">
        {rows.map((row) => {
          const middle = median(row.samples);
          return (
            <g key={row.name} className={`samples-${row.name}`}>
              <text x={pad} y={row.y + 4} className="label">
                {row.name}
              </text>
              <line x1={pad + 60} x2={width - pad} y1={row.y} y2={row.y} className="axis" />
              {stacked(row.samples).map((sample, index) => (
                <circle
                  key={index}
                  cx={at(sample.value)}
                  cy={row.y + sample.lift}
                  r={2.5}
                  className="sample"
                />
              ))}
              {middle === null ? null : (
                <line
                  x1={at(middle)}
                  x2={at(middle)}
                  y1={row.y - 10}
                  y2={row.y + 10}
                  className="median"
                />
              )}
            </g>
          );
        })}
      </svg>
      <dl className="stats">
        <dt>samples</dt>
        <dd>
          {judgement.canarySamples.length} canary, {judgement.baselineSamples.length} baseline
        </dd>
        <dt>medians</dt>
        <dd>
          canary {shortOrDash(median(judgement.canarySamples))}, baseline{' '}
          {shortOrDash(median(judgement.baselineSamples))}
        </dd>
        <dt>canary − baseline</dt>
        <dd>
          {short(judgement.estimate)} (CI {short(low)} to {short(high)})
        </dd>
        <dt>p-value</dt>
        <dd>{judgement.pValue.toPrecision(3)}</dd>
        <dt>effect size</dt>
        <dd>{judgement.effectSize.toFixed(2)}</dd>
      </dl>
    </figure>
  );
}
