import type { ParsedCommit, PlanInput, ReleasedVersion, VersionScheme } from '../../src/index.js';
import { defaultPlanningConfig, parseCommit, parseVersion, semverScheme } from '../../src/index.js';

let counter = 0;

/** A parsed commit from a message, with a fresh fake SHA. Newest-first lists mirror git. */
export function commit(message: string, sha?: string): ParsedCommit {
  counter += 1;
  const id = sha ?? counter.toString(16).padStart(40, 'a');
  return parseCommit({
    sha: id,
    parents: [],
    authorName: 'Ada',
    authorEmail: 'ada@example.com',
    authorTime: 1_700_000_000 + counter,
    committerTime: 1_700_000_000 + counter,
    message,
  });
}

export function released(
  version: string,
  options: { reachable?: boolean; scheme?: VersionScheme; tag?: string } = {},
): ReleasedVersion {
  const scheme = options.scheme ?? semverScheme;
  return {
    version: parseVersion(scheme, version),
    tag: options.tag ?? `v${version}`,
    commit: `commit-of-${version}`,
    reachable: options.reachable ?? true,
  };
}

export function planInput(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    name: 'demo',
    scheme: semverScheme,
    tagFormat: 'v{version}',
    config: defaultPlanningConfig,
    base: null,
    commits: [],
    prerelease: null,
    releases: [],
    maintenance: null,
    ...overrides,
  };
}

/** Base and releases together, as the engine gives them. */
export function from(version: string, others: ReleasedVersion[] = []): Partial<PlanInput> {
  const base = released(version);
  return { base, releases: [base, ...others] };
}
