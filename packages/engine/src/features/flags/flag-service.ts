import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { FlagDefinition, FlagMetadata, JsonValue } from '@slipway/core';
import { SlipwayError, canonicalJson } from '@slipway/core';
import type { Database } from '../../db/database.js';
import type { FakeLedgerStore } from '../ledger/fake-ledger-store.js';
import type { LedgerEventInput } from '../ledger/ledger-event.js';
import type { LedgerService } from '../ledger/ledger-service.js';
import { createFakeLedgerService, createLedgerService } from '../ledger/ledger-service.js';
import { FakeFlagStore } from './fake-flag-store.js';
import {
  hashFlagClientKey,
  isFlagClientKeySecret,
  newFlagClientKeySecret,
} from './flag-client-key-secret.js';
import { applyFlagPatch, checkFlagDefinition, checkFlagFile } from './flag-definition.js';
import { diffFlag } from './flag-diff.js';
import type {
  CreatedFlagClientKey,
  FlagChangeKind,
  FlagRamp,
  RampRequest,
  FlagClientKey,
  FlagImportReport,
  FlagPatch,
  FlagScope,
  FlagSetExport,
  FlagVersion,
  RolloutRequest,
  StoredFlag,
  StoredFlagClientKey,
} from './flag-record.js';
import type { FlagControlPlane } from './flag-control-plane.js';
import { buildFlagSnapshot } from './flag-snapshot.js';
import type { FlagSnapshot } from './flag-snapshot.js';
import type { FlagStore, FlagUnit } from './flag-store.js';
import { KyselyFlagStore } from './kysely-flag-store.js';
import { planRollout } from './plan-rollout.js';
import { FlagRampService } from './flag-ramp-service.js';
import { staleFlags } from './stale-flags.js';
import type { StaleFlag } from './stale-flags.js';

type Actor = { readonly actor: string };

export interface FlagServiceOptions {
  readonly now?: () => Date;
  readonly newId?: () => string;
  /**
   * Refuses a change to flags of an unknown service or an environment outside its lifecycle;
   * the embedded control plane asks the catalog. Without it every scope is accepted.
   */
  readonly checkScope?: (scope: FlagScope) => Promise<void>;
}

interface PendingChange {
  readonly key: string;
  readonly before: FlagDefinition | undefined;
  readonly after: FlagDefinition;
  readonly version: number;
}

/** Flags per service and environment: versioned, audited, served as flagd files and over OFREP. */
export class FlagService implements FlagControlPlane {
  readonly #store: FlagStore;
  readonly #ledger: LedgerService;
  readonly #now: () => Date;
  readonly #newId: () => string;
  readonly #checkScope: (scope: FlagScope) => Promise<void>;
  readonly #snapshots = new Map<string, FlagSnapshot>();
  readonly #listeners = new Set<(scope: FlagScope) => void>();
  readonly #ramps: FlagRampService;

  constructor(store: FlagStore, ledger: LedgerService, options: FlagServiceOptions = {}) {
    this.#store = store;
    this.#ledger = ledger;
    this.#now = options.now ?? (() => new Date());
    this.#newId = options.newId ?? randomUUID;
    this.#checkScope = options.checkScope ?? (() => Promise.resolve());
    this.#ramps = new FlagRampService(store, this, options);
  }

  /** Schedules a rollout the server moves step by step (see FlagRampService). */
  scheduleRamp(
    scope: FlagScope,
    key: string,
    request: RampRequest,
    options: Actor,
  ): Promise<FlagRamp> {
    return this.#ramps.scheduleRamp(scope, key, request, options);
  }

  listRamps(scope?: FlagScope): Promise<FlagRamp[]> {
    return this.#ramps.listRamps(scope);
  }

  cancelRamp(id: string, options: Actor): Promise<FlagRamp> {
    return this.#ramps.cancelRamp(id, options);
  }

  /** Runs the ramp steps due now; the server calls it on a timer. */
  runDueRamps(): Promise<FlagRamp[]> {
    return this.#ramps.runDueRamps();
  }

  listFlags(scope: FlagScope): Promise<StoredFlag[]> {
    return this.#store.listFlags(scope);
  }

