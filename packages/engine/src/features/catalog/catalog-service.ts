import type { Kysely } from 'kysely';
import type { JsonValue } from '@slipway/core';
import { SlipwayError } from '@slipway/core';
import type { Database } from '../../db/database.js';
import type { LedgerEventInput } from '../ledger/ledger-event.js';
import type { LedgerService } from '../ledger/ledger-service.js';
import { createFakeLedgerService, createLedgerService } from '../ledger/ledger-service.js';
import type { FakeLedgerStore } from '../ledger/fake-ledger-store.js';
import type { CatalogStore, CatalogUnit } from './catalog-store.js';
import { FakeCatalogStore } from './fake-catalog-store.js';
import { KyselyCatalogStore } from './kysely-catalog-store.js';
import { planCatalogImport } from './plan-catalog-import.js';
import type { CatalogFile, CatalogImportReport } from './plan-catalog-import.js';
import { changedFields, deployerJson } from './service-change.js';
import type { ServiceChange } from './service-change.js';
import { parseServiceInput } from './service-fields-schema.js';
import { defaultLifecycle, defaultRiskTier, defaultServiceKind } from './service-record.js';
import type {
  ChangeOptions,
  NewService,
  Service,
  ServicePatch,
  ServiceQuery,
} from './service-record.js';

export interface CatalogServiceOptions {
  readonly now?: () => Date;
}

export class CatalogService {
  readonly #store: CatalogStore;
  readonly #ledger: LedgerService;
  readonly #now: () => Date;

  constructor(store: CatalogStore, ledger: LedgerService, options: CatalogServiceOptions = {}) {
    this.#store = store;
    this.#ledger = ledger;
    this.#now = options.now ?? (() => new Date());
  }

  async addService(input: NewService, options: ChangeOptions): Promise<Service> {
    const fields = parseServiceInput(input);
    const time = this.#now().toISOString();
    const service: Service = {
      name: fields.name,
      owner: fields.owner ?? null,
      repository: fields.repository ?? null,
      kind: fields.kind ?? defaultServiceKind,
      riskTier: fields.riskTier ?? defaultRiskTier,
      lifecycle: fields.lifecycle ?? defaultLifecycle,
      entityRef: null,
      stage: null,
      deployer: fields.deployer ?? null,
      allowSkip: fields.allowSkip ?? false,
      rollout: fields.rollout ?? null,
      createdAt: time,
      updatedAt: time,
    };
    return this.#store.transaction(async (unit) => {
      if ((await unit.byName(service.name)) !== undefined) {
        throw new SlipwayError('USAGE', `a service named ${service.name} exists already`, {
          subject: service.name,
          hint: 'service names are unique; an imported service changes when its file is re-imported',
        });
      }
      await this.#apply(unit, [{ action: 'added', service, changes: {} }], options);
      return service;
    });
  }

  async updateService(name: string, patch: ServicePatch, options: ChangeOptions): Promise<Service> {
    const fields = parseServiceInput(patch, true);
    return this.#store.transaction(async (unit) => {
      const before = await unit.lockByName(name);
      if (before === undefined) {
        throw new SlipwayError('USAGE', `no service named ${name}`, { subject: name });
      }
      const after: Service = { ...before, ...definedFields(fields) };
      const changes = changedFields(before, after);
      if (Object.keys(changes).length === 0) return before;
      const updated = { ...after, updatedAt: this.#now().toISOString() };
      await this.#apply(unit, [{ action: 'updated', service: updated, changes }], options);
      return updated;
    });
  }

  getService(name: string): Promise<Service | undefined> {
    return this.#store.get(name);
  }

  listServices(query: ServiceQuery = {}): Promise<Service[]> {
    return this.#store.list(query);
  }

  /** One catalog-info.yaml (several documents); see importCatalogFiles. */
  importCatalogInfo(
    text: string,
    options: ChangeOptions & { file: string },
  ): Promise<CatalogImportReport> {
    return this.importCatalogFiles([{ file: options.file, text }], options);
  }

  /**
   * Adds or updates a service per Backstage Component, keyed by entity reference, all in one
   * transaction. Any invalid document (or a name taken by another entity) changes nothing: the
   * report then lists the errors and `applied` is false.
   */
  importCatalogFiles(
    files: readonly CatalogFile[],
    options: ChangeOptions,
  ): Promise<CatalogImportReport> {
    return this.#store.transaction(async (unit) => {
      const { report, changes } = await planCatalogImport(files, unit, this.#now().toISOString());
      if (report.applied) await this.#apply(unit, changes, options);
      return report;
    });
  }

  /** Writes every change, then appends their events last (the ledger head stays locked). */
  async #apply(
    unit: CatalogUnit,
    changes: readonly ServiceChange[],
    options: ChangeOptions,
  ): Promise<void> {
    for (const change of changes) {
      if (change.action === 'added') await unit.insert(change.service);
      else await unit.update(change.service);
    }
    for (const change of changes) {
      const event: LedgerEventInput = {
        type: `service.${change.action}`,
        subject: `service:${change.service.name}`,
        actor: options.actor,
        payload:
          change.action === 'added'
            ? serviceJson(change.service)
            : { name: change.service.name, changes: change.changes },
      };
      if (unit.trx === undefined) await this.#ledger.append(event);
      else await this.#ledger.appendEvent(unit.trx, event);
    }
  }
}

function definedFields(patch: ServicePatch): ServicePatch {
  return Object.fromEntries(
    Object.entries(patch).filter(([, value]) => value !== undefined),
  ) as ServicePatch;
}

function serviceJson(service: Service): JsonValue {
  return {
    ...service,
    lifecycle: [...service.lifecycle],
    deployer: deployerJson(service.deployer),
    rollout: service.rollout as JsonValue,
  };
}

export function createCatalogService(
  db: Kysely<Database>,
  options: CatalogServiceOptions = {},
): CatalogService {
  return new CatalogService(new KyselyCatalogStore(db), createLedgerService(db, options), options);
}

export function createFakeCatalogService(options: CatalogServiceOptions = {}): {
  service: CatalogService;
  store: FakeCatalogStore;
  ledger: FakeLedgerStore;
} {
  const store = new FakeCatalogStore();
  const { service: ledgerService, store: ledger } = createFakeLedgerService(options);
  return { service: new CatalogService(store, ledgerService, options), store, ledger };
}
