import type { ReactNode } from 'react';

export interface Bar {
  readonly label: string;
  readonly value: number;
}

/**
 * Bars as inline SVG: no chart library. The numbers are also in a text list for screen readers
 * (the SVG is decorative to them), so the chart adds no information that only the eye can get.
 */
export function BarChart({
  title,
  bars,
  format,
}: {
  readonly title: string;
  readonly bars: readonly Bar[];
  readonly format: (value: number) => string;
}): ReactNode {
  const width = 320;
  const height = 120;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const slot = bars.length === 0 ? width : width / bars.length;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height + 16}`} role="img" aria-hidden="true" focusable="false">
        <line x1="0" x2={width} y1={height} y2={height} className="axis" />
        {bars.map((bar, index) => {
          const barHeight = (bar.value / max) * (height - 4);
          return (
            <rect
              key={index}
              x={index * slot + slot * 0.15}
              y={height - barHeight}
              width={slot * 0.7}
              height={barHeight}
              className="bar"
            >
              <title>{`${bar.label}: ${format(bar.value)}`}</title>
            </rect>
          );
        })}
      </svg>
      <ul className="visually-hidden">
        {bars.map((bar, index) => (
          <li key={index}>
            {bar.label}: {format(bar.value)}
          </li>
        ))}
      </ul>
    </figure>
  );
}
