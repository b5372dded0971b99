import type { KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type {
  EvidenceItem,
  EvidenceItemKind,
  EvidenceManifest,
  InTotoStatement,
} from '@slipway/core';
import {
  SlipwayError,
  canonicalJson,
  checkResultsPredicate,
  checkResultsPredicateType,
  deploymentRecordPredicate,
  deploymentRecordPredicateType,
  evidenceBundleFormat,
  inTotoPayloadType,
  inTotoStatement,
  renderEvidenceHtml,
  renderEvidenceMarkdown,
} from '@slipway/core';
import { sha256Text } from '../render-sbom.js';
import { signDsse } from '../signing/dsse-signing.js';
import { buildEvidenceReport } from './build-evidence-report.js';
import type { EvidenceSource } from './evidence-source.js';
import { statementsIn } from './statement-payloads.js';
import type { TarEntry } from './tar-archive.js';
import { writeTar } from './tar-archive.js';

export interface ExportRequest {
  readonly source: EvidenceSource;
  readonly service: string;
  readonly version: string;
  /** A new or empty directory, or a new `.tar` file. */
  readonly outDir: string;
  /** Where `slipway attest` wrote `<artifact>.sigstore.json` and `.intoto.jsonl`. */
  readonly attestationsDir: string;
  /** Signs the deployment records; without it they are stored unsigned and marked so. */
  readonly privateKey?: KeyObject;
}

/**
 * Writes the release's evidence bundle: `manifest.json`, every item under `blobs/sha256/<hex>`,
 * and `report.md` / `report.html`. Items are the artifacts' attestations and one deployment
 * record per deployment of this version, so the bundle shows every environment it reached.
 */
export async function exportEvidenceBundle(request: ExportRequest): Promise<EvidenceManifest> {
  const release = await request.source.getRelease(request.service, request.version);
  const artifacts = await Promise.all(
    release.artifacts.map((digest) => request.source.getArtifact(digest)),
  );
  const deployments = (await request.source.history(request.service, { limit: 1000 }))
    .filter((deployment) => deployment.version === request.version)
    .reverse();
  if (
    existsSync(join(request.outDir, 'manifest.json')) ||
    (request.outDir.endsWith('.tar') && existsSync(request.outDir))
  ) {
    throw new SlipwayError('CONFLICT', `${request.outDir} already holds an evidence bundle`, {
      subject: request.outDir,
    });
  }
  const items: EvidenceItem[] = [];
  const blobs = new Map<string, string>();
  const add = (
    text: string,
    kind: EvidenceItemKind,
    artifact: string | null,
    environment: string | null,
    signed: boolean,
  ): void => {
    const sha256 = sha256Text(text);
    blobs.set(sha256, text);
    items.push({
      path: `blobs/sha256/${sha256}`,
      sha256,
      kind,
      artifact,
      environment,
      predicateTypes: statementsIn(text).map((s) => String(s['predicateType'])),
      signed,
    });
  };
  const missing: string[] = [];
  for (const artifact of artifacts) {
    for (const [suffix, kind] of [
      ['.sigstore.json', 'sigstore-bundle'],
      ['.intoto.jsonl', 'intoto-jsonl'],
    ] as const) {
      const path = join(request.attestationsDir, `${artifact.name}${suffix}`);
      if (existsSync(path)) add(readFileSync(path, 'utf8'), kind, artifact.name, null, true);
      else missing.push(`${artifact.name}${suffix} (not found in ${request.attestationsDir})`);
    }
  }
  const byDigest = new Map(artifacts.map((a) => [a.digest, a.name]));
  const imageNames = new Map(
    artifacts.filter((a) => a.kind === 'oci-image').map((a) => [a.digest, a.name]),
  );
  for (const deployment of deployments) {
    const subjects = deployment.digests.map((digest) => ({
      name: byDigest.get(digest) ?? digest,
      digest: { sha256: digest.replace(/^sha256:/, '') },
    }));
    const statement = inTotoStatement(subjects, deploymentRecordPredicateType, {
      ...deploymentRecordPredicate(deployment),
      // The image digest next to the version and the commit (issue 12).
      commit: release.commit,
      images: deployment.digests
        .filter((digest) => imageNames.has(digest))
        .map((digest) => ({ reference: `${imageNames.get(digest) ?? ''}@${digest}`, digest })),
    });
    add(
      signedOrPlain(statement, request.privateKey),
      'deployment-record',
      null,
      deployment.environment,
      request.privateKey !== undefined,
    );
  }
  const checks = await request.source.listCheckResults(request.service, request.version);
  if (checks.length > 0) {
    const subjects = artifacts.map((a) => ({
      name: a.name,
      digest: { sha256: a.digest.replace(/^sha256:/, '') },
    }));
    const statement = inTotoStatement(
      subjects,
      checkResultsPredicateType,
      checkResultsPredicate(release.service, release.version, checks),
    );
    add(
      signedOrPlain(statement, request.privateKey),
      'check-results',
      null,
      null,
      request.privateKey !== undefined,
    );
  }
  const manifest: EvidenceManifest = {
    format: evidenceBundleFormat,
    service: release.service,
    version: release.version,
    release: {
      tag: release.tag,
      commit: release.commit,
      createdAt: release.createdAt,
      createdBy: release.createdBy,
    },
    artifacts: artifacts.map((a) => ({ name: a.name, digest: a.digest })),
    items,
    missing,
  };
  const report = buildEvidenceReport(manifest, (item) => blobs.get(item.sha256) ?? '');
  const files: TarEntry[] = [
    ...[...blobs].map(([sha256, text]) => ({
      name: `blobs/sha256/${sha256}`,
      content: Buffer.from(text),
    })),
    { name: 'report.md', content: Buffer.from(renderEvidenceMarkdown(report)) },
    { name: 'report.html', content: Buffer.from(renderEvidenceHtml(report)) },
    // The manifest last: a bundle with a manifest is complete.
    { name: 'manifest.json', content: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
  ];
  if (request.outDir.endsWith('.tar')) {
    writeFileSync(request.outDir, writeTar(files), { flag: 'wx' });
  } else {
    for (const file of files) {
      mkdirSync(dirname(join(request.outDir, file.name)), { recursive: true });
      writeFileSync(join(request.outDir, file.name), file.content);
    }
  }
  return manifest;
}

/** A DSSE envelope line when there is a key; the bare statement (marked unsigned) otherwise. */
function signedOrPlain(statement: InTotoStatement, privateKey: KeyObject | undefined): string {
  const text = canonicalJson(statement);
  return privateKey === undefined
    ? `${text}\n`
    : `${JSON.stringify(signDsse(inTotoPayloadType, Buffer.from(text, 'utf8'), privateKey))}\n`;
}
