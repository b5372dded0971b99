import type { CanaryStep } from '@slipway/core';
import type {
  AnalysisRunRecord,
  JudgeRecord,
  MeasurementRecord,
  Rollout,
  RolloutStatus,
} from '@slipway/engine';
import type { Output, Style } from '../output.js';

function statusText(status: RolloutStatus, style: Style): string {
  switch (status) {
    case 'succeeded':
      return style.green(status);
    case 'progressing':
      return style.cyan(status);
    case 'paused':
    case 'frozen':
      return style.yellow(status);
    case 'aborted':
      return style.red(status);
  }
}

export function describeStep(step: CanaryStep): string {
  if ('setWeight' in step) return `setWeight ${step.setWeight}`;
  if ('pause' in step) {
    return step.pause.seconds === undefined
      ? 'pause until promoted'
      : `pause ${step.pause.seconds}s`;
  }
  return `analysis ${step.analysis.templates.join(', ')}`;
}

/** `step 2/5 (setWeight 50)`, or what a blue-green or all-at-once rollout is at. */
export function describeProgress(rollout: Rollout): string {
  const { strategy } = rollout.spec;
  switch (strategy.kind) {
    case 'canary': {
      const total = strategy.steps.length;
      const step = strategy.steps[rollout.currentStep];
      if (step === undefined) return `step ${total}/${total} (all done)`;
      return `step ${rollout.currentStep + 1}/${total} (${describeStep(step)})`;
    }
    case 'blue-green':
      return rollout.currentStep === 0 ? 'preview (not yet active)' : 'promoted (active)';
    case 'all-at-once':
      return 'all at once';
  }
}

/** One line per rollout, for lists. */
export function rolloutLine(rollout: Rollout, output: Output): string {
  const { style } = output;
  const from = rollout.stableVersion === null ? '' : ` from ${rollout.stableVersion}`;
  return `${style.bold(rollout.service)} ${rollout.version}${from} in ${style.cyan(rollout.environment)}: ${statusText(rollout.status, style)} ${rollout.spec.strategy.kind} ${describeProgress(rollout)}, weight ${rollout.weight}% ${style.dim(`(${rollout.id})`)}`;
}

/** A rollout in full: progress, then each analysis run with its latest measurements and verdicts. */
export function printRollout(rollout: Rollout, output: Output): void {
  const { style } = output;
  output.line(rolloutLine(rollout, output));
  output.line(
    `  deployment ${rollout.deploymentId} · by ${rollout.createdBy} · since ${rollout.createdAt}`,
  );
  if (rollout.message !== null) output.line(`  ${style.yellow('message:')} ${rollout.message}`);
  if (rollout.nextActionAt !== null)
    output.line(style.dim(`  next action at ${rollout.nextActionAt}`));
  for (const run of rollout.analysisRuns) printRun(run, output);
}

function phaseText(phase: AnalysisRunRecord['phase'], style: Style): string {
  if (phase === 'successful') return style.green(phase);
  if (phase === 'running') return style.cyan(phase);
  if (phase === 'inconclusive') return style.yellow(phase);
  return style.red(phase);
}

function printRun(run: AnalysisRunRecord, output: Output): void {
  const { style } = output;
  const origin = /^\d+$/.test(run.origin) ? `step ${Number(run.origin) + 1}` : run.origin;
  const ended = run.finishedAt === null ? '' : ` → ${run.finishedAt}`;
  output.line(
    `  analysis ${origin} [${run.templates.join(', ')}]: ${phaseText(run.phase, style)} ${style.dim(`(${run.id}, ${run.startedAt}${ended})`)}`,
  );
  for (const [metric, measurements] of byMetric(run.measurements)) {
    const latest = measurements[measurements.length - 1];
    if (latest === undefined) continue;
    const counts = countPhases(measurements);
    const message = latest.message === undefined ? '' : ` ${style.dim(latest.message)}`;
    output.line(
      `    ${metric}: ${phaseText(latest.phase, style)} ${formatValue(latest.value)} at ${latest.measuredAt} ${style.dim(`(${counts})`)}${message}`,
    );
  }
  for (const judgement of run.judgements) output.line(`    ${judgeLine(judgement, style)}`);
}

function byMetric(measurements: readonly MeasurementRecord[]): Map<string, MeasurementRecord[]> {
  const grouped = new Map<string, MeasurementRecord[]>();
  for (const measurement of measurements) {
    const list = grouped.get(measurement.metric) ?? [];
    list.push(measurement);
    grouped.set(measurement.metric, list);
  }
  return grouped;
}

function countPhases(measurements: readonly MeasurementRecord[]): string {
  const counts = new Map<string, number>();
  for (const { phase } of measurements) counts.set(phase, (counts.get(phase) ?? 0) + 1);
  return [...counts].map(([phase, count]) => `${count} ${phase}`).join(', ');
}

function formatValue(value: unknown): string {
  if (Array.isArray(value) && value.every((item) => typeof item === 'number')) {
    return `[${value.map(formatNumber).join(', ')}]`;
  }
  if (typeof value === 'number') return formatNumber(value);
  const text = JSON.stringify(value) ?? 'null';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}

export function judgeLine(judgement: JudgeRecord, style: Style): string {
  const verdict =
    judgement.verdict === 'pass'
      ? style.green('pass')
      : judgement.verdict === 'fail'
        ? style.red('fail')
        : style.yellow('inconclusive');
  const [low, high] = judgement.confidenceInterval;
  const sign = judgement.estimate > 0 ? '+' : '';
  return `judge ${judgement.metric}: ${verdict} p=${judgement.pValue.toPrecision(3)} estimate ${sign}${formatNumber(judgement.estimate)} [${formatNumber(low)}, ${formatNumber(high)}] effect ${judgement.effectSize.toFixed(2)} U=${formatNumber(judgement.u)} n=${judgement.canarySamples.length}/${judgement.baselineSamples.length} ${style.dim(judgement.reason)}`;
}
