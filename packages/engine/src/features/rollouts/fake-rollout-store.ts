import type { RolloutQuery } from './rollout-control-plane.js';
import type {
  RolloutClaim,
  RolloutStore,
  RolloutUnit,
  StoredAnalysisRun,
  StoredRollout,
} from './rollout-store.js';

/** In memory, for unit tests. A transaction that throws restores what it started with. */
export class FakeRolloutStore implements RolloutStore {
  #rollouts = new Map<string, StoredRollout>();
  #runs = new Map<string, StoredAnalysisRun>();

  async transaction<T>(work: (unit: RolloutUnit) => Promise<T>): Promise<T> {
    const rollouts = new Map(this.#rollouts);
    const runs = new Map(this.#runs);
    const unit: RolloutUnit = {
      trx: undefined,
      insert: (rollout) => {
        this.#rollouts.set(rollout.id, rollout);
        return Promise.resolve();
      },
      update: (next, revision) => {
        if (this.#rollouts.get(next.id)?.revision !== revision) return Promise.resolve(false);
        this.#rollouts.set(next.id, next);
        return Promise.resolve(true);
      },
      insertRun: (run) => {
        this.#runs.set(run.id, run);
        return Promise.resolve();
      },
      updateRun: (run) => {
        this.#runs.set(run.id, run);
        return Promise.resolve();
      },
    };
    try {
      return await work(unit);
    } catch (error) {
      this.#rollouts = rollouts;
      this.#runs = runs;
      throw error;
    }
  }

  get(id: string): Promise<StoredRollout | undefined> {
    return Promise.resolve(this.#rollouts.get(id));
  }

  list(query: RolloutQuery & { readonly limit: number }): Promise<StoredRollout[]> {
    const found = [...this.#rollouts.values()]
      .filter(
        (rollout) =>
          (query.service === undefined || rollout.service === query.service) &&
          (query.environment === undefined || rollout.environment === query.environment) &&
          (query.status === undefined || rollout.status === query.status),
      )
      .sort((a, b) => compare(b.createdAt, a.createdAt) || compare(b.id, a.id));
    return Promise.resolve(found.slice(0, query.limit));
  }

  async forDeployment(deploymentId: string): Promise<StoredRollout | undefined> {
    const [latest] = (await this.list({ limit: Number.MAX_SAFE_INTEGER })).filter(
      (rollout) => rollout.deploymentId === deploymentId,
    );
    return latest;
  }

  runs(rolloutId: string): Promise<StoredAnalysisRun[]> {
    return Promise.resolve(
      [...this.#runs.values()]
        .filter((run) => run.rolloutId === rolloutId)
        .sort(
          (a, b) =>
            a.attempt - b.attempt || compare(a.startedAt, b.startedAt) || compare(a.id, b.id),
        ),
    );
  }

  due(now: string, limit: number): Promise<StoredRollout[]> {
    const found = [...this.#rollouts.values()]
      .filter(
        (rollout) =>
          (rollout.status === 'progressing' || rollout.status === 'paused') &&
          rollout.nextActionAt !== null &&
          rollout.nextActionAt <= now &&
          (rollout.claimedUntil === null || rollout.claimedUntil <= now),
      )
      .sort((a, b) => compare(a.nextActionAt ?? '', b.nextActionAt ?? ''));
    return Promise.resolve(found.slice(0, limit));
  }

  claim(claim: RolloutClaim): Promise<boolean> {
    const rollout = this.#rollouts.get(claim.id);
    if (
      rollout === undefined ||
      rollout.revision !== claim.revision ||
      (rollout.claimedUntil !== null && rollout.claimedUntil > claim.now)
    ) {
      return Promise.resolve(false);
    }
    this.#rollouts.set(claim.id, {
      ...rollout,
      revision: claim.revision + 1,
      claimedBy: claim.claimant,
      claimedUntil: claim.until,
    });
    return Promise.resolve(true);
  }
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
