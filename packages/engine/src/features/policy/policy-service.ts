import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { ApprovalInput, PolicyVerdict } from '@slipway/core';
import { SlipwayError, checkStatuses, evaluatePolicy } from '@slipway/core';
import type { Database } from '../../db/database.js';
import type { DeploymentSources } from '../deployments/deployment-sources.js';
import type { LedgerEventInput } from '../ledger/ledger-event.js';
import type { LedgerService } from '../ledger/ledger-service.js';
import { createFakeLedgerService, createLedgerService } from '../ledger/ledger-service.js';
import type { FakeLedgerStore } from '../ledger/fake-ledger-store.js';
import type { ReleaseRecord } from '../registry/release-record.js';
import { FakePolicyStore } from './fake-policy-store.js';
import { KyselyPolicyStore } from './kysely-policy-store.js';
import { parsePolicyDocument } from './policy-document-schema.js';
import type { CheckResult, NewCheckResult, StoredPolicy } from './policy-records.js';
import type { PolicyStore } from './policy-store.js';

export interface PolicyServiceOptions {
  readonly sources: DeploymentSources;
  readonly now?: () => Date;
  readonly newId?: () => string;
}

export interface PolicyCheckRequest {
  readonly service: string;
  /** A version or an artifact digest of one of the service's releases. */
  readonly ref: string;
  readonly environment: string;
  readonly strategy?: string;
  /** Who asks for the deployment: never an eligible approver. */
  readonly requester?: string;
  readonly breakGlass?: boolean;
  readonly approvals?: readonly ApprovalInput[];
  /** Further people who may not approve (commit authors named in a change request). */
  readonly authors?: readonly string[];
  readonly contentDigest?: string | null;
}

/** A verdict with what it was about, as `slipway policy check` shows it. */
export interface PolicyEvaluation {
  readonly service: string;
  readonly environment: string;
  readonly version: string;
  readonly releaseId: string;
  readonly digests: readonly string[];
  readonly strategy: string;
  readonly policyVersion: number;
  readonly at: string;
  /** The release's recorded authors and the requester. */
  readonly ineligibleApprovers: readonly string[];
  readonly checks: readonly CheckResult[];
  readonly verdict: PolicyVerdict;
}

export const defaultStrategy = 'all-at-once';
const maxCheckText = 4_096;

export class PolicyService {
  readonly #store: PolicyStore;
  readonly #ledger: LedgerService;
  readonly #sources: DeploymentSources;
  readonly #now: () => Date;
  readonly #newId: () => string;

  constructor(store: PolicyStore, ledger: LedgerService, options: PolicyServiceOptions) {
    this.#store = store;
    this.#ledger = ledger;
    this.#sources = options.sources;
    this.#now = options.now ?? (() => new Date());
    this.#newId = options.newId ?? randomUUID;
  }

  /** The policy in force; version 0 (no overrides) means the per-tier defaults alone. */
  async getPolicy(): Promise<StoredPolicy> {
    return (
      (await this.#store.currentPolicy()) ?? {
        version: 0,
        document: { overrides: [] },
        createdAt: null,
        createdBy: null,
      }
    );
  }

