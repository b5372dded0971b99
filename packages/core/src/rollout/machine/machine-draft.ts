import type {
  MachineState,
  PauseState,
  RolloutEffect,
  RunView,
  Transition,
} from './rollout-machine-state.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** What every transition sees besides the state: the clock, the runs, the way back. */
export interface MachineEnvironment {
  /** ISO 8601 UTC. */
  readonly now: string;
  /** Analysis runs of the current attempt. */
  readonly runs: readonly RunView[];
  /**
   * Set when the deployment cannot go back (its rollback plan rolls forward): a failure then
   * freezes the rollout with this text (what the fix release must do) instead of aborting.
   */
  readonly rollForward: string | null;
}

/** A state being changed by one transition, with the effects collected on the way. */
export class MachineDraft {
  readonly state: Mutable<MachineState>;
  readonly effects: RolloutEffect[] = [];

  constructor(
    state: MachineState,
    readonly env: MachineEnvironment,
  ) {
    this.state = { ...state };
  }

  get terminal(): boolean {
    const { status } = this.state;
    return status === 'succeeded' || status === 'aborted' || status === 'frozen';
  }

  phaseOf(origin: string): RunView['phase'] | undefined {
    return this.env.runs.find((run) => run.origin === origin)?.phase;
  }

  accepted(origin: string): boolean {
    return this.state.acceptedRuns.includes(origin);
  }

  /** Seconds after now, as ISO 8601. */
  after(seconds: number): string {
    return new Date(Date.parse(this.env.now) + seconds * 1000).toISOString();
  }

  due(at: string | null): boolean {
    return at !== null && Date.parse(at) <= Date.parse(this.env.now);
  }

  setWeight(weight: number): void {
    this.state.weight = weight;
    this.effects.push({ kind: 'set-weight', weight });
  }

  enterStep(index: number): void {
    this.state.currentStep = index;
    this.state.status = 'progressing';
    this.state.pause = null;
    this.state.nextActionAt = null;
    this.state.message = null;
    this.effects.push({ kind: 'step', index });
  }

  pauseFor(reason: PauseState['reason'], until: string | null, message: string, origin?: string) {
    this.state.status = 'paused';
    this.state.pause = origin === undefined ? { reason, until } : { reason, until, origin };
    this.state.nextActionAt = until;
    this.state.message = message;
    this.effects.push({ kind: 'paused', reason, until });
  }

  /** Ends any pause; an inconclusive verdict that caused it counts as accepted from now on. */
  unpause(): void {
    const origin = this.state.pause?.origin;
    if (origin !== undefined) this.state.acceptedRuns = [...this.state.acceptedRuns, origin];
    this.state.status = 'progressing';
    this.state.pause = null;
    this.state.nextActionAt = null;
    this.state.message = null;
  }

  succeed(): void {
    if (this.state.weight !== 100) this.setWeight(100);
    Object.assign(this.state, { status: 'succeeded', pause: null, nextActionAt: null });
    this.state.message = null;
    this.effects.push({ kind: 'succeeded' });
  }

  /** Abort (all traffic to stable), or freeze where the release rolls forward. */
  fail(reason: string): void {
    this.state.pause = null;
    this.state.nextActionAt = null;
    if (this.env.rollForward !== null) {
      this.state.status = 'frozen';
      this.state.message = `${reason}; the release cannot roll back, ship a fix release: ${this.env.rollForward}`;
      this.effects.push({ kind: 'frozen', reason });
      return;
    }
    this.setWeight(0);
    this.state.status = 'aborted';
    this.state.message = reason;
    this.effects.push({ kind: 'aborted', reason });
  }

  /** A finished analysis that failed or errored: true when it failed the rollout. */
  failedBy(origin: string, label: string): boolean {
    const phase = this.phaseOf(origin);
    if (phase !== 'failed' && phase !== 'error') return false;
    this.fail(`${label} analysis ${phase === 'failed' ? 'failed' : 'errored'}`);
    return true;
  }

  done(): Transition {
    return { state: this.state, effects: this.effects };
  }
}
