import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { CheckResult, StoredPolicy } from './policy-records.js';
import type { PolicyStore } from './policy-store.js';

export class FakePolicyStore implements PolicyStore {
  readonly policies: StoredPolicy[] = [];
  readonly results: CheckResult[] = [];

  currentPolicy(): Promise<StoredPolicy | undefined> {
    return Promise.resolve(this.policies[this.policies.length - 1]);
  }

  insertPolicy(policy: StoredPolicy): Promise<void> {
    if (this.policies.some((stored) => stored.version === policy.version)) {
      return Promise.reject(new Error(`policy version ${policy.version} exists`));
    }
    this.policies.push(policy);
    return Promise.resolve();
  }

  insertCheckResult(result: CheckResult): Promise<void> {
    this.results.push(result);
    return Promise.resolve();
  }

  checkResults(releaseId: string): Promise<CheckResult[]> {
    return Promise.resolve(
      this.results
        .filter((result) => result.releaseId === releaseId)
        .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.id.localeCompare(b.id)),
    );
  }

  transaction<T>(work: (trx: Transaction<Database> | undefined) => Promise<T>): Promise<T> {
    return work(undefined);
  }
}
