/** OpenVEX v0.2.0 (https://github.com/openvex/spec), carried whole as an in-toto predicate. */
export const openVexPredicateType = 'https://openvex.dev/ns/v0.2.0';

const statuses = new Set(['not_affected', 'affected', 'fixed', 'under_investigation']);

/**
 * The spec's MUSTs Slipway relies on: the context, an id, an author, a timestamp, and statements
 * with a vulnerability and a known status; `not_affected` needs a justification or an impact
 * statement, `affected` an action statement. Returns every problem, empty when valid.
 */
export function openVexProblems(document: unknown): string[] {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return ['an OpenVEX document is a JSON object'];
  }
  const doc = document as Record<string, unknown>;
  const problems: string[] = [];
  if (
    typeof doc['@context'] !== 'string' ||
    !doc['@context'].startsWith('https://openvex.dev/ns')
  ) {
    problems.push('@context must be https://openvex.dev/ns/v0.2.0');
  }
  for (const field of ['@id', 'author', 'timestamp'] as const) {
    if (typeof doc[field] !== 'string' || doc[field] === '') problems.push(`${field} is required`);
  }
  if (!Array.isArray(doc['statements'])) return [...problems, 'statements must be an array'];
  (doc['statements'] as unknown[]).forEach((statement, index) => {
    const s = (typeof statement === 'object' && statement !== null ? statement : {}) as Record<
      string,
      unknown
    >;
    const at = `statements[${index}]`;
    const vulnerability = s['vulnerability'];
    const named =
      typeof vulnerability === 'object' &&
      vulnerability !== null &&
      typeof (vulnerability as Record<string, unknown>)['name'] === 'string';
    if (!named) problems.push(`${at}.vulnerability.name is required`);
    const status = s['status'];
    if (typeof status !== 'string' || !statuses.has(status)) {
      problems.push(`${at}.status ${String(status)} is not one of ${[...statuses].join(', ')}`);
    }
    if (
      status === 'not_affected' &&
      s['justification'] === undefined &&
      s['impact_statement'] === undefined
    ) {
      problems.push(`${at}: not_affected needs a justification or an impact_statement`);
    }
    if (status === 'affected' && s['action_statement'] === undefined) {
      problems.push(`${at}: affected needs an action_statement`);
    }
  });
  return problems;
}
