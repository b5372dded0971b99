import { describe, expect, it } from 'vitest';
import { activeAnalysisOrigins, advanceRollout, initialMachineState } from '@slipway/core';
import type {
  CanaryStrategy,
  MachineInput,
  MachineState,
  RolloutStrategy,
  RunView,
  Transition,
} from '@slipway/core';

const t0 = Date.parse('2026-05-01T10:00:00.000Z');
const at = (seconds: number): string => new Date(t0 + seconds * 1000).toISOString();
const gate = { templates: ['success-rate'] };

function run(
  strategy: RolloutStrategy,
  state: MachineState,
  input: MachineInput = { kind: 'tick' },
  options: { seconds?: number; runs?: RunView[]; rollForward?: string } = {},
): Transition {
  return advanceRollout(strategy, state, input, {
    now: at(options.seconds ?? 0),
    runs: options.runs ?? [],
    rollForward: options.rollForward ?? null,
  });
}

const canary: CanaryStrategy = {
  kind: 'canary',
  steps: [
    { setWeight: 10 },
    { pause: { seconds: 60 } },
    { setWeight: 50 },
    { analysis: gate },
    { pause: {} },
    { setWeight: 80 },
  ],
};

describe('advanceRollout: all-at-once', () => {
  it('goes straight to 100% and succeeds', () => {
    const { state, effects } = run({ kind: 'all-at-once' }, initialMachineState());
    expect(state).toMatchObject({ status: 'succeeded', weight: 100 });
    expect(effects).toEqual([{ kind: 'set-weight', weight: 100 }, { kind: 'succeeded' }]);
  });
});

