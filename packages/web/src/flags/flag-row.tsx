import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import type { StoredFlag } from '../api/api-types.js';
import { mayAct } from '../api/session.js';
import { formatTime } from '../format/format-time.js';
import { useApi, useSession } from '../layout/app-context.js';
import { useAction } from '../layout/use-action.js';
import { FlagHistory } from './flag-history.js';
import { rolloutStateOf } from './flag-view.js';

/** One flag: its state switch, kill switch and rollout slider (releasers and up), history. */
export function FlagRow({
  flag,
  onChanged,
}: {
  readonly flag: StoredFlag;
  readonly onChanged: () => void;
}): ReactNode {
  const api = useApi();
  const session = useSession();
  const { busy, error, run } = useAction(onChanged);
  // The state asked for, shown at once until the flag's next version (or an error) arrives.
  const [asked, setAsked] = useState<boolean | null>(null);
  useEffect(() => setAsked(null), [flag.version]);
  const [historyOpen, setHistoryOpen] = useState(false);
  const mayWrite = mayAct(session, 'releaser');
  const { definition } = flag;
  const enabled = definition.state === 'ENABLED';
  const id = `flag-${flag.key}`;

  const change = async (action: () => Promise<unknown>): Promise<void> => {
    if (!(await run(action))) setAsked(null);
  };

  return (
    <li className="flag" data-flag={flag.key} aria-labelledby={`${id}-key`}>
      <div className="flag-head">
        <h2 id={`${id}-key`}>
          <code>{flag.key}</code>
        </h2>
        <span className={`badge badge-${enabled ? 'enabled' : 'disabled'}`} data-state="">
          {enabled ? 'enabled' : 'disabled'}
        </span>
        <span className="muted">
          version {flag.version}, {formatTime(flag.updatedAt)} by {flag.updatedBy}
        </span>
      </div>
      <p className="variants">
        Default <code>{definition.defaultVariant ?? 'code default'}</code>; variants{' '}
        {Object.entries(definition.variants).map(([name, value]) => (
          <code key={name} className="variant">
            {name}={JSON.stringify(value)}
          </code>
        ))}
      </p>
      {mayWrite ? (
        <div className="flag-controls">
          <label className="check">
            <input
              type="checkbox"
              role="switch"
              checked={asked ?? enabled}
              disabled={busy}
              onChange={(event) => {
                setAsked(event.target.checked);
                void change(() =>
                  api.setFlagState(
                    flag.service,
                    flag.env,
                    flag.key,
                    event.target.checked ? 'ENABLED' : 'DISABLED',
                  ),
                );
              }}
            />
            Enabled
          </label>
          <button
            type="button"
            className="danger"
            disabled={busy || !enabled}
            onClick={() => void change(() => api.killFlag(flag.service, flag.env, flag.key))}
          >
            Kill {flag.key}
          </button>
          <RolloutControl flag={flag} busy={busy} change={change} />
        </div>
      ) : (
        <>
          <RolloutSummary flag={flag} />
          {session.loading === true ? null : (
            <p className="muted">Changing flags needs role releaser.</p>
          )}
        </>
      )}
      {error === null ? null : (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <details onToggle={(event) => setHistoryOpen(event.currentTarget.open)}>
        <summary>History of {flag.key}</summary>
        {historyOpen ? (
          <FlagHistory
            service={flag.service}
            environment={flag.env}
            flagKey={flag.key}
            version={flag.version}
          />
        ) : null}
      </details>
    </li>
  );
}

function RolloutSummary({ flag }: { readonly flag: StoredFlag }): ReactNode {
  const state = rolloutStateOf(flag.definition);
  if (state.kind !== 'split') return null;
  return (
    <p data-rollout="">
      Rollout: {state.split.percent}% on <code>{state.split.newVariant}</code>, the rest on{' '}
      <code>{state.split.oldVariant}</code>
    </p>
  );
}

function RolloutControl({
  flag,
  busy,
  change,
}: {
  readonly flag: StoredFlag;
  readonly busy: boolean;
  readonly change: (action: () => Promise<unknown>) => Promise<void>;
}): ReactNode {
  const api = useApi();
  const state = rolloutStateOf(flag.definition);
  const current = state.kind === 'split' ? state.split.percent : 0;
  const [draft, setDraft] = useState<number | null>(null);
  const [variant, setVariant] = useState<string>(
    state.kind === 'startable' ? (state.candidates[0] ?? '') : '',
  );
  if (state.kind === 'custom') {
    return (
      <p className="muted">
        Its targeting is its own (not a rollout split): change it with{' '}
        <code>slipway flags set</code>.
      </p>
    );
  }
  if (state.kind === 'startable' && state.candidates.length === 0) {
    return <p className="muted">One variant only: nothing to roll out.</p>;
  }
  const percent = draft ?? current;
  const sliderId = `rollout-${flag.key}`;
  const apply = (): void =>
    void change(async () => {
      await api.rolloutFlag(
        flag.service,
        flag.env,
        flag.key,
        percent,
        state.kind === 'startable' ? variant : undefined,
      );
      setDraft(null);
    });
  return (
    <fieldset className="rollout" data-rollout="">
      <legend>
        Rollout{' '}
        {state.kind === 'split' ? (
          <>
            of <code>{state.split.newVariant}</code> (now {current}%, the rest on{' '}
            <code>{state.split.oldVariant}</code>)
          </>
        ) : (
          'not started'
        )}
      </legend>
      {state.kind === 'startable' ? (
        <label>
          New variant
          <select value={variant} onChange={(event) => setVariant(event.target.value)}>
            {state.candidates.map((candidate) => (
              <option key={candidate}>{candidate}</option>
            ))}
          </select>
        </label>
      ) : null}
      <label htmlFor={sliderId}>Rollout percentage of {flag.key}</label>
      <input
        id={sliderId}
        type="range"
        min={0}
        max={100}
        step={1}
        value={percent}
        aria-valuetext={`${percent}%`}
        onChange={(event) => setDraft(Number(event.target.value))}
      />
      <output htmlFor={sliderId}>{percent}%</output>
      <button type="button" disabled={busy || draft === null || draft === current} onClick={apply}>
        {state.kind === 'split' ? 'Move rollout' : 'Start rollout'} to {percent}%
      </button>
    </fieldset>
  );
}
