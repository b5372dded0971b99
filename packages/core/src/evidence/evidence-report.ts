import type { EvidenceManifest } from './evidence-manifest.js';

/** What the report says about one environment the release reached. */
export interface EnvironmentEvidence {
  readonly environment: string;
  readonly action: string;
  readonly actor: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly status: string;
  readonly rollbackTarget: string | null;
  readonly rollbackCommand: string | null;
  /** The version deployed and the commit it was built from, when the record names them. */
  readonly version: string | null;
  readonly commit: string | null;
  /** The deployed images as `name@sha256:…`; empty when no image was deployed. */
  readonly images: readonly string[];
}

/** The release's evidence, gathered from the bundle's statements, for people to read. */
export interface EvidenceReport {
  readonly manifest: EvidenceManifest;
  readonly sbom: readonly { readonly artifact: string; readonly components: number }[];
  readonly provenance: readonly {
    readonly artifact: string;
    readonly builderId: string;
    readonly repository: string;
  }[];
  readonly changes: {
    readonly commits: readonly string[];
    readonly pullRequests: readonly string[];
    readonly issues: readonly string[];
    readonly reviewers: readonly string[];
  } | null;
  readonly tests: readonly {
    readonly result: string;
    readonly passed: number;
    readonly warned: number;
    readonly failed: number;
  }[];
  readonly scans: readonly {
    readonly tool: string;
    readonly bySeverity: Readonly<Record<string, number>>;
  }[];
  readonly environments: readonly EnvironmentEvidence[];
  /** Check results in force (the newest per name), as policies read them. */
  readonly checks: readonly {
    readonly name: string;
    readonly status: string;
    readonly recordedBy: string;
    readonly recordedAt: string;
    readonly details: string | null;
  }[];
}

const none = '—';

/** Every item of the release evidence checklist, one section each; absent items say so. */
export function renderEvidenceMarkdown(report: EvidenceReport): string {
  const { manifest } = report;
  const lines = [
    `# Release evidence: ${manifest.service} ${manifest.version}`,
    '',
    `- Tag: ${manifest.release.tag ?? none}`,
    `- Commit: ${manifest.release.commit ?? none}`,
    `- Released: ${manifest.release.createdAt} by ${manifest.release.createdBy}`,
    '',
    '## Artifacts',
    '',
    '| artifact | sha256 | SBOM components | provenance builder | source |',
    '|---|---|---|---|---|',
    ...manifest.artifacts.map((artifact) => {
      const sbom = report.sbom.find((s) => s.artifact === artifact.name);
      const provenance = report.provenance.find((p) => p.artifact === artifact.name);
      return `| ${cell(artifact.name)} | \`${artifact.digest}\` | ${sbom?.components ?? 'missing'} | ${cell(provenance?.builderId ?? 'missing')} | ${cell(provenance?.repository ?? none)} |`;
    }),
    '',
    '## Changes',
    '',
    ...(report.changes === null
      ? ['No change record.']
      : [
          `- Commits: ${report.changes.commits.length === 0 ? none : report.changes.commits.join(', ')}`,
          `- Pull requests: ${list(report.changes.pullRequests)}`,
          `- Issues: ${list(report.changes.issues)}`,
          `- Reviewers: ${list(report.changes.reviewers)}`,
        ]),
    '',
    '## Tests and scans',
    '',
    ...(report.tests.length === 0
      ? ['No test results.']
      : report.tests.map(
          (t) =>
            `- Tests: ${t.result} (${t.passed} passed, ${t.warned} skipped, ${t.failed} failed)`,
        )),
    ...(report.scans.length === 0
      ? ['No scan results.']
      : report.scans.map(
          (s) =>
            `- ${s.tool}: ${Object.entries(s.bySeverity)
              .map(([band, count]) => `${count} ${band}`)
              .join(', ')}`,
        )),
    ...(report.checks.length === 0
      ? ['- Policy checks: none recorded.']
      : report.checks.map(
          (c) =>
            `- Check ${c.name}: ${c.status} (${c.recordedBy}, ${c.recordedAt})${c.details === null ? '' : `: ${c.details}`}`,
        )),
    '',
    '## Environments',
    '',
    ...(report.environments.length === 0
      ? ['The release has not been deployed.']
      : [
          '| environment | action | actor | started | finished | status | rollback target | rollback command |',
          '|---|---|---|---|---|---|---|---|',
          ...report.environments.map(
            (e) =>
              `| ${cell(e.environment)} | ${e.action} | ${cell(e.actor)} | ${e.startedAt} | ${e.finishedAt ?? none} | ${e.status} | ${cell(e.rollbackTarget ?? none)} | ${e.rollbackCommand === null ? none : `\`${cell(e.rollbackCommand)}\``} |`,
          ),
        ]),
    ...imageLines(report.environments),
    '',
    ...(manifest.missing.length === 0
      ? []
      : ['## Missing', '', ...manifest.missing.map((m) => `- ${m}`), '']),
  ];
  return `${lines.join('\n')}\n`;
}

/** Per environment, the image digests deployed next to the version and the commit. */
function imageLines(environments: readonly EnvironmentEvidence[]): string[] {
  const withImages = environments.filter((e) => e.images.length > 0);
  if (withImages.length === 0) return [];
  return [
    '',
    'Images deployed:',
    '',
    ...withImages.map(
      (e) =>
        `- ${e.environment}: version ${e.version ?? none}, commit ${e.commit === null ? none : `\`${e.commit.slice(0, 12)}\``}, ${e.images.map((image) => `image \`${image}\``).join(', ')}`,
    ),
  ];
}

/** The same content as HTML, every text escaped; no scripts, no external resources. */
export function renderEvidenceHtml(report: EvidenceReport): string {
  const markdown = renderEvidenceMarkdown(report);
  const body: string[] = [];
  let inTable = false;
  let inList = false;
  const close = (): void => {
    if (inTable) body.push('</table>');
    if (inList) body.push('</ul>');
    inTable = false;
    inList = false;
  };
  for (const line of markdown.split('\n')) {
    if (line.startsWith('|')) {
      if (/^\|(-+\|)+$/.test(line)) continue;
      if (!inTable) {
        close();
        body.push('<table>');
        inTable = true;
      }
      const cells = line
        .slice(1, -1)
        .split(' | ')
        .map((c) => inline(c.trim()));
      body.push(`<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`);
    } else if (line.startsWith('- ')) {
      if (!inList) {
        close();
        body.push('<ul>');
        inList = true;
      }
      body.push(`<li>${inline(line.slice(2))}</li>`);
    } else {
      close();
      if (line.startsWith('## ')) body.push(`<h2>${inline(line.slice(3))}</h2>`);
      else if (line.startsWith('# ')) body.push(`<h1>${inline(line.slice(2))}</h1>`);
      else if (line !== '') body.push(`<p>${inline(line)}</p>`);
    }
  }
  close();
  const title = escapeHtml(
    `Release evidence: ${report.manifest.service} ${report.manifest.version}`,
  );
  return `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${title}</title></head>\n<body>\n${body.join('\n')}\n</body>\n</html>\n`;
}

function inline(text: string): string {
  return escapeHtml(text.replace(/\\\|/g, '|')).replace(/`([^`]*)`/g, '<code>$1</code>');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function list(values: readonly string[]): string {
  return values.length === 0 ? none : values.join(', ');
}
