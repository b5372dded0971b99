/** The rules `slipway check` applies; each finding names the one that produced it. */
export const guardrailRules = [
  'conventional',
  'signed',
  'branch-age',
  'branch-divergence',
  'together',
  'release-fixes',
  'release-age',
] as const;

export type GuardrailRule = (typeof guardrailRules)[number];

export type FindingSeverity = 'error' | 'warning';

/** One broken rule, about a commit, a file or a branch (whichever applies). */
export interface GuardrailFinding {
  readonly rule: GuardrailRule;
  readonly severity: FindingSeverity;
  readonly message: string;
  /** Full SHA of the commit the finding is about, or null. */
  readonly commit: string | null;
  /** Repository-relative path the finding is about, or null. */
  readonly file: string | null;
  /** The branch the finding is about (release branches), or null. */
  readonly branch: string | null;
}

/** What `slipway check` found: every finding, and whether any is an error. */
export interface GuardrailReport {
  /** Base and head of the checked range, as given. */
  readonly base: string;
  readonly head: string;
  /** Commits the range holds (merges included). */
  readonly commits: number;
  /** The rules that ran, in order. */
  readonly rules: readonly GuardrailRule[];
  readonly findings: readonly GuardrailFinding[];
  /** True when no finding is an error. */
  readonly passed: boolean;
}

/** A finding before its severity is decided by configuration. */
export type RuleFinding = Omit<GuardrailFinding, 'severity' | 'commit' | 'file' | 'branch'> &
  Partial<Pick<GuardrailFinding, 'commit' | 'file' | 'branch'>>;

/** Fills the optional parts and applies the configured severity (`warn` lists rules that only warn). */
export function withSeverity(
  findings: readonly RuleFinding[],
  warn: ReadonlySet<GuardrailRule>,
): GuardrailFinding[] {
  return findings.map((finding) => ({
    rule: finding.rule,
    severity: warn.has(finding.rule) ? 'warning' : 'error',
    message: finding.message,
    commit: finding.commit ?? null,
    file: finding.file ?? null,
    branch: finding.branch ?? null,
  }));
}