describe('advanceRollout: canary', () => {
  it('applies setWeight and stops at a timed pause until its end', () => {
    const first = run(canary, initialMachineState());
    expect(first.effects).toEqual([
      { kind: 'set-weight', weight: 10 },
      { kind: 'step', index: 1 },
      { kind: 'paused', reason: 'step', until: at(60) },
    ]);
    expect(first.state).toMatchObject({
      status: 'paused',
      currentStep: 1,
      weight: 10,
      nextActionAt: at(60),
    });
    expect(run(canary, first.state, { kind: 'tick' }, { seconds: 59 }).effects).toEqual([]);
    const second = run(canary, first.state, { kind: 'tick' }, { seconds: 60 });
    expect(second.effects).toEqual([
      { kind: 'step', index: 2 },
      { kind: 'set-weight', weight: 50 },
      { kind: 'step', index: 3 },
      { kind: 'start-analysis', origin: '3', ref: gate },
    ]);
    expect(second.state).toMatchObject({ status: 'progressing', currentStep: 3, weight: 50 });
  });

  const atAnalysis = (): MachineState =>
    run(canary, run(canary, initialMachineState()).state, { kind: 'tick' }, { seconds: 60 }).state;

  it('waits for a running analysis, goes on when it succeeds, and pauses at pause {}', () => {
    const waiting = run(
      canary,
      atAnalysis(),
      { kind: 'tick' },
      {
        runs: [{ origin: '3', phase: 'running' }],
      },
    );
    expect(waiting.effects).toEqual([]);
    const passed = run(
      canary,
      atAnalysis(),
      { kind: 'tick' },
      {
        runs: [{ origin: '3', phase: 'successful' }],
      },
    );
    expect(passed.effects).toEqual([
      { kind: 'step', index: 4 },
      { kind: 'paused', reason: 'step', until: null },
    ]);
    expect(passed.state).toMatchObject({
      status: 'paused',
      nextActionAt: null,
      message: 'paused at step 4 until promoted',
    });
    // An indefinite pause never ends by the clock.
    expect(run(canary, passed.state, { kind: 'tick' }, { seconds: 99_999 }).effects).toEqual([]);
    const promoted = run(canary, passed.state, { kind: 'promote', full: false });
    expect(promoted.effects).toEqual([
      { kind: 'promoted', full: false },
      { kind: 'step', index: 5 },
      { kind: 'set-weight', weight: 80 },
      { kind: 'set-weight', weight: 100 },
      { kind: 'succeeded' },
    ]);
    expect(promoted.state).toMatchObject({ status: 'succeeded', weight: 100, currentStep: 6 });
  });

  it.each(['failed', 'error'] as const)('aborts to 0%% when the step analysis is %s', (phase) => {
    const { state, effects } = run(
      canary,
      atAnalysis(),
      { kind: 'tick' },
      {
        runs: [{ origin: '3', phase }],
      },
    );
    expect(effects).toEqual([
      { kind: 'set-weight', weight: 0 },
      { kind: 'aborted', reason: expect.stringContaining('step 3 analysis') as string },
    ]);
    expect(state).toMatchObject({ status: 'aborted', weight: 0 });
  });

  it('freezes instead when the release rolls forward: traffic stays', () => {
    const { state, effects } = run(
      canary,
      atAnalysis(),
      { kind: 'tick' },
      {
        runs: [{ origin: '3', phase: 'failed' }],
        rollForward: 'ship 1.2.1 with the fixed query',
      },
    );
    expect(effects).toEqual([{ kind: 'frozen', reason: 'step 3 analysis failed' }]);
    expect(state.status).toBe('frozen');
    expect(state.weight).toBe(50);
    expect(state.message).toContain('ship 1.2.1 with the fixed query');
    // A frozen rollout takes no abort; a full promote accepts the release as it is.
    expect(() => run(canary, state, { kind: 'abort', reason: 'x' })).toThrow(/frozen/);
    expect(run(canary, state, { kind: 'promote', full: true }).state.status).toBe('succeeded');
  });

  it('pauses on an inconclusive analysis; promote accepts it and goes on', () => {
    const paused = run(
      canary,
      atAnalysis(),
      { kind: 'tick' },
      {
        runs: [{ origin: '3', phase: 'inconclusive' }],
      },
    );
    expect(paused.state).toMatchObject({
      status: 'paused',
      pause: { reason: 'inconclusive', until: null, origin: '3' },
    });
    const resumed = run(
      canary,
      paused.state,
      { kind: 'resume' },
      {
        runs: [{ origin: '3', phase: 'inconclusive' }],
      },
    );
    expect(resumed.state).toMatchObject({ status: 'paused', currentStep: 4 });
    expect(resumed.state.acceptedRuns).toEqual(['3']);
  });

  it('background analysis: started with the first step, its failure aborts even in a pause', () => {
    const strategy: CanaryStrategy = { ...canary, backgroundAnalysis: gate };
    const first = run(strategy, initialMachineState());
    expect(first.effects[0]).toEqual({ kind: 'start-analysis', origin: 'background', ref: gate });
    expect(first.state.status).toBe('paused');
    const failed = run(
      strategy,
      first.state,
      { kind: 'tick' },
      {
        seconds: 5,
        runs: [{ origin: 'background', phase: 'failed' }],
      },
    );
    expect(failed.state).toMatchObject({ status: 'aborted', weight: 0 });
    const inconclusive = run(
      strategy,
      atAnalysis(),
      { kind: 'tick' },
      {
        runs: [
          { origin: 'background', phase: 'inconclusive' },
          { origin: '3', phase: 'running' },
        ],
      },
    );
    expect(inconclusive.state.pause).toMatchObject({ origin: 'background' });
    const accepted = run(
      strategy,
      inconclusive.state,
      { kind: 'promote', full: false },
      {
        runs: [
          { origin: 'background', phase: 'inconclusive' },
          { origin: '3', phase: 'running' },
        ],
      },
    );
    // Accepting the background verdict does not skip the running step analysis.
    expect(accepted.state).toMatchObject({ status: 'progressing', currentStep: 3 });
  });

  it('promote --full jumps to 100% and succeeds, skipping steps and analyses', () => {
    const { state, effects } = run(canary, atAnalysis(), { kind: 'promote', full: true });
    expect(effects).toEqual([
      { kind: 'promoted', full: true },
      { kind: 'set-weight', weight: 100 },
      { kind: 'succeeded' },
    ]);
    expect(state).toMatchObject({ status: 'succeeded', currentStep: 6 });
  });

  it('promote skips a running analysis step', () => {
    const { state } = run(
      canary,
      atAnalysis(),
      { kind: 'promote', full: false },
      {
        runs: [{ origin: '3', phase: 'running' }],
      },
    );
    expect(state).toMatchObject({ status: 'paused', currentStep: 4 });
  });

  it('pause by hand holds the analysis step; resume goes back to waiting for it', () => {
    const paused = run(canary, atAnalysis(), { kind: 'pause' });
    expect(paused.state).toMatchObject({ status: 'paused', pause: { reason: 'user' } });
    expect(paused.effects).toEqual([{ kind: 'paused', reason: 'user', until: null }]);
    const still = run(
      canary,
      paused.state,
      { kind: 'tick' },
      {
        runs: [{ origin: '3', phase: 'successful' }],
      },
    );
    expect(still.effects).toEqual([]);
    const failedWhilePaused = run(
      canary,
      paused.state,
      { kind: 'tick' },
      {
        runs: [{ origin: '3', phase: 'failed' }],
      },
    );
    expect(failedWhilePaused.state.status).toBe('aborted');
    const resumed = run(
      canary,
      paused.state,
      { kind: 'resume' },
      {
        runs: [{ origin: '3', phase: 'running' }],
      },
    );
    expect(resumed.effects).toEqual([{ kind: 'resumed' }]);
    expect(resumed.state).toMatchObject({ status: 'progressing', currentStep: 3, pause: null });
    expect(() => run(canary, resumed.state, { kind: 'resume' })).toThrow(/progressing/);
    expect(() => run(canary, paused.state, { kind: 'pause' })).toThrow(/paused/);
  });

  it('abort by hand sends all traffic to stable; retry starts again from step 0', () => {
    const aborted = run(canary, atAnalysis(), { kind: 'abort', reason: 'aborted by alice' });
    expect(aborted.effects).toEqual([
      { kind: 'set-weight', weight: 0 },
      { kind: 'aborted', reason: 'aborted by alice' },
    ]);
    expect(() => run(canary, aborted.state, { kind: 'abort', reason: 'again' })).toThrow(/aborted/);
    const retried = run(
      canary,
      aborted.state,
      { kind: 'retry' },
      {
        seconds: 100,
        runs: [{ origin: '3', phase: 'failed' }],
      },
    );
    expect(retried.effects.slice(0, 2)).toEqual([
      { kind: 'retried', attempt: 2 },
      { kind: 'set-weight', weight: 10 },
    ]);
    expect(retried.state).toMatchObject({ status: 'paused', attempt: 2, currentStep: 1 });
    expect(() => run(canary, retried.state, { kind: 'retry' })).toThrow(/only when aborted/);
  });

  it('a terminal rollout ignores ticks', () => {
    const done = run({ kind: 'all-at-once' }, initialMachineState()).state;
    expect(run(canary, done).effects).toEqual([]);
  });
});

