import { slsaProvenanceType } from '@slipway/core';
import { cycloneDxPredicateType } from '../attest-artifacts.js';
import type { BundleVerification } from './verify-evidence-bundle.js';

/** A policy check (`provenance`, `sbom`) as the verified bundle answers it. */
export interface EvidenceCheck {
  readonly name: 'provenance' | 'sbom';
  readonly status: 'passed' | 'failed';
  readonly details: string;
}

/**
 * The policy checks an environment may require (`requiredChecks`), decided by the bundle's
 * verification: passed only when every artifact has a verified statement of that kind and the
 * bundle has no failure at all; otherwise failed, with the reasons as details.
 */
export function evidenceCheckResults(verification: BundleVerification): EvidenceCheck[] {
  const artifacts = verification.manifest?.artifacts ?? [];
  const reasons = verification.failures.map(
    (f) => `${f.code}${f.item === null ? '' : ` ${f.item}`}: ${f.message}`,
  );
  const check = (name: EvidenceCheck['name'], predicateType: string): EvidenceCheck => {
    const lacking = artifacts
      .filter(
        (a) =>
          !verification.verified.some(
            (v) => v.artifact === a.name && v.predicateType === predicateType,
          ),
      )
      .map((a) => `${a.name} has no verified ${name} statement`);
    const problems = [...reasons, ...lacking];
    if (artifacts.length === 0) problems.push('the bundle lists no artifacts');
    return problems.length === 0
      ? {
          name,
          status: 'passed',
          details: `verified for ${artifacts.map((a) => a.name).join(', ')}`,
        }
      : { name, status: 'failed', details: truncate(problems.join('; ')) };
  };
  return [check('provenance', slsaProvenanceType), check('sbom', cycloneDxPredicateType)];
}

function truncate(text: string): string {
  return text.length <= 1000 ? text : `${text.slice(0, 999)}…`;
}