  /**
   * Flags of a service that serve one variant in every environment and have not changed for
   * `days` days: candidates for removal from the code.
   */
  async staleFlags(service: string, days: number): Promise<StaleFlag[]> {
    if (!(days >= 0)) {
      throw new SlipwayError('USAGE', `days ${days}: must be 0 or more`, { subject: 'days' });
    }
    const before = new Date(this.#now().getTime() - days * 86_400_000).toISOString();
    return staleFlags(await this.#store.serviceFlags(service), before);
  }

  async getFlag(scope: FlagScope, key: string): Promise<StoredFlag> {
    const flag = await this.#store.flag(scope, key);
    if (flag === undefined) throw notFound(scope, key);
    return flag;
  }

  async flagHistory(scope: FlagScope, key: string): Promise<FlagVersion[]> {
    const versions = await this.#store.flagVersions(scope, key);
    if (versions.length === 0) throw notFound(scope, key);
    return versions;
  }

  /** Creates or changes one flag; a patch that changes nothing makes no version. */
  async setFlag(
    scope: FlagScope,
    key: string,
    patch: FlagPatch,
    options: Actor,
  ): Promise<StoredFlag> {
    checkKey(key);
    await this.#checkScope(scope);
    return this.#changeOne(scope, key, 'set', options, (before) =>
      applyFlagPatch(key, before, patch),
    );
  }

  /** Disables the flag at once: every evaluation answers DISABLED (the code default). */
  async killFlag(scope: FlagScope, key: string, options: Actor): Promise<StoredFlag> {
    return this.#changeOne(scope, key, 'kill', options, (before) => {
      if (before === undefined) throw notFound(scope, key);
      return { ...before, state: 'DISABLED' };
    });
  }

  /** Moves the sticky split between the default (old) and the new variant to `percent`. */
  async rolloutFlag(
    scope: FlagScope,
    key: string,
    request: RolloutRequest,
    options: Actor,
  ): Promise<StoredFlag> {
    return this.#changeOne(scope, key, 'rollout', options, (before) => {
      if (before === undefined) throw notFound(scope, key);
      return planRollout(key, before, request);
    });
  }

  /**
   * Takes a flagd flag file: validated whole first (an invalid file changes nothing), then every
   * flag in it gets a new version where it differs. Flags not in the file stay as they are.
   */
  async importFlags(scope: FlagScope, file: unknown, options: Actor): Promise<FlagImportReport> {
    checkFlagFile(file, 'the flag file');
    await this.#checkScope(scope);
    const keys = Object.keys(file.flags).sort();
    for (const key of keys) checkKey(key);
    const time = this.#now().toISOString();
    const result = await this.#unlessUnchanged(async (unit) => {
      // Lock the environment before reading it: concurrent writers then queue, not collide.
      const set = await unit.nextRevision(scope, time);
      const changes: PendingChange[] = [];
      for (const key of keys) {
        const stored = await unit.flag(scope, key);
        const after = file.flags[key] as FlagDefinition;
        if (stored !== undefined && same(stored.definition, after)) continue;
        changes.push({
          key,
          before: stored?.definition,
          after,
          version: (stored?.version ?? 0) + 1,
        });
      }
      const current = set.revision === 1 ? undefined : set;
      const metadata: FlagMetadata = file.metadata ?? {};
      const evaluators: Readonly<Record<string, JsonValue>> = file.$evaluators ?? {};
      const setChanged =
        !same(current?.metadata ?? {}, metadata) || !same(current?.evaluators ?? {}, evaluators);
      if (changes.length === 0 && !setChanged) {
        return unchanged({ revision: set.revision - 1, changed: [] as string[] });
      }
      await unit.updateSet({ ...set, metadata, evaluators });
      await this.#write(unit, scope, changes, 'import', options.actor, time);
      const events: LedgerEventInput[] = changes.map((change) =>
        this.#flagEvent(scope, change, 'import', options.actor, time),
      );
      if (setChanged) {
        events.push({
          type: 'flag-set.imported',
          subject: `flags:${scope.service}/${scope.env}`,
          actor: options.actor,
          time,
          payload: {
            service: scope.service,
            env: scope.env,
            revision: set.revision,
            diff: {
              metadata: { before: current?.metadata ?? {}, after: metadata },
              $evaluators: { before: current?.evaluators ?? {}, after: evaluators },
            },
          },
        });
      }
      await this.#append(unit, events);
      return { revision: set.revision, changed: changes.map((change) => change.key) };
    });
    this.#changed(scope);
    const changedKeys = new Set(result.changed);
    return {
      service: scope.service,
      env: scope.env,
      revision: result.revision,
      changed: result.changed,
      unchanged: keys.filter((key) => !changedKeys.has(key)),
    };
  }

  /** The environment's flags as a flagd flag file, with its ETag. */
  async exportFlags(scope: FlagScope): Promise<FlagSetExport> {
    const snapshot = await this.snapshot(scope);
    return { file: snapshot.file, revision: snapshot.revision, etag: snapshot.etag };
  }

  /**
   * The environment's flags compiled, cached per revision: one indexed read per call checks the
   * revision, so a change made by another server process is seen on the next request.
   */
  async snapshot(scope: FlagScope): Promise<FlagSnapshot> {
    const id = `${scope.service}\u0000${scope.env}`;
    const cached = this.#snapshots.get(id);
    const revision = await this.#store.revision(scope);
    if (cached !== undefined && cached.revision === revision) return cached;
    const [set, flags] = await Promise.all([
      this.#store.flagSet(scope),
      this.#store.listFlags(scope),
    ]);
    const snapshot = buildFlagSnapshot(scope, set, flags);
    this.#snapshots.set(id, snapshot);
    return snapshot;
  }

  /** Called after each change made through this service (the SSE stream listens). */
  onChange(listener: (scope: FlagScope) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Tells the listeners about a change another flag service wrote in a transaction of its own
   * (a rollout's abort restores flags inside the rollout's transaction), once it committed.
   */
  announceChange(scope: FlagScope): void {
    this.#changed(scope);
  }

  async createClientKey(scope: FlagScope, options: Actor): Promise<CreatedFlagClientKey> {
    await this.#checkScope(scope);
    const secret = newFlagClientKeySecret();
    const key: StoredFlagClientKey = {
      id: this.#newId(),
      prefix: secret.slice(0, 13),
      hash: hashFlagClientKey(secret),
      service: scope.service,
      env: scope.env,
      createdBy: options.actor,
      createdAt: this.#now().toISOString(),
      revokedAt: null,
    };
    await this.#store.transaction(async (unit) => {
      await unit.insertClientKey(key);
      await this.#append(unit, [
        {
          type: 'flag-client-key.created',
          subject: `flag-client-key/${key.id}`,
          actor: options.actor,
          payload: { prefix: key.prefix, service: key.service, env: key.env },
        },
      ]);
    });
    return { key: withoutHash(key), secret };
  }

  async listClientKeys(): Promise<FlagClientKey[]> {
    return (await this.#store.listClientKeys()).map(withoutHash);
  }

  async revokeClientKey(id: string, options: Actor): Promise<FlagClientKey> {
    const revokedAt = this.#now().toISOString();
    await this.#store.transaction(async (unit) => {
      if (!(await unit.revokeClientKey(id, revokedAt))) {
        throw new SlipwayError('NOT_FOUND', `no unrevoked flag client key ${id}`, { subject: id });
      }
      await this.#append(unit, [
        { type: 'flag-client-key.revoked', subject: `flag-client-key/${id}`, actor: options.actor },
      ]);
    });
    const key = (await this.#store.listClientKeys()).find((item) => item.id === id);
    if (key === undefined) throw new SlipwayError('NOT_FOUND', `no flag client key ${id}`);
    return withoutHash(key);
  }

  /** The unrevoked client key with this secret, or undefined (unknown and revoked look alike). */
  async authenticateClientKey(secret: string): Promise<FlagClientKey | undefined> {
    if (!isFlagClientKeySecret(secret)) return undefined;
    const key = await this.#store.clientKeyByHash(hashFlagClientKey(secret));
    return key === undefined || key.revokedAt !== null ? undefined : withoutHash(key);
  }

  #changeOne(
    scope: FlagScope,
    key: string,
    kind: FlagChangeKind,
    options: Actor,
    change: (before: FlagDefinition | undefined) => FlagDefinition,
  ): Promise<StoredFlag> {
    return this.changeFlagWith(scope, key, kind, options.actor, change);
  }

  /**
   * One flag change in one transaction, which also runs `alongside` first (a ramp claims its
   * step there: if that throws, nothing is written). For the engine's own schedulers.
   */
  async changeFlagWith(
    scope: FlagScope,
    key: string,
    kind: FlagChangeKind,
    actor: string,
    change: (before: FlagDefinition | undefined) => FlagDefinition,
    alongside?: (unit: FlagUnit, time: string) => Promise<readonly LedgerEventInput[]>,
  ): Promise<StoredFlag> {
    const time = this.#now().toISOString();
    const flag = await this.#unlessUnchanged(async (unit) => {
      const extraEvents = (await alongside?.(unit, time)) ?? [];
      // Lock the environment before reading the flag: concurrent writers queue, not collide.
      const set = await unit.nextRevision(scope, time);
      const stored = await unit.flag(scope, key);
      const after = change(stored?.definition);
      if (stored !== undefined && same(stored.definition, after)) {
        // A ramp's claim must commit even when its step changes nothing.
        if (extraEvents.length === 0 && alongside === undefined) return unchanged(stored);
        await this.#append(unit, extraEvents);
        return stored;
      }
      checkFlagDefinition(key, after, set.evaluators);
      const pending = {
        key,
        before: stored?.definition,
        after,
        version: (stored?.version ?? 0) + 1,
      };
      const [written] = await this.#write(unit, scope, [pending], kind, actor, time);
      await this.#append(unit, [
        this.#flagEvent(scope, pending, kind, actor, time),
        ...extraEvents,
      ]);
      return written as StoredFlag;
    });
    this.#changed(scope);
    return flag;
  }

  /**
   * A transaction whose work may find nothing to change: it then returns `unchanged(result)`,
   * and the transaction rolls back (undoing the revision raised to lock the environment).
   */
  async #unlessUnchanged<T>(work: (unit: FlagUnit) => Promise<T | Unchanged<T>>): Promise<T> {
    try {
      const result = await this.#store.transaction(async (unit) => {
        const outcome = await work(unit);
        if (outcome instanceof Unchanged) throw outcome;
        return outcome;
      });
      return result;
    } catch (error) {
      if (error instanceof Unchanged) return error.result as T;
      throw error;
    }
  }

  /** Appends events in a unit's transaction (the ramp service records its own events so). */
  appendEvents(unit: FlagUnit, events: readonly LedgerEventInput[]): Promise<void> {
    return this.#append(unit, events);
  }

  async #write(
    unit: FlagUnit,
    scope: FlagScope,
    changes: readonly PendingChange[],
    kind: FlagChangeKind,
    actor: string,
    time: string,
  ): Promise<StoredFlag[]> {
    const written: StoredFlag[] = [];
    for (const change of changes) {
      const flag: StoredFlag = {
        ...scope,
        key: change.key,
        version: change.version,
        definition: change.after,
        updatedBy: actor,
        updatedAt: time,
      };
      await unit.putFlag(flag, {
        ...scope,
        key: change.key,
        version: change.version,
        definition: change.after,
        change: kind,
        actor,
        time,
      });
      written.push(flag);
    }
    return written;
  }

  #flagEvent(
    scope: FlagScope,
    change: PendingChange,
    kind: FlagChangeKind,
    actor: string,
    time: string,
  ): LedgerEventInput {
    return {
      type: eventTypes[kind],
      subject: `flag:${scope.service}/${scope.env}/${change.key}`,
      actor,
      time,
      payload: {
        service: scope.service,
        env: scope.env,
        flag: change.key,
        version: change.version,
        diff: diffFlag(change.before, change.after),
      },
    };
  }

  /** Ledger events go last, after every write of the transaction. */
  async #append(unit: FlagUnit, events: readonly LedgerEventInput[]): Promise<void> {
    for (const event of events) {
      if (unit.trx === undefined) await this.#ledger.append(event);
      else await this.#ledger.appendEvent(unit.trx, event);
    }
  }

  #changed(scope: FlagScope): void {
    for (const listener of this.#listeners) listener(scope);
  }
}

