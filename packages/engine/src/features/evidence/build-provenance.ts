import type { InTotoStatement, SlsaProvenancePredicate, StatementSubject } from '@slipway/core';
import {
  SlipwayError,
  inTotoStatement,
  slsaProvenancePredicate,
  slsaProvenanceType,
} from '@slipway/core';
import { sha256Text } from './render-sbom.js';
import type { CiEnvironment } from './ci-environment.js';
import { canonicalRepositoryUrl } from './git-facts.js';
import type { GitFacts } from './git-facts.js';

export interface ProvenanceRequest {
  readonly subjects: readonly StatementSubject[];
  readonly ci: CiEnvironment;
  /** The work tree's repository; the CI's own variables take precedence where it sets them. */
  readonly git: GitFacts | null;
  readonly inputs: readonly { readonly path: string; readonly sha256: string }[];
  readonly startedOn: string;
  readonly finishedOn: string;
}

/**
 * An in-toto statement carrying SLSA provenance v1. Without a CI run id (a local build) the
 * invocation id is derived from the commit, subjects and start time, so it is stable for one
 * run's inputs and different for the next run.
 */
export function buildProvenance(
  request: ProvenanceRequest,
): InTotoStatement<SlsaProvenancePredicate> {
  const { ci, git } = request;
  const commit = ci.commit ?? git?.commit;
  if (commit === undefined) {
    throw new SlipwayError(
      'USAGE',
      'provenance needs the source commit: not a git repository and no CI commit variable',
      {
        hint: "run slipway attest inside the project's git repository",
      },
    );
  }
  const repositoryText = ci.repository ?? git?.repository ?? null;
  // Without a remote, the work tree itself is the source: say so rather than invent a URL.
  const repository =
    repositoryText === null ? (git?.localUrl ?? 'unknown') : canonicalRepositoryUrl(repositoryText);
  const ref = ci.ref ?? git?.ref ?? commit;
  const invocationId =
    ci.invocationId ??
    `urn:slipway:local:${sha256Text([commit, request.startedOn, ...request.subjects.map((s) => s.digest.sha256)].join('\n')).slice(0, 32)}`;
  const predicate = slsaProvenancePredicate({
    repository,
    ref,
    commit,
    inputs: request.inputs,
    ci: ci.name,
    builderId: ci.builderId,
    invocationId,
    startedOn: request.startedOn,
    finishedOn: request.finishedOn,
  });
  return inTotoStatement(request.subjects, slsaProvenanceType, predicate);
}
