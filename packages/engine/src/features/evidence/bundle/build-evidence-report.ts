import type {
  EnvironmentEvidence,
  EvidenceItem,
  EvidenceManifest,
  EvidenceReport,
} from '@slipway/core';
import {
  changeRecordPredicateType,
  checkResultsPredicateType,
  deploymentRecordPredicateType,
  sarifSummaryPredicateType,
  slsaProvenanceType,
  testResultPredicateType,
} from '@slipway/core';
import { cycloneDxPredicateType } from '../attest-artifacts.js';
import { isRecord, statementsIn } from './statement-payloads.js';
import { readTar } from './tar-archive.js';

/** The report's facts, read from the items' statements (verification is a separate step). */
export function buildEvidenceReport(
  manifest: EvidenceManifest,
  textOf: (item: EvidenceItem) => string,
): EvidenceReport {
  const sbom: { artifact: string; components: number }[] = [];
  const provenance: { artifact: string; builderId: string; repository: string }[] = [];
  const tests: EvidenceReport['tests'][number][] = [];
  const scans: EvidenceReport['scans'][number][] = [];
  const environments: EnvironmentEvidence[] = [];
  let changes: EvidenceReport['changes'] = null;
  const latestCheck = new Map<string, EvidenceReport['checks'][number]>();
  for (const item of manifest.items) {
    if (item.kind === 'sigstore-bundle') continue;
    for (const statement of statementsIn(textOf(item))) {
      const predicate = isRecord(statement['predicate']) ? statement['predicate'] : {};
      switch (statement['predicateType']) {
        case cycloneDxPredicateType:
          sbom.push({
            artifact: item.artifact ?? '',
            components: Array.isArray(predicate['components']) ? predicate['components'].length : 0,
          });
          break;
        case slsaProvenanceType:
          provenance.push({
            artifact: item.artifact ?? '',
            builderId: String(dig(predicate, ['runDetails', 'builder', 'id'])),
            repository: String(
              dig(predicate, ['buildDefinition', 'externalParameters', 'repository']),
            ),
          });
          break;
        case testResultPredicateType:
          if (item.artifact === manifest.artifacts[0]?.name) {
            tests.push({
              result: String(predicate['result']),
              passed: length(predicate['passedTests']),
              warned: length(predicate['warnedTests']),
              failed: length(predicate['failedTests']),
            });
          }
          break;
        case sarifSummaryPredicateType:
          if (item.artifact === manifest.artifacts[0]?.name) {
            const tools = Array.isArray(predicate['tools']) ? predicate['tools'] : [];
            scans.push({
              tool: tools.map((t) => (isRecord(t) ? String(t['name']) : '')).join(', '),
              bySeverity: (isRecord(predicate['bySeverity'])
                ? predicate['bySeverity']
                : {}) as Record<string, number>,
            });
          }
          break;
        case changeRecordPredicateType: {
          const commits = Array.isArray(predicate['commits']) ? predicate['commits'] : [];
          changes = {
            commits: commits.map((c) => (isRecord(c) ? String(c['sha']).slice(0, 12) : '')),
            pullRequests: strings(predicate['pullRequests']),
            issues: strings(predicate['issues']),
            reviewers: strings(predicate['reviewers']),
          };
          break;
        }
        case deploymentRecordPredicateType: {
          const target = isRecord(predicate['rollbackTarget']) ? predicate['rollbackTarget'] : null;
          environments.push({
            environment: String(predicate['environment']),
            action: String(predicate['action']),
            actor: String(predicate['actor']),
            startedAt: String(predicate['startedAt']),
            finishedAt:
              typeof predicate['finishedAt'] === 'string' ? predicate['finishedAt'] : null,
            status: String(predicate['status']),
            rollbackTarget:
              target === null
                ? null
                : `${String(target['version'])} (${strings(target['digests']).join(', ')})`,
            rollbackCommand:
              typeof predicate['rollbackCommand'] === 'string'
                ? predicate['rollbackCommand']
                : null,
            version: typeof predicate['version'] === 'string' ? predicate['version'] : null,
            commit: typeof predicate['commit'] === 'string' ? predicate['commit'] : null,
            images: (Array.isArray(predicate['images']) ? predicate['images'] : []).flatMap(
              (image) =>
                isRecord(image) && typeof image['reference'] === 'string'
                  ? [image['reference']]
                  : [],
            ),
          });
          break;
        }
        case checkResultsPredicateType:
          for (const result of Array.isArray(predicate['results']) ? predicate['results'] : []) {
            if (!isRecord(result)) continue;
            // Results are sorted oldest first per name: the last one seen is in force.
            latestCheck.set(String(result['name']), {
              name: String(result['name']),
              status: String(result['status']),
              recordedBy: String(result['recordedBy']),
              recordedAt: String(result['recordedAt']),
              details: typeof result['details'] === 'string' ? result['details'] : null,
            });
          }
          break;
        default:
          break;
      }
    }
  }
  const checks = [...latestCheck.values()];
  return { manifest, sbom, provenance, changes, tests, scans, environments, checks };
}

/**
 * The reviewers the change record of a bundle's tar names (`github:login` for the forge's
 * approving reviewers, `Name <email>` for `Reviewed-by:` trailers); empty without a change
 * record. What a change request shows of a release whose evidence the server stores.
 */
export function changeReviewersInBundle(tar: Buffer, manifest: EvidenceManifest): string[] {
  const texts = new Map(
    readTar(tar, `evidence of ${manifest.service} ${manifest.version}`).map((entry) => [
      entry.name,
      entry.content.toString('utf8'),
    ]),
  );
  const report = buildEvidenceReport(manifest, (item) => texts.get(item.path) ?? '');
  return report.changes === null ? [] : [...report.changes.reviewers];
}

function dig(value: unknown, keys: readonly string[]): unknown {
  let current = value;
  for (const key of keys) current = isRecord(current) ? current[key] : undefined;
  return current;
}

function length(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
