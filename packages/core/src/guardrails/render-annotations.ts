import type { GuardrailFinding, GuardrailReport } from './guardrail-types.js';

// Workflow commands: the message escapes %, CR and LF; properties also ':' and ','.
function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** GitHub Actions workflow commands (`::error file=…,title=…::message`), one line per finding. */
export function renderGithubAnnotations(report: GuardrailReport): string {
  return report.findings
    .map((finding) => {
      const properties = [
        ...(finding.file === null ? [] : [`file=${escapeProperty(finding.file)}`]),
        `title=${escapeProperty(`slipway check: ${finding.rule}`)}`,
      ];
      return `::${finding.severity} ${properties.join(',')}::${escapeData(finding.message)}\n`;
    })
    .join('');
}

/** One issue of GitLab's code quality report (a subset of the Code Climate format). */
export interface CodeQualityIssue {
  readonly description: string;
  readonly check_name: string;
  readonly fingerprint: string;
  readonly severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  readonly location: { readonly path: string; readonly lines: { readonly begin: number } };
}

/** GitLab's code quality report (`artifacts: reports: codequality`), as a JSON array. */
export function gitlabCodeQuality(report: GuardrailReport): CodeQualityIssue[] {
  return report.findings.map((finding) => ({
    description: finding.message,
    check_name: `slipway-${finding.rule}`,
    fingerprint: fingerprint(finding),
    severity: finding.severity === 'error' ? 'major' : 'minor',
    // Findings about a commit or a branch have no file; GitLab needs a path, the repository root.
    location: { path: finding.file ?? '.', lines: { begin: 1 } },
  }));
}

// Stable across runs, so GitLab can tell new findings from old ones: a 64-bit FNV-1a of the
// finding's identity (no crypto module in core, and collisions only merge two report lines).
function fingerprint(finding: GuardrailFinding): string {
  const text = [finding.rule, finding.commit, finding.file, finding.branch, finding.message].join(
    '\0',
  );
  let hash = 0xcbf29ce484222325n;
  for (let index = 0; index < text.length; index++) {
    hash ^= BigInt(text.charCodeAt(index));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}