  /** Replaces the policy with a validated document; the previous versions stay readable. */
  async setPolicy(input: unknown, actor: string): Promise<StoredPolicy> {
    const document = parsePolicyDocument(input);
    return this.#store.transaction(async (trx) => {
      // Read inside the transaction: on SQLite a read outside it would wait for it.
      const current = await this.#store.currentPolicy(trx);
      const policy: StoredPolicy = {
        version: (current?.version ?? 0) + 1,
        document,
        createdAt: this.#now().toISOString(),
        createdBy: actor,
      };
      await this.#store.insertPolicy(policy, trx);
      await this.#append(trx, {
        type: 'policy.updated',
        subject: 'policy',
        actor,
        payload: { version: policy.version, overrides: document.overrides.length },
      });
      return policy;
    });
  }

  async addCheckResult(input: NewCheckResult, actor: string): Promise<CheckResult> {
    const name = input.name.trim();
    if (name === '' || name.length > 100) {
      throw new SlipwayError(
        'USAGE',
        `check name must be 1 to 100 characters, got "${input.name}"`,
        {
          subject: 'name',
        },
      );
    }
    if (!(checkStatuses as readonly string[]).includes(input.status)) {
      throw new SlipwayError(
        'USAGE',
        `check status must be one of ${checkStatuses.join(', ')}, got "${String(input.status)}"`,
        { subject: 'status' },
      );
    }
    for (const field of ['url', 'details'] as const) {
      const value = input[field];
      if (value !== undefined && value !== null && value.length > maxCheckText) {
        throw new SlipwayError(
          'USAGE',
          `check ${field} is longer than ${maxCheckText} characters`,
          {
            subject: field,
          },
        );
      }
    }
    const release = await this.#sources.releaseForRef(input.service, input.ref);
    const result: CheckResult = {
      id: this.#newId(),
      releaseId: release.id,
      service: release.service,
      version: release.version,
      name,
      status: input.status,
      url: input.url ?? null,
      details: input.details ?? null,
      recordedAt: this.#now().toISOString(),
      recordedBy: actor,
    };
    await this.#store.transaction(async (trx) => {
      await this.#store.insertCheckResult(result, trx);
      await this.#append(trx, {
        type: 'check.recorded',
        subject: `release:${release.id}`,
        actor,
        payload: {
          service: result.service,
          version: result.version,
          name: result.name,
          status: result.status,
          url: result.url,
        },
      });
    });
    return result;
  }

  async listCheckResults(service: string, ref: string): Promise<CheckResult[]> {
    const release = await this.#sources.releaseForRef(service, ref);
    return this.#store.checkResults(release.id);
  }

  /** Evaluates the policy now; changes nothing. */
  async evaluate(request: PolicyCheckRequest): Promise<PolicyEvaluation> {
    const release = await this.#sources.releaseForRef(request.service, request.ref);
    return this.evaluateRelease(release, request);
  }

  async evaluateRelease(
    release: ReleaseRecord,
    request: Omit<PolicyCheckRequest, 'ref'>,
  ): Promise<PolicyEvaluation> {
    const service = await this.#sources.service(request.service);
    if (!service.lifecycle.includes(request.environment)) {
      throw new SlipwayError(
        'USAGE',
        `unknown environment "${request.environment}" for ${service.name}; its lifecycle is ${service.lifecycle.join(' → ')}`,
        { subject: request.environment },
      );
    }
    const [policy, checks] = await Promise.all([
      this.getPolicy(),
      this.#store.checkResults(release.id),
    ]);
    const ineligible = unique([
      release.createdBy,
      ...(request.authors ?? []),
      ...(request.requester === undefined ? [] : [request.requester]),
    ]);
    const at = this.#now().toISOString();
    const strategy = request.strategy ?? defaultStrategy;
    const verdict = evaluatePolicy({
      service: {
        name: service.name,
        riskTier: service.riskTier,
        lifecycle: service.lifecycle,
        allowSkip: service.allowSkip,
      },
      environment: request.environment,
      release: { version: release.version },
      strategy,
      checks,
      approvals: request.approvals ?? [],
      ineligibleApprovers: ineligible,
      contentDigest: request.contentDigest ?? null,
      breakGlass: request.breakGlass ?? false,
      at,
      document: policy.document,
    });
    return {
      service: service.name,
      environment: request.environment,
      version: release.version,
      releaseId: release.id,
      digests: release.artifacts,
      strategy,
      policyVersion: policy.version,
      at,
      ineligibleApprovers: ineligible,
      checks,
      verdict,
    };
  }

  async #append(trx: Transaction<Database> | undefined, event: LedgerEventInput): Promise<void> {
    await (trx === undefined ? this.#ledger.append(event) : this.#ledger.appendEvent(trx, event));
  }
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names.filter((name) => name !== ''))];
}

export function createPolicyService(
  db: Kysely<Database>,
  options: PolicyServiceOptions,
): PolicyService {
  const ledgerOptions = options.now === undefined ? {} : { now: options.now };
  return new PolicyService(
    new KyselyPolicyStore(db),
    createLedgerService(db, ledgerOptions),
    options,
  );
}

export function createFakePolicyService(options: PolicyServiceOptions): {
  service: PolicyService;
  store: FakePolicyStore;
  ledger: FakeLedgerStore;
} {
  const ledgerOptions = options.now === undefined ? {} : { now: options.now };
  const { service: ledgerService, store: ledger } = createFakeLedgerService(ledgerOptions);
  const store = new FakePolicyStore();
  return { service: new PolicyService(store, ledgerService, options), store, ledger };
}
