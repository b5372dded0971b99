/** in-toto Statement v1 (https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md). */
export const inTotoStatementType = 'https://in-toto.io/Statement/v1';

export interface StatementSubject {
  readonly name: string;
  readonly digest: { readonly sha256: string };
}

export interface InTotoStatement<P = unknown> {
  readonly _type: typeof inTotoStatementType;
  readonly subject: readonly StatementSubject[];
  readonly predicateType: string;
  readonly predicate: P;
}

/** Subjects sorted by name then digest, so the statement's bytes do not depend on argument order. */
export function inTotoStatement<P>(
  subjects: readonly StatementSubject[],
  predicateType: string,
  predicate: P,
): InTotoStatement<P> {
  const sorted = [...subjects].sort((a, b) =>
    a.name === b.name ? (a.digest.sha256 < b.digest.sha256 ? -1 : 1) : a.name < b.name ? -1 : 1,
  );
  return {
    _type: inTotoStatementType,
    subject: sorted.map((s) => ({ name: s.name, digest: { sha256: s.digest.sha256 } })),
    predicateType,
    predicate,
  };
}
