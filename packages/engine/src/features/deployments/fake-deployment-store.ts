import type { Deployment, StatusView } from './deployment-record.js';
import type { DeploymentStore, DeploymentUnit, EnvironmentState } from './deployment-store.js';
import { byLifecycle } from './deployment-store.js';

/** The catalog as the fake's `status` sees it: every service with its lifecycle, by name. */
export type CatalogListing = () => Promise<
  readonly { readonly name: string; readonly lifecycle: readonly string[] }[]
>;

/**
 * In memory, for unit tests. Transactions run one at a time (the lock of the real stores), and
 * one that throws restores what it started with.
 */
export class FakeDeploymentStore implements DeploymentStore {
  #deployments = new Map<string, Deployment>();
  #states = new Map<string, EnvironmentState>();
  #queue: Promise<unknown> = Promise.resolve();
  readonly #catalog: CatalogListing;

  constructor(catalog: CatalogListing) {
    this.#catalog = catalog;
  }

  transaction<T>(work: (unit: DeploymentUnit) => Promise<T>): Promise<T> {
    const run = this.#queue.then(() => this.#run(work));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #run<T>(work: (unit: DeploymentUnit) => Promise<T>): Promise<T> {
    const deployments = new Map(this.#deployments);
    const states = new Map(this.#states);
    const unit: DeploymentUnit = {
      trx: undefined,
      lockEnvironment: (service, environment) =>
        Promise.resolve(states.get(key(service, environment))),
      inProgress: (service, environment) =>
        Promise.resolve(
          [...deployments.values()].find(
            (d) =>
              d.service === service && d.environment === environment && d.status === 'in_progress',
          ),
        ),
      succeededEnvironments: (service, releaseId) =>
        Promise.resolve([
          ...new Set(
            [...deployments.values()]
              .filter(
                (d) =>
                  d.service === service && d.releaseId === releaseId && d.status === 'succeeded',
              )
              .map((d) => d.environment),
          ),
        ]),
      get: (id) => Promise.resolve(deployments.get(id)),
      insert: (deployment) => {
        if (deployments.has(deployment.id))
          throw new Error(`duplicate deployment ${deployment.id}`);
        deployments.set(deployment.id, deployment);
        return Promise.resolve();
      },
      update: (deployment) => {
        deployments.set(deployment.id, deployment);
        return Promise.resolve();
      },
      setCurrent: (state) => {
        states.set(key(state.service, state.environment), state);
        return Promise.resolve();
      },
    };
    const result = await work(unit);
    this.#deployments = deployments;
    this.#states = states;
    return result;
  }

  get(id: string): Promise<Deployment | undefined> {
    return Promise.resolve(this.#deployments.get(id));
  }

  current(service: string, environment: string): Promise<EnvironmentState | undefined> {
    return Promise.resolve(this.#states.get(key(service, environment)));
  }

  history(
    service: string,
    query: { readonly environment?: string; readonly limit: number },
  ): Promise<Deployment[]> {
    const matches = [...this.#deployments.values()].filter(
      (d) =>
        d.service === service &&
        (query.environment === undefined || d.environment === query.environment),
    );
    // Insertion order breaks ties of equal timestamps: later inserted is newer.
    const newestFirst = matches
      .map((deployment, index) => ({ deployment, index }))
      .sort(
        (a, b) =>
          (a.deployment.createdAt < b.deployment.createdAt
            ? 1
            : a.deployment.createdAt > b.deployment.createdAt
              ? -1
              : 0) || b.index - a.index,
      )
      .map(({ deployment }) => deployment);
    return Promise.resolve(newestFirst.slice(0, query.limit));
  }

  async status(service?: string): Promise<StatusView> {
    const listed = [...(await this.#catalog())]
      .filter((entry) => service === undefined || entry.name === service)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const states = [...this.#states.values()];
    return {
      services: listed.map(({ name, lifecycle }) => ({
        name,
        environments: Object.fromEntries(
          states
            .filter((state) => state.service === name)
            .sort((a, b) => byLifecycle(lifecycle)(a.environment, b.environment))
            .map((state) => [
              state.environment,
              {
                version: state.version,
                digests: [...state.digests],
                deployedAt: state.deployedAt,
                actor: state.actor,
              },
            ]),
        ),
      })),
    };
  }
}

function key(service: string, environment: string): string {
  return `${service}\u0000${environment}`;
}
