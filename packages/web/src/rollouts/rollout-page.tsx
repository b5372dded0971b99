import type { ReactNode } from 'react';
import { useState } from 'react';
import type { RolloutAction } from '../api/api-client.js';
import type { AnalysisRun, Rollout } from '../api/api-types.js';
import { mayAct } from '../api/session.js';
import { formatTime } from '../format/format-time.js';
import { TableHead } from '../layout/table-head.js';
import { useApi, useSession } from '../layout/app-context.js';
import { ResourceView } from '../layout/resource-view.js';
import { useAction } from '../layout/use-action.js';
import { useReloadableResource } from '../layout/use-resource.js';
import { hrefOf } from '../routing/route.js';
import { actionsFor, progressOf, seriesOf } from './rollout-progress.js';
import { WeightBar } from './rollouts-page.js';
import { JudgementChart, SeriesChart } from './sample-charts.js';

/** One rollout, live: step, weight, analysis runs with their measurements and samples. */
export function RolloutPage({ id }: { readonly id: string }): ReactNode {
  const api = useApi();
  const [resource, reload] = useReloadableResource(
    `rollout:${id}`,
    () => api.getRollout(id),
    2_000,
  );
  return (
    <section aria-labelledby="rollout-title">
      <p className="crumbs">
        <a href={hrefOf({ page: 'rollouts' })}>Rollouts</a> /
      </p>
      <ResourceView resource={resource}>
        {(rollout) => (
          <>
            <h1 id="rollout-title">
              {rollout.service} {rollout.version} in {rollout.environment}{' '}
              <span className={`badge badge-${rollout.status}`} data-status={rollout.status}>
                {rollout.status}
              </span>
            </h1>
            <RolloutSummary rollout={rollout} />
            <Controls rollout={rollout} onChanged={reload} />
            <h2>Analysis</h2>
            {rollout.analysisRuns.length === 0 ? (
              <p className="muted">No analysis has run yet.</p>
            ) : (
              <ol className="analysis-runs">
                {[...rollout.analysisRuns].reverse().map((run) => (
                  <AnalysisRunView key={run.id} run={run} />
                ))}
              </ol>
            )}
          </>
        )}
      </ResourceView>
    </section>
  );
}

function RolloutSummary({ rollout }: { readonly rollout: Rollout }): ReactNode {
  const progress = progressOf(rollout);
  return (
    <>
      <div className="progress" role="group" aria-label="Progress">
        <p data-progress="">
          Step <strong>{progress.step}</strong> of <strong>{progress.of}</strong>:{' '}
          {progress.describe}
        </p>
        <progress max={progress.of} value={progress.done ? progress.of : progress.step - 1}>
          {progress.step} of {progress.of}
        </progress>
        <p data-weight="">
          Canary weight: <WeightBar weight={rollout.weight} />
        </p>
      </div>
      {rollout.message === null ? null : (
        <p className={rollout.status === 'aborted' || rollout.status === 'frozen' ? 'error' : ''}>
          {rollout.message}
        </p>
      )}
      <dl className="facts">
        <dt>Strategy</dt>
        <dd>{rollout.spec.strategy.kind}</dd>
        <dt>Stable</dt>
        <dd>{rollout.stableVersion ?? '–'}</dd>
        <dt>New</dt>
        <dd>
          <a href={hrefOf({ page: 'release', service: rollout.service, version: rollout.version })}>
            {rollout.version}
          </a>
        </dd>
        <dt>Started</dt>
        <dd>
          {formatTime(rollout.createdAt)} by {rollout.createdBy}
        </dd>
        <dt>Next action</dt>
        <dd>{rollout.nextActionAt === null ? '–' : formatTime(rollout.nextActionAt)}</dd>
      </dl>
      {rollout.spec.strategy.kind === 'canary' ? (
        <ol className="steps">
          {rollout.spec.strategy.steps.map((step, index) => (
            <li
              key={index}
              aria-current={index === rollout.currentStep ? 'step' : undefined}
              className={index < rollout.currentStep ? 'step-done' : ''}
            >
              {'setWeight' in step
                ? `weight ${step.setWeight}%`
                : 'pause' in step
                  ? step.pause.seconds === undefined
                    ? 'pause until promoted'
                    : `pause ${step.pause.seconds} s`
                  : `analysis ${step.analysis.templates.join(', ')}`}
            </li>
          ))}
        </ol>
      ) : null}
    </>
  );
}

