import { resolvePolicy } from '@slipway/core';
import type { ActOptions } from '../../control-plane/control-plane.js';
import type {
  DeploymentGate,
  GateAdmission,
  GateRequest,
} from '../../deployments/deployment-gate.js';
import type { CheckResult, NewCheckResult, StoredPolicy } from '../../policy/policy-records.js';
import type { EvidenceCheck } from '../bundle/evidence-check-results.js';
import type { EvidenceService } from './evidence-service.js';

/** The actor of the check results the server records from its own verification. */
export const storedEvidenceActor = 'slipway-server (stored evidence)';

const evidenceCheckNames: readonly string[] = ['provenance', 'sbom'];

export interface StoredEvidenceGateOptions {
  readonly evidence: Pick<EvidenceService, 'hasTrustedKeys' | 'reverify'>;
  readonly policy: { getPolicy(): Promise<StoredPolicy> };
  readonly checks: {
    addCheckResult(input: NewCheckResult, options: ActOptions): Promise<CheckResult>;
  };
}

/**
 * In front of the policy gate: when the server trusts evidence keys and the policy requires
 * `provenance` or `sbom` for the environment, the release's stored bundle is verified again now
 * with those keys and the outcome is recorded as those checks (latest result wins), so the
 * policy decides on the server's own verification, not on what a client reported. No stored
 * bundle records them failed, saying so.
 */
export class StoredEvidenceGate implements DeploymentGate {
  readonly #inner: DeploymentGate;
  readonly #options: StoredEvidenceGateOptions;

  constructor(inner: DeploymentGate, options: StoredEvidenceGateOptions) {
    this.#inner = inner;
    this.#options = options;
  }

  async admit(request: GateRequest): Promise<GateAdmission> {
    const wanted = await this.#requiredEvidence(request);
    if (wanted.length > 0) {
      const { release } = request;
      const verdict = await this.#options.evidence.reverify(release);
      const results: EvidenceCheck[] =
        verdict === null
          ? wanted.map((name) => ({
              name: name as EvidenceCheck['name'],
              status: 'failed',
              details: `no evidence bundle is stored on the server for ${release.service} ${release.version}`,
            }))
          : verdict.checks.filter((check) => wanted.includes(check.name));
      for (const result of results) {
        await this.#options.checks.addCheckResult(
          {
            service: release.service,
            ref: release.version,
            name: result.name,
            status: result.status,
            details: result.details,
          },
          { actor: storedEvidenceActor },
        );
      }
    }
    return this.#inner.admit(request);
  }

  async #requiredEvidence(request: GateRequest): Promise<string[]> {
    if (!this.#options.evidence.hasTrustedKeys) return [];
    const policy = await this.#options.policy.getPolicy();
    const rules = resolvePolicy(policy.document, {
      service: request.service.name,
      tier: request.service.riskTier,
      environment: request.environment,
      lifecycle: request.service.lifecycle,
    });
    return rules.requiredChecks.filter((name) => evidenceCheckNames.includes(name));
  }
}
