import type { CatalogStore, CatalogUnit } from './catalog-store.js';
import type { Service, ServiceQuery } from './service-record.js';

/** In memory, for unit tests. A transaction that throws restores the services it started with. */
export class FakeCatalogStore implements CatalogStore {
  #services = new Map<string, Service>();

  async transaction<T>(work: (unit: CatalogUnit) => Promise<T>): Promise<T> {
    const before = new Map(this.#services);
    const services = this.#services;
    const unit: CatalogUnit = {
      trx: undefined,
      byName: (name) => Promise.resolve(services.get(name)),
      lockByName: (name) => Promise.resolve(services.get(name)),
      byEntityRef: (entityRef) =>
        Promise.resolve([...services.values()].find((s) => s.entityRef === entityRef)),
      insert: (service) => {
        if (services.has(service.name)) throw new Error(`duplicate service ${service.name}`);
        services.set(service.name, service);
        return Promise.resolve();
      },
      update: (service) => {
        services.set(service.name, service);
        return Promise.resolve();
      },
    };
    try {
      return await work(unit);
    } catch (error) {
      this.#services = before;
      throw error;
    }
  }

  get(name: string): Promise<Service | undefined> {
    return Promise.resolve(this.#services.get(name));
  }

  list(query: ServiceQuery): Promise<Service[]> {
    const search = query.search?.toLowerCase() ?? '';
    const matches = [...this.#services.values()].filter(
      (service) =>
        (query.owner === undefined || service.owner === query.owner) &&
        (query.tier === undefined || service.riskTier === query.tier) &&
        [service.name, service.owner ?? '', service.repository ?? ''].some((field) =>
          field.toLowerCase().includes(search),
        ),
    );
    return Promise.resolve(
      matches.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    );
  }
}
