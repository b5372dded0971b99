/** SLSA provenance v1 (https://slsa.dev/spec/v1.0/provenance). */
export const slsaProvenanceType = 'https://slsa.dev/provenance/v1';

/**
 * Versioned: a verifier that reads `externalParameters` must know which shape it reads. Bump the
 * trailing version whenever a field of `externalParameters` changes meaning.
 */
export const slipwayBuildType = 'https://slipway.dev/build-types/python-or-npm/v1';

export interface ResourceDescriptor {
  readonly uri: string;
  readonly digest: Readonly<Record<string, string>>;
}

export interface SlsaProvenancePredicate {
  readonly buildDefinition: {
    readonly buildType: string;
    readonly externalParameters: {
      readonly repository: string;
      readonly ref: string;
      /** Files the build read whose content decides the output (lock files), by path. */
      readonly inputs: readonly { readonly path: string; readonly sha256: string }[];
    };
    readonly internalParameters: { readonly ci: string };
    readonly resolvedDependencies: readonly ResourceDescriptor[];
  };
  readonly runDetails: {
    readonly builder: { readonly id: string };
    readonly metadata: {
      readonly invocationId: string;
      readonly startedOn: string;
      readonly finishedOn: string;
    };
  };
}

export interface ProvenanceFacts {
  /** Canonical repository URL (`https://github.com/o/r`), or the local path for uncommitted work. */
  readonly repository: string;
  /** The ref built (`refs/heads/main`, `refs/tags/v1.2.0`). */
  readonly ref: string;
  readonly commit: string;
  readonly inputs: readonly { readonly path: string; readonly sha256: string }[];
  /** Name of the detected CI (`github-actions`, `local`…). */
  readonly ci: string;
  readonly builderId: string;
  readonly invocationId: string;
  readonly startedOn: string;
  readonly finishedOn: string;
}

export function slsaProvenancePredicate(facts: ProvenanceFacts): SlsaProvenancePredicate {
  return {
    buildDefinition: {
      buildType: slipwayBuildType,
      externalParameters: {
        repository: facts.repository,
        ref: facts.ref,
        inputs: [...facts.inputs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
      },
      internalParameters: { ci: facts.ci },
      resolvedDependencies: [
        { uri: `git+${facts.repository}@${facts.ref}`, digest: { gitCommit: facts.commit } },
      ],
    },
    runDetails: {
      builder: { id: facts.builderId },
      metadata: {
        invocationId: facts.invocationId,
        startedOn: facts.startedOn,
        finishedOn: facts.finishedOn,
      },
    },
  };
}