const labels: Record<RolloutAction, string> = {
  promote: 'Promote',
  pause: 'Pause',
  resume: 'Resume',
  abort: 'Abort',
  retry: 'Retry',
};

/** Buttons for `rollouts.control` (releaser and up); viewers and developers see none. */
function Controls({
  rollout,
  onChanged,
}: {
  readonly rollout: Rollout;
  readonly onChanged: () => void;
}): ReactNode {
  const api = useApi();
  const session = useSession();
  const [reason, setReason] = useState('');
  const [full, setFull] = useState(false);
  const { busy, error, run } = useAction(onChanged);
  if (!mayAct(session, 'releaser')) return null;
  const actions = actionsFor(rollout);
  if (actions.length === 0) return null;
  // Out of a freeze only a full promote leads: it accepts the new version everywhere.
  const onlyFull = rollout.status === 'frozen';

  function act(action: RolloutAction): Promise<boolean> {
    const body =
      action === 'abort'
        ? reason.trim() === ''
          ? {}
          : { reason: reason.trim() }
        : action === 'promote'
          ? { full: full || onlyFull }
          : {};
    return run(() => api.controlRollout(rollout.id, action, body));
  }

  return (
    <form className="controls" aria-label="Control" onSubmit={(event) => event.preventDefault()}>
      {actions.includes('promote') && !onlyFull ? (
        <label className="check">
          <input
            type="checkbox"
            checked={full}
            onChange={(event) => setFull(event.target.checked)}
          />
          promote fully (skip the remaining steps and analyses)
        </label>
      ) : null}
      {actions.includes('abort') ? (
        <label>
          Abort reason
          <input type="text" value={reason} onChange={(event) => setReason(event.target.value)} />
        </label>
      ) : null}
      <div className="actions">
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            className={action === 'abort' ? 'danger' : action === 'promote' ? 'primary' : ''}
            disabled={busy}
            onClick={() => void act(action)}
          >
            {action === 'promote' && onlyFull ? 'Promote fully' : labels[action]}
          </button>
        ))}
      </div>
      {error === null ? null : (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}

function AnalysisRunView({ run }: { readonly run: AnalysisRun }): ReactNode {
  const series = seriesOf(run);
  return (
    <li className={`analysis phase-${run.phase}`} data-run={run.id}>
      <h3>
        {/^\d+$/.test(run.origin) ? `step ${Number(run.origin) + 1}` : run.origin}:{' '}
        {run.templates.join(', ')} <span className={`badge badge-${run.phase}`}>{run.phase}</span>
      </h3>
      <p className="muted">
        {formatTime(run.startedAt)}
        {run.finishedAt === null ? ', running' : ` – ${formatTime(run.finishedAt)}`}
      </p>
      <div className="charts">
        {series.map((entry) => (
          <SeriesChart key={entry.metric} series={entry} />
        ))}
        {run.judgements.map((judgement, index) => (
          <JudgementChart key={`${judgement.metric}:${index}`} judgement={judgement} />
        ))}
      </div>
      {run.measurements.length === 0 ? null : (
        <details>
          <summary>{run.measurements.length} measurements</summary>
          <table className="measurements">
            <TableHead columns={['Metric', 'Phase', 'Value', 'Measured']} />
            <tbody>
              {run.measurements.map((measurement, index) => (
                <tr key={index}>
                  <td>{measurement.metric}</td>
                  <td>{measurement.phase}</td>
                  <td>
                    <code>{JSON.stringify(measurement.value)}</code>
                    {measurement.message === undefined ? '' : ` ${measurement.message}`}
                  </td>
                  <td>{formatTime(measurement.measuredAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </li>
  );
}
