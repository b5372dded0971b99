/** Why an attestation did not verify; one code per check so scripts and tests can tell them apart. */
export type VerificationFailureCode =
  | 'ENVELOPE_MALFORMED'
  | 'PAYLOAD_TYPE'
  | 'SIGNATURE'
  | 'PAYLOAD_MALFORMED'
  | 'STATEMENT_TYPE'
  | 'SUBJECT_DIGEST'
  | 'PREDICATE_TYPE'
  | 'BUILDER_ID'
  | 'SOURCE_REPOSITORY';

export interface VerificationFailure {
  readonly code: VerificationFailureCode;
  readonly message: string;
}

export interface StatementExpectations {
  /** The artifact's sha256; one subject must carry it. */
  readonly sha256: string;
  readonly predicateType: string;
  /** When given, `runDetails.builder.id` must equal it. */
  readonly builderId?: string;
  /** When given, `externalParameters.repository` must equal it. */
  readonly repository?: string;
}

/**
 * Checks a decoded statement against what the verifier expects. Returns every failure, not the
 * first, so one run tells the user all that is wrong.
 */
export function checkStatement(
  statement: unknown,
  expected: StatementExpectations,
): VerificationFailure[] {
  const failures: VerificationFailure[] = [];
  if (!isRecord(statement) || statement['_type'] !== 'https://in-toto.io/Statement/v1') {
    return [{ code: 'STATEMENT_TYPE', message: 'payload is not an in-toto Statement v1' }];
  }
  const subjects = Array.isArray(statement['subject']) ? (statement['subject'] as unknown[]) : [];
  const digests = subjects.map((s) =>
    isRecord(s) && isRecord(s['digest']) ? String(s['digest']['sha256']) : '',
  );
  if (!digests.includes(expected.sha256)) {
    failures.push({
      code: 'SUBJECT_DIGEST',
      message: `no subject has sha256 ${expected.sha256} (subjects: ${digests.join(', ') || 'none'})`,
    });
  }
  if (statement['predicateType'] !== expected.predicateType) {
    failures.push({
      code: 'PREDICATE_TYPE',
      message: `predicateType is ${String(statement['predicateType'])}, expected ${expected.predicateType}`,
    });
  }
  const predicate = isRecord(statement['predicate']) ? statement['predicate'] : {};
  if (expected.builderId !== undefined) {
    const builderId = path(predicate, ['runDetails', 'builder', 'id']);
    if (builderId !== expected.builderId) {
      failures.push({
        code: 'BUILDER_ID',
        message: `builder.id is ${String(builderId)}, expected ${expected.builderId}`,
      });
    }
  }
  if (expected.repository !== undefined) {
    const repository = path(predicate, ['buildDefinition', 'externalParameters', 'repository']);
    if (repository !== expected.repository) {
      failures.push({
        code: 'SOURCE_REPOSITORY',
        message: `source repository is ${String(repository)}, expected ${expected.repository}`,
      });
    }
  }
  return failures;
}

function path(value: unknown, keys: readonly string[]): unknown {
  let current = value;
  for (const key of keys) current = isRecord(current) ? current[key] : undefined;
  return current;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
