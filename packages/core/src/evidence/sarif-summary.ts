import { SlipwayError } from '../errors/slipway-error.js';

/** Slipway's predicate for a SARIF scan, summarised; versioned so its fields can change. */
export const sarifSummaryPredicateType = 'https://slipway.dev/attestations/sarif-summary/v1';

export type SeverityBand = 'critical' | 'high' | 'medium' | 'low' | 'none';

export interface SarifSummaryPredicate {
  readonly tools: readonly { readonly name: string; readonly version: string | null }[];
  /** SARIF `level` counts (`error`, `warning`, `note`, `none`); results without one count as `warning`. */
  readonly byLevel: Readonly<Record<'error' | 'warning' | 'note' | 'none', number>>;
  /**
   * GitHub code scanning's bands of the rule's `security-severity` (CVSS-like 0–10):
   * critical ≥ 9.0, high ≥ 7.0, medium ≥ 4.0, low > 0; `none` without a score.
   */
  readonly bySeverity: Readonly<Record<SeverityBand, number>>;
  readonly total: number;
  readonly report: { readonly name: string; readonly sha256: string };
}

type Json = Record<string, unknown>;

/** Counts every result of every run; suppressed results (`suppressions` non-empty) are left out. */
export function sarifSummaryPredicate(
  sarif: unknown,
  report: SarifSummaryPredicate['report'],
): SarifSummaryPredicate {
  if (!isRecord(sarif) || !Array.isArray(sarif['runs'])) {
    throw new SlipwayError('USAGE', `${report.name} is not SARIF (no "runs" array)`, {
      subject: report.name,
    });
  }
  const byLevel = { error: 0, warning: 0, note: 0, none: 0 };
  const bySeverity: Record<SeverityBand, number> = {
    critical: 0,
    high: 0,
    medium: 0,
    low: 0,
    none: 0,
  };
  const tools: { name: string; version: string | null }[] = [];
  let total = 0;
  for (const run of sarif['runs'] as unknown[]) {
    if (!isRecord(run)) continue;
    const driver = record(record(run['tool'])['driver']);
    tools.push({
      name: typeof driver['name'] === 'string' ? driver['name'] : 'unknown',
      version:
        typeof driver['version'] === 'string'
          ? driver['version']
          : typeof driver['semanticVersion'] === 'string'
            ? driver['semanticVersion']
            : null,
    });
    const rules = Array.isArray(driver['rules']) ? (driver['rules'] as unknown[]).map(record) : [];
    for (const result of Array.isArray(run['results'])
      ? (run['results'] as unknown[]).map(record)
      : []) {
      if (Array.isArray(result['suppressions']) && result['suppressions'].length > 0) continue;
      const rule = findRule(rules, result);
      const level = result['level'] ?? record(rule['defaultConfiguration'])['level'] ?? 'warning';
      if (level === 'error' || level === 'warning' || level === 'note' || level === 'none')
        byLevel[level] += 1;
      else byLevel.warning += 1;
      bySeverity[
        band(
          record(rule['properties'])['security-severity'] ??
            record(result['properties'])['security-severity'],
        )
      ] += 1;
      total += 1;
    }
  }
  return { tools, byLevel, bySeverity, total, report };
}

function findRule(rules: readonly Json[], result: Json): Json {
  const index = record(result['rule'])['index'] ?? result['ruleIndex'];
  if (typeof index === 'number' && rules[index] !== undefined) return rules[index];
  const id = result['ruleId'] ?? record(result['rule'])['id'];
  return rules.find((rule) => rule['id'] === id) ?? {};
}

function band(score: unknown): SeverityBand {
  const value =
    typeof score === 'string'
      ? Number.parseFloat(score)
      : typeof score === 'number'
        ? score
        : Number.NaN;
  if (!Number.isFinite(value) || value <= 0) return 'none';
  if (value >= 9) return 'critical';
  if (value >= 7) return 'high';
  if (value >= 4) return 'medium';
  return 'low';
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function record(value: unknown): Json {
  return isRecord(value) ? value : {};
}
