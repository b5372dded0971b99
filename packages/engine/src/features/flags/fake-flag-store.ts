import type {
  FlagRamp,
  FlagScope,
  FlagSetState,
  FlagVersion,
  StoredFlag,
  StoredFlagClientKey,
} from './flag-record.js';
import type { FlagStore, FlagUnit } from './flag-store.js';

interface FakeFlagState {
  sets: Map<string, FlagSetState>;
  flags: Map<string, StoredFlag>;
  versions: FlagVersion[];
  keys: Map<string, StoredFlagClientKey>;
  ramps: Map<string, FlagRamp>;
}

const setId = (scope: FlagScope): string => `${scope.service}\u0000${scope.env}`;
const flagId = (scope: FlagScope, key: string): string => `${setId(scope)}\u0000${key}`;

/** In memory, for unit tests. A transaction that throws restores what it started with. */
export class FakeFlagStore implements FlagStore {
  #state: FakeFlagState = {
    sets: new Map(),
    flags: new Map(),
    versions: [],
    keys: new Map(),
    ramps: new Map(),
  };

  async transaction<T>(work: (unit: FlagUnit) => Promise<T>): Promise<T> {
    const before: FakeFlagState = {
      sets: new Map(this.#state.sets),
      flags: new Map(this.#state.flags),
      versions: [...this.#state.versions],
      keys: new Map(this.#state.keys),
      ramps: new Map(this.#state.ramps),
    };
    const state = this.#state;
    const unit: FlagUnit = {
      trx: undefined,
      nextRevision: (scope, time) => {
        const current = state.sets.get(setId(scope));
        const next: FlagSetState =
          current === undefined
            ? { ...scope, revision: 1, metadata: {}, evaluators: {}, updatedAt: time }
            : { ...current, revision: current.revision + 1, updatedAt: time };
        state.sets.set(setId(scope), next);
        return Promise.resolve(next);
      },
      flagSet: (scope) => Promise.resolve(state.sets.get(setId(scope))),
      updateSet: (set) => {
        state.sets.set(setId(set), set);
        return Promise.resolve();
      },
      flag: (scope, key) => Promise.resolve(state.flags.get(flagId(scope, key))),
      putFlag: (flag, version) => {
        state.flags.set(flagId(flag, flag.key), flag);
        state.versions.push(version);
        return Promise.resolve();
      },
      insertClientKey: (key) => {
        state.keys.set(key.id, key);
        return Promise.resolve();
      },
      revokeClientKey: (id, revokedAt) => {
        const key = state.keys.get(id);
        if (key === undefined || key.revokedAt !== null) return Promise.resolve(false);
        state.keys.set(id, { ...key, revokedAt });
        return Promise.resolve(true);
      },
      insertRamp: (ramp) => {
        state.ramps.set(ramp.id, ramp);
        return Promise.resolve();
      },
      updateRamp: (next, fromStep) => {
        const current = state.ramps.get(next.id);
        if (current?.status !== 'active' || current.nextStep !== fromStep) {
          return Promise.resolve(false);
        }
        state.ramps.set(next.id, next);
        return Promise.resolve(true);
      },
      activeRamps: (scope, key) =>
        Promise.resolve(
          [...state.ramps.values()].filter(
            (ramp) =>
              ramp.status === 'active' &&
              ramp.service === scope.service &&
              ramp.env === scope.env &&
              ramp.key === key,
          ),
        ),
    };
    try {
      return await work(unit);
    } catch (error) {
      this.#state = before;
      throw error;
    }
  }

  flagSet(scope: FlagScope): Promise<FlagSetState | undefined> {
    return Promise.resolve(this.#state.sets.get(setId(scope)));
  }

  revision(scope: FlagScope): Promise<number> {
    return Promise.resolve(this.#state.sets.get(setId(scope))?.revision ?? 0);
  }

  listFlags(scope: FlagScope): Promise<StoredFlag[]> {
    const flags = [...this.#state.flags.values()].filter(
      (flag) => flag.service === scope.service && flag.env === scope.env,
    );
    return Promise.resolve(flags.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
  }

  flag(scope: FlagScope, key: string): Promise<StoredFlag | undefined> {
    return Promise.resolve(this.#state.flags.get(flagId(scope, key)));
  }

  serviceFlags(service: string): Promise<StoredFlag[]> {
    return Promise.resolve(
      [...this.#state.flags.values()].filter((flag) => flag.service === service),
    );
  }

  flagVersions(scope: FlagScope, key: string): Promise<FlagVersion[]> {
    return Promise.resolve(
      this.#state.versions.filter(
        (version) =>
          version.service === scope.service && version.env === scope.env && version.key === key,
      ),
    );
  }

  clientKeyByHash(hash: string): Promise<StoredFlagClientKey | undefined> {
    return Promise.resolve([...this.#state.keys.values()].find((key) => key.hash === hash));
  }

  listClientKeys(): Promise<StoredFlagClientKey[]> {
    return Promise.resolve([...this.#state.keys.values()]);
  }

  dueRamps(now: string): Promise<FlagRamp[]> {
    return Promise.resolve(
      [...this.#state.ramps.values()]
        .filter((ramp) => ramp.status === 'active' && (dueAt(ramp) ?? '~') <= now)
        .sort((a, b) => ((dueAt(a) ?? '') < (dueAt(b) ?? '') ? -1 : 1)),
    );
  }

  listRamps(scope?: FlagScope): Promise<FlagRamp[]> {
    return Promise.resolve(
      [...this.#state.ramps.values()]
        .filter(
          (ramp) =>
            scope === undefined || (ramp.service === scope.service && ramp.env === scope.env),
        )
        .reverse(),
    );
  }

  ramp(id: string): Promise<FlagRamp | undefined> {
    return Promise.resolve(this.#state.ramps.get(id));
  }
}

function dueAt(ramp: FlagRamp): string | undefined {
  return ramp.steps[ramp.nextStep]?.at;
}
