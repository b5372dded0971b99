import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Artifact, Deployment, EvidenceSource, ReleaseRecord } from '@slipway/engine';
import { changeRecordPredicateType, inTotoStatement } from '@slipway/core';
import { changeReviewersInBundle, exportEvidenceBundle } from '@slipway/engine';
import { tempDirForTest } from './evidence-test-dirs.js';

const image = `sha256:${'a'.repeat(64)}`;
const wheel = `sha256:${'b'.repeat(64)}`;
const commit = '0123456789abcdef0123456789abcdef01234567';

function artifact(digest: string, name: string, kind: string): Artifact {
  return {
    digest,
    name,
    kind,
    size: 1,
    version: '2.0.0',
    service: 'shop',
    sourceCommit: commit,
    stored: false,
    createdAt: '2026-11-01T00:00:00.000Z',
    createdBy: 'ci',
  } as Artifact;
}

/** A finished deployment of 2.0.0 as the store records it; only what the report reads matters. */
const recorded = { service: 'shop', releaseId: 'r2', version: '2.0.0', actor: 'ada' };
const outcome = { status: 'succeeded', action: 'deploy', strategy: 'all-at-once' };
const noWayBack = { rollbackTarget: null, rollbackCommand: null, sourceEnvironment: null };

function deployed(environment: string, digests: readonly string[], at: string): Deployment {
  const times = { createdAt: at, updatedAt: at, finishedAt: at };
  const where = { id: `d-${environment}`, environment, digests: [...digests] };
  return { ...recorded, ...outcome, ...noWayBack, ...times, ...where } as unknown as Deployment;
}

/** A release of an image and a wheel; dev got both, the docs host only the wheel. */
function source(): EvidenceSource {
  const artifacts = new Map([
    [image, artifact(image, 'registry.example/team/shop', 'oci-image')],
    [wheel, artifact(wheel, 'shop-2.0.0-py3-none-any.whl', 'wheel')],
  ]);
  const release: ReleaseRecord = {
    id: 'r2',
    service: 'shop',
    version: '2.0.0',
    tag: 'v2.0.0',
    commit,
    notes: null,
    artifacts: [image, wheel],
    components: [],
    rollForward: null,
    createdAt: '2026-11-01T00:00:00.000Z',
    createdBy: 'ci',
  };
  return {
    getRelease: () => Promise.resolve(release),
    getArtifact: (digest) => {
      const found = artifacts.get(digest);
      return found === undefined ? Promise.reject(new Error(digest)) : Promise.resolve(found);
    },
    history: () =>
      Promise.resolve([
        deployed('docs', [wheel], '2026-11-03T00:00:00.000Z'),
        deployed('dev', [image, wheel], '2026-11-02T00:00:00.000Z'),
      ]),
    listCheckResults: () => Promise.resolve([]),
  };
}

describe('evidence report: images', () => {
  it('shows the deployed image digest next to the version and the commit, in Markdown and HTML', async () => {
    const out = join(tempDirForTest('slipway-report-images-'), 'bundle');
    await exportEvidenceBundle({
      source: source(),
      service: 'shop',
      version: '2.0.0',
      outDir: out,
      attestationsDir: tempDirForTest('slipway-report-attestations-'),
    });
    const markdown = readFileSync(join(out, 'report.md'), 'utf8');
    const line = `- dev: version 2.0.0, commit \`0123456789ab\`, image \`registry.example/team/shop@${image}\``;
    expect(markdown).toContain(`\n\nImages deployed:\n\n${line}\n`);
    // The docs host got no image: it has no line.
    expect(markdown).not.toContain('- docs:');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<p>Images deployed:</p>');
    expect(html).toContain(
      `<li>dev: version 2.0.0, commit <code>0123456789ab</code>, image <code>registry.example/team/shop@${image}</code></li>`,
    );
  });
});

/** Exports the release as a `.tar` and reads the reviewers back from its bytes. */
async function reviewersOfExported(attestationsDir: string): Promise<string[]> {
  const tar = join(tempDirForTest('slipway-report-tar-'), 'evidence.tar');
  const manifest = await exportEvidenceBundle({
    source: source(),
    service: 'shop',
    version: '2.0.0',
    outDir: tar,
    attestationsDir,
  });
  return changeReviewersInBundle(readFileSync(tar), manifest);
}

describe('changeReviewersInBundle', () => {
  it('reads the reviewers of the change record a stored bundle carries', async () => {
    const attestations = tempDirForTest('slipway-report-attestations-');
    const subject = { name: 'shop-2.0.0-py3-none-any.whl', digest: { sha256: 'b'.repeat(64) } };
    const record = inTotoStatement([subject], changeRecordPredicateType, {
      service: 'shop',
      version: '2.0.0',
      previousVersion: '1.9.0',
      commits: [],
      pullRequests: ['#12'],
      issues: [],
      authors: ['Ada <ada@example.com>'],
      reviewers: ['Grace <grace@example.com>', 'github:bob'],
    });
    writeFileSync(
      join(attestations, `${subject.name}.intoto.jsonl`),
      `${JSON.stringify(record)}\n`,
    );
    expect(await reviewersOfExported(attestations)).toEqual([
      'Grace <grace@example.com>',
      'github:bob',
    ]);
  });

  it('is empty for a bundle without a change record', async () => {
    const empty = tempDirForTest('slipway-report-attestations-');
    expect(await reviewersOfExported(empty)).toEqual([]);
  });
});
