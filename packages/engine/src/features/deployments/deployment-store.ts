import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Deployment, StatusView } from './deployment-record.js';

/** What an environment runs now: its last deployment that succeeded (and was not rolled back). */
export interface EnvironmentState {
  readonly service: string;
  readonly environment: string;
  readonly deploymentId: string;
  readonly version: string;
  readonly digests: readonly string[];
  readonly deployedAt: string;
  readonly actor: string;
}

/** Reads and writes inside one transaction of `DeploymentStore.transaction`. */
export interface DeploymentUnit {
  /** The transaction to append ledger events in; undefined for the in-memory fake. */
  readonly trx: Transaction<Database> | undefined;
  /**
   * Locks the (service, environment) pair until the transaction ends, so deployments of one
   * environment serialize, and returns what it runs now (undefined before its first success).
   */
  lockEnvironment(service: string, environment: string): Promise<EnvironmentState | undefined>;
  inProgress(service: string, environment: string): Promise<Deployment | undefined>;
  /** Environments where this release has a deployment with status succeeded. */
  succeededEnvironments(service: string, releaseId: string): Promise<string[]>;
  get(id: string): Promise<Deployment | undefined>;
  insert(deployment: Deployment): Promise<void>;
  update(deployment: Deployment): Promise<void>;
  setCurrent(state: EnvironmentState): Promise<void>;
}

export interface DeploymentStore {
  /** Runs `work` in one transaction: everything it wrote commits together or not at all. */
  transaction<T>(work: (unit: DeploymentUnit) => Promise<T>): Promise<T>;
  get(id: string): Promise<Deployment | undefined>;
  current(service: string, environment: string): Promise<EnvironmentState | undefined>;
  /** Newest first. */
  history(
    service: string,
    query: { readonly environment?: string; readonly limit: number },
  ): Promise<Deployment[]>;
  /** Every catalog service (or the one named), with the environments that run something. */
  status(service?: string): Promise<StatusView>;
}

/** Orders a service's environments by its lifecycle; ones no longer in it come last. */
export function byLifecycle(lifecycle: readonly string[]): (a: string, b: string) => number {
  const rank = (name: string): number => {
    const index = lifecycle.indexOf(name);
    return index === -1 ? lifecycle.length : index;
  };
  return (a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}
