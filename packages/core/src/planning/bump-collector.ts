import type { Revert } from '../commits/types.js';
import type { BumpLevel } from '../versions/version.js';
import type { BumpSummary, RevertMark } from './bump-summary.js';
import type { RevertTable } from './cancel-reverts.js';
import { cancelRevertsIn } from './cancel-reverts.js';
import { levelOf } from './collect-bumps.js';
import type { PlanningConfig } from './planning-config.js';
import type { BumpReason, PlanCommit } from './plan-types.js';

const LEVELS: readonly BumpLevel[] = ['major', 'minor', 'patch'];

/** One level's reasons and, beside each, the window position of its commit. */
interface LevelReasons {
  readonly reasons: BumpReason[];
  readonly owners: number[];
}

/**
 * Summarizes a window commit by commit, in window order (newest first), keeping no object per
 * commit beyond the bump reasons the plan shows anyway: what revert cancellation needs (SHA,
 * header, committer time) is kept by column. `finish()` gives what `collectBumps` gives for the
 * window after `cancelReverts`, in a form that can be cached and merged.
 */
export class BumpCollector implements RevertTable {
  private readonly shas: string[] = [];
  private readonly headers: string[] = [];
  private times = new Float64Array(1024);
  private readonly revertOf = new Map<number, Revert>();
  readonly reverts: number[] = [];
  private readonly levels: Record<BumpLevel, LevelReasons> = {
    major: { reasons: [], owners: [] },
    minor: { reasons: [], owners: [] },
    patch: { reasons: [], owners: [] },
  };
  private readonly nonConventionalAt: number[] = [];
  private readonly releaseAsAt: { readonly index: number; readonly value: string }[] = [];

  constructor(
    private readonly config: PlanningConfig,
    private readonly preMajor: boolean,
  ) {}

  get length(): number {
    return this.shas.length;
  }

  sha(index: number): string {
    return this.shas[index] ?? '';
  }

  header(index: number): string {
    return this.headers[index] ?? '';
  }

  committerTime(index: number): number {
    return this.times[index] ?? 0;
  }

  revert(index: number): Revert | null {
    return this.revertOf.get(index) ?? null;
  }

  /** The next (older) commit of the window. Reads only PlanCommit's fields, so a ParsedCommit will do. */
  add(commit: PlanCommit): void {
    const index = this.shas.length;
    this.shas.push(commit.sha);
    this.headers.push(commit.header);
    if (index === this.times.length) {
      const grown = new Float64Array(index * 2);
      grown.set(this.times);
      this.times = grown;
    }
    this.times[index] = commit.committerTime;
    if (commit.revert !== null) {
      this.revertOf.set(index, commit.revert);
      this.reverts.push(index);
    }
    if (commit.releaseAs !== null) this.releaseAsAt.push({ index, value: commit.releaseAs });
    if (!commit.conventional) {
      if (!commit.merge) this.nonConventionalAt.push(index);
      return;
    }
    for (const change of commit.changes) {
      const level = levelOf(change.type, change.breaking, this.config, this.preMajor);
      if (level === null) continue;
      const { reasons, owners } = this.levels[level];
      reasons.push({
        sha: commit.sha,
        type: change.type,
        scope: change.scope,
        description: change.description,
        breaking: change.breaking,
      });
      owners.push(index);
    }
  }

  /**
   * Whether the commit at window position `index` stays once reverts are applied (the same
   * answer `finish` uses; for notes collected beside this summary); null when every commit
   * stays. Add nothing after asking.
   */
  keptCommits(): ((index: number) => boolean) | null {
    const { active, cancelled } = this.cancellation();
    return cancelled.length === 0 ? null : (index) => active[index] === 1;
  }

  private cancelled: ReturnType<typeof cancelRevertsIn> | null = null;

  private cancellation(): ReturnType<typeof cancelRevertsIn> {
    if (this.cancelled === null || this.cancelled.active.length !== this.length) {
      this.cancelled = cancelRevertsIn(this);
    }
    return this.cancelled;
  }

  /** The summary of the commits added so far, reverted pairs taken out. */
  finish(): BumpSummary {
    const { active, cancelled } = this.cancellation();
    const kept = (index: number): boolean => active[index] === 1;
    const everyoneKept = cancelled.length === 0;
    const reasons = {} as Record<BumpLevel, BumpReason[]>;
    for (const level of LEVELS) {
      const { reasons: all, owners } = this.levels[level];
      reasons[level] = everyoneKept ? all : all.filter((_, at) => kept(owners[at] ?? -1));
    }
    const releaseAs = this.releaseAsAt.find(({ index }) => kept(index));
    return {
      commits: this.length,
      cancelledReverts: cancelled.length,
      reasons,
      nonConventional: this.nonConventionalAt.filter(kept).map((index) => this.sha(index)),
      releaseAs:
        releaseAs === undefined ? null : { value: releaseAs.value, sha: this.sha(releaseAs.index) },
      reverts: this.reverts.map((index) => this.revertMark(index)),
    };
  }

  /**
   * The summary of these commits (newer) followed by the window `older` summarizes, or null when
   * the two parts cannot be summarized apart: these commits hold a revert (its target may be in
   * the older part), or one of them could be what an older revert names (a SHA prefix, or the
   * header of a revert without a SHA). Otherwise cancellation works within each part exactly as
   * it would over the whole window, so the parts' reasons only need joining.
   */
  finishOnto(older: BumpSummary): BumpSummary | null {
    if (this.reverts.length > 0) return null;
    for (const mark of older.reverts) {
      if (this.couldBeNamedBy(mark)) return null;
    }
    const newer = this.finish();
    const reasons = {} as Record<BumpLevel, readonly BumpReason[]>;
    for (const level of LEVELS) {
      reasons[level] = join(newer.reasons[level], older.reasons[level]);
    }
    return {
      commits: newer.commits + older.commits,
      cancelledReverts: older.cancelledReverts,
      reasons,
      nonConventional: join(newer.nonConventional, older.nonConventional),
      releaseAs: newer.releaseAs ?? older.releaseAs,
      reverts: older.reverts,
    };
  }

  private couldBeNamedBy(mark: RevertMark): boolean {
    for (let index = 0; index < this.length; index++) {
      if (mark.sha !== null) {
        if (this.sha(index).startsWith(mark.sha)) return true;
      } else if (
        mark.header !== null &&
        this.header(index) === mark.header &&
        this.committerTime(index) <= mark.committerTime
      ) {
        return true;
      }
    }
    return false;
  }

  private revertMark(index: number): RevertMark {
    const revert = this.revert(index);
    return {
      sha: revert?.sha ?? null,
      header: revert?.header ?? null,
      committerTime: this.committerTime(index),
    };
  }
}

function join<T>(first: readonly T[], second: readonly T[]): readonly T[] {
  if (first.length === 0) return second;
  if (second.length === 0) return first;
  return [...first, ...second];
}