/** Thrown out of a transaction to roll it back when there was nothing to write. */
class Unchanged<T> extends Error {
  constructor(readonly result: T) {
    super('unchanged');
  }
}

const unchanged = <T>(result: T): Unchanged<T> => new Unchanged(result);

const eventTypes: Record<FlagChangeKind, string> = {
  set: 'flag.set',
  import: 'flag.imported',
  kill: 'flag.killed',
  rollout: 'flag.rolled-out',
};

const flagKeyPattern = /^[A-Za-z0-9_.:-]{1,255}$/;

function checkKey(key: string): void {
  if (!flagKeyPattern.test(key)) {
    throw new SlipwayError(
      'USAGE',
      `flag key ${JSON.stringify(key)}: letters, digits and _ . : - only (1–255)`,
      {
        subject: 'flag',
      },
    );
  }
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function notFound(scope: FlagScope, key: string): SlipwayError {
  return new SlipwayError('NOT_FOUND', `no flag ${key} in ${scope.service}/${scope.env}`, {
    subject: key,
  });
}

function withoutHash(key: StoredFlagClientKey): FlagClientKey {
  const { hash: _hash, ...rest } = key;
  return rest;
}

export function createFlagService(
  db: Kysely<Database>,
  options: FlagServiceOptions = {},
): FlagService {
  return new FlagService(new KyselyFlagStore(db), createLedgerService(db, options), options);
}

export function createFakeFlagService(options: FlagServiceOptions = {}): {
  service: FlagService;
  store: FakeFlagStore;
  ledger: FakeLedgerStore;
} {
  const store = new FakeFlagStore();
  const { service: ledgerService, store: ledger } = createFakeLedgerService(options);
  return { service: new FlagService(store, ledgerService, options), store, ledger };
}
