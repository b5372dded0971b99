import type { KeyObject } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { DsseEnvelope, InTotoStatement, StatementSubject } from '@slipway/core';
import { canonicalJson, inTotoPayloadType, inTotoStatement, isoSeconds } from '@slipway/core';
import { buildProvenance } from './build-provenance.js';
import { changeRecordStatement } from './change-record-statement.js';
import type { EnrichedChangeRecord } from '../ci/forge-enrichment/change-record-enrichment.js';
import { enrichChangeRecordStatement } from '../ci/forge-enrichment/change-record-enrichment.js';
import type { ResultFiles } from './result-statements.js';
import { resultStatements } from './result-statements.js';
import { detectCi } from './ci-environment.js';
import { sha256File } from './file-digest.js';
import { readGitFacts, sourceDateEpoch } from './git-facts.js';
import { readProjectSbom } from './read-project-sbom.js';
import { renderSbom } from './render-sbom.js';
import { signDsse } from './signing/dsse-signing.js';
import { toSigstoreBundle } from './signing/sigstore-bundle.js';
import { withRecordedBuild } from '../python/recorded-build-provenance.js';

/** CycloneDX's registered in-toto predicate type. */
export const cycloneDxPredicateType = 'https://cyclonedx.org/bom';

export interface AttestRequest {
  /** Artifact files, relative to `cwd` or absolute. */
  readonly artifacts: readonly string[];
  /** The project directory: its git repository and lock files. */
  readonly cwd: string;
  readonly privateKey: KeyObject;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where to write; next to each artifact when absent. */
  readonly outDir?: string;
  readonly toolVersion: string;
  /** Wall clock for start and finish times; injected so tests get identical bytes. */
  readonly clock?: () => Date;
  /** Test, scan and VEX reports to sign into every artifact's `.intoto.jsonl`. */
  readonly results?: ResultFiles;
  /**
   * Adds a change record of the commits after this ref (the previous release's tag) up to HEAD,
   * for the project's name and version.
   */
  readonly changesSince?: string;
}

export interface AttestedArtifact {
  readonly path: string;
  readonly sha256: string;
  readonly bundlePath: string;
  readonly intotoPath: string;
}

/**
 * Signs, for the given artifacts, one SLSA provenance statement naming them all and one
 * CycloneDX SBOM statement each, and writes `<artifact>.sigstore.json` (the provenance, as a
 * Sigstore bundle) and `<artifact>.intoto.jsonl` (every envelope for that artifact, one a line).
 */
export async function attestArtifacts(request: AttestRequest): Promise<AttestedArtifact[]> {
  const clock = request.clock ?? (() => new Date());
  const startedOn = clock().toISOString();
  const paths = request.artifacts.map((artifact) => resolve(request.cwd, artifact));
  const artifacts: { path: string; subject: StatementSubject }[] = [];
  for (const path of paths) {
    const sha256 = await sha256File(path);
    artifacts.push({ path, subject: { name: basename(path), digest: { sha256 } } });
  }
  const subjects = artifacts.map((artifact) => artifact.subject);
  const git = readGitFacts(request.cwd);
  const timestamp = isoSeconds(sourceDateEpoch(request.env, git));
  const projects = artifacts.map(({ path, subject }) => ({
    path,
    subject,
    project: readProjectSbom(request.cwd, {
      artifact: { fileName: subject.name, sha256: subject.digest.sha256 },
      timestamp,
      toolVersion: request.toolVersion,
    }),
  }));
  const provenance = buildProvenance({
    subjects,
    ci: detectCi(request.env),
    git,
    inputs: projects[0]?.project.inputs ?? [],
    startedOn,
    finishedOn: clock().toISOString(),
  });
  // What `slipway build` recorded for these artifacts (.slipway-build.json), when it did.
  const built = await withRecordedBuild(
    provenance,
    artifacts.map(({ path, subject }) => ({ path, sha256: subject.digest.sha256 })),
  );
  const sign = (statement: InTotoStatement): DsseEnvelope =>
    signDsse(inTotoPayloadType, Buffer.from(canonicalJson(statement), 'utf8'), request.privateKey);
  const provenanceEnvelope = sign(built);
  const subjectProject = projects[0]?.project.sbom.subject;
  const extraStatements = [
    ...resultStatements(request.results ?? {}, subjects),
    ...(request.changesSince === undefined
      ? []
      : [
          await forgeChangeRecord(
            changeRecordStatement(
              {
                cwd: request.cwd,
                service: subjectProject?.name ?? 'unknown',
                version: subjectProject?.version ?? 'unknown',
                since: request.changesSince,
                previousVersion: request.changesSince,
              },
              subjects,
            ),
            request,
          ),
        ]),
  ];
  const extra = extraStatements.map(sign);
  return projects.map(({ path, subject, project }) => {
    const sbomStatement = inTotoStatement(
      [subject],
      cycloneDxPredicateType,
      JSON.parse(renderSbom(project.sbom, 'cyclonedx')) as unknown,
    );
    const dir = request.outDir === undefined ? dirname(path) : resolve(request.cwd, request.outDir);
    mkdirSync(dir, { recursive: true });
    const bundlePath = join(dir, `${subject.name}.sigstore.json`);
    const intotoPath = join(dir, `${subject.name}.intoto.jsonl`);
    writeFileSync(bundlePath, `${JSON.stringify(toSigstoreBundle(provenanceEnvelope), null, 2)}\n`);
    const lines = [provenanceEnvelope, sign(sbomStatement), ...extra].map((e) => JSON.stringify(e));
    writeFileSync(intotoPath, `${lines.join('\n')}\n`);
    return { path, sha256: subject.digest.sha256, bundlePath, intotoPath };
  });
}

/**
 * The change record with the forge's pull requests and reviewers when a forge token is set.
 * Offline (no token, no forge remote) the statement stays exactly as git alone makes it.
 */
async function forgeChangeRecord(
  statement: InTotoStatement,
  request: AttestRequest,
): Promise<InTotoStatement> {
  const enriched = await enrichChangeRecordStatement(statement, {
    cwd: request.cwd,
    env: request.env,
  });
  return (enriched.predicate as EnrichedChangeRecord).forge.kind === null ? statement : enriched;
}
