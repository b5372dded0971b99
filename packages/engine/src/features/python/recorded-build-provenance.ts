import type { InTotoStatement, SlsaProvenancePredicate } from '@slipway/core';
import { buildRecordFileName, readBuildRecordFor } from './build-record.js';

/**
 * SLSA provenance with what `slipway build` recorded for these artifacts, when it did: the
 * frontend, backend, interpreter, isolation and SOURCE_DATE_EPOCH go into
 * `internalParameters.build`, the build's own start and finish times into the run's metadata,
 * and the record itself (by digest) into `byproducts`. A record of another commit is ignored.
 */
export async function withRecordedBuild(
  statement: InTotoStatement<SlsaProvenancePredicate>,
  artifacts: readonly { readonly path: string; readonly sha256: string }[],
): Promise<InTotoStatement<SlsaProvenancePredicate>> {
  const found = await readBuildRecordFor(artifacts);
  if (found === null) return statement;
  const { record, sha256 } = found;
  const { buildDefinition, runDetails } = statement.predicate;
  const commits = buildDefinition.resolvedDependencies.map(
    (dependency) => dependency.digest['gitCommit'],
  );
  if (record.commit !== null && !commits.includes(record.commit)) return statement;
  const predicate = {
    buildDefinition: {
      ...buildDefinition,
      internalParameters: {
        ...buildDefinition.internalParameters,
        build: {
          buildType: record.buildType,
          builder: record.builder,
          frontend: record.frontend,
          backend: record.backend,
          interpreter: record.interpreter,
          isolated: record.isolated,
          sourceDateEpoch: record.sourceDateEpoch,
        },
      },
    },
    runDetails: {
      ...runDetails,
      metadata: {
        ...runDetails.metadata,
        startedOn: record.startedOn,
        finishedOn: record.finishedOn,
      },
      byproducts: [
        { name: buildRecordFileName, digest: { sha256 }, mediaType: 'application/json' },
      ],
    },
  };
  return { ...statement, predicate };
}