describe('advanceRollout: blue-green', () => {
  const blueGreen: RolloutStrategy = {
    kind: 'blue-green',
    prePromotionAnalysis: gate,
    postPromotionAnalysis: { templates: ['latency'] },
    autoPromotionSeconds: 120,
    scaleDownDelaySeconds: 10,
  };

  it('preview, pre-promotion analysis, auto-promotion, switch, post analysis, scale-down', () => {
    const start = run(blueGreen, initialMachineState());
    expect(start.effects).toEqual([{ kind: 'start-analysis', origin: 'pre-promotion', ref: gate }]);
    expect(start.state).toMatchObject({ weight: 0, currentStep: 0, status: 'progressing' });
    const pre = [{ origin: 'pre-promotion', phase: 'successful' } as const];
    const ready = run(blueGreen, start.state, { kind: 'tick' }, { seconds: 5, runs: pre });
    expect(ready.state).toMatchObject({ status: 'paused', nextActionAt: at(125) });
    expect(
      run(blueGreen, ready.state, { kind: 'tick' }, { seconds: 124, runs: pre }).effects,
    ).toEqual([]);
    const switched = run(blueGreen, ready.state, { kind: 'tick' }, { seconds: 125, runs: pre });
    expect(switched.effects).toEqual([
      { kind: 'set-weight', weight: 100 },
      { kind: 'step', index: 1 },
      { kind: 'start-analysis', origin: 'post-promotion', ref: { templates: ['latency'] } },
    ]);
    const post = [...pre, { origin: 'post-promotion', phase: 'successful' } as const];
    const keeping = run(blueGreen, switched.state, { kind: 'tick' }, { seconds: 130, runs: post });
    expect(keeping.effects).toEqual([{ kind: 'step', index: 2 }]);
    expect(keeping.state).toMatchObject({ currentStep: 2, nextActionAt: at(140) });
    expect(
      run(blueGreen, keeping.state, { kind: 'tick' }, { seconds: 139, runs: post }).effects,
    ).toEqual([]);
    const done = run(blueGreen, keeping.state, { kind: 'tick' }, { seconds: 140, runs: post });
    expect(done.effects).toEqual([{ kind: 'succeeded' }]);
    expect(done.state).toMatchObject({ status: 'succeeded', weight: 100 });
  });

  it('waits for promote without auto-promotion', () => {
    const manual: RolloutStrategy = { kind: 'blue-green' };
    const ready = run(manual, initialMachineState());
    expect(ready.state).toMatchObject({
      status: 'paused',
      nextActionAt: null,
      message: 'preview ready: waiting for promote',
    });
    const promoted = run(manual, ready.state, { kind: 'promote', full: false }, { seconds: 7 });
    expect(promoted.effects).toEqual([
      { kind: 'promoted', full: false },
      { kind: 'set-weight', weight: 100 },
      { kind: 'step', index: 1 },
      { kind: 'step', index: 2 },
    ]);
    expect(promoted.state.nextActionAt).toBe(at(37));
  });

  it('a failed pre-promotion analysis aborts before any user traffic moves', () => {
    const start = run(blueGreen, initialMachineState()).state;
    const failed = run(
      blueGreen,
      start,
      { kind: 'tick' },
      {
        runs: [{ origin: 'pre-promotion', phase: 'failed' }],
      },
    );
    expect(failed.state).toMatchObject({ status: 'aborted', weight: 0 });
  });

  it('a failed post-promotion analysis switches back (abort to weight 0)', () => {
    const pre = { origin: 'pre-promotion', phase: 'successful' } as const;
    const ready = run(
      blueGreen,
      run(blueGreen, initialMachineState()).state,
      { kind: 'tick' },
      {
        runs: [pre],
      },
    ).state;
    const switched = run(blueGreen, ready, { kind: 'promote', full: false }, { runs: [pre] }).state;
    expect(switched.weight).toBe(100);
    const back = run(
      blueGreen,
      switched,
      { kind: 'tick' },
      {
        runs: [pre, { origin: 'post-promotion', phase: 'failed' }],
      },
    );
    expect(back.effects).toEqual([
      { kind: 'set-weight', weight: 0 },
      { kind: 'aborted', reason: 'post-promotion analysis failed' },
    ]);
  });

  it('an inconclusive pre-promotion analysis waits for a person', () => {
    const start = run(blueGreen, initialMachineState()).state;
    const runs = [{ origin: 'pre-promotion', phase: 'inconclusive' } as const];
    const paused = run(blueGreen, start, { kind: 'tick' }, { runs });
    expect(paused.state.pause).toMatchObject({ reason: 'inconclusive', origin: 'pre-promotion' });
    const promoted = run(blueGreen, paused.state, { kind: 'promote', full: false }, { runs });
    expect(promoted.state).toMatchObject({ weight: 100, currentStep: 1 });
  });
});

describe('activeAnalysisOrigins', () => {
  it('names the runs that still measure', () => {
    const strategy: CanaryStrategy = { ...canary, backgroundAnalysis: gate };
    const state = { ...initialMachineState(), currentStep: 3 };
    expect(activeAnalysisOrigins(strategy, state)).toEqual(['background', '3']);
    expect(activeAnalysisOrigins(strategy, { ...state, currentStep: 4 })).toEqual(['background']);
    expect(activeAnalysisOrigins(strategy, { ...state, status: 'aborted' })).toEqual([]);
    const blueGreen: RolloutStrategy = { kind: 'blue-green' };
    expect(activeAnalysisOrigins(blueGreen, initialMachineState())).toEqual(['pre-promotion']);
    expect(activeAnalysisOrigins(blueGreen, { ...state, currentStep: 1 })).toEqual([
      'post-promotion',
    ]);
    expect(activeAnalysisOrigins({ kind: 'all-at-once' }, state)).toEqual([]);
  });
});
