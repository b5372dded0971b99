import type { Description, ReleasedVersion, ScmState, VersionScheme } from '@slipway/core';
import {
  SlipwayError,
  checkDescribeOptions,
  describePretended,
  describeVersion,
  getVersionScheme,
  hasPretendVersion,
  readPretendVersion,
} from '@slipway/core';
import type { GitPort } from '../../adapters/git/git-port.js';
import type { LoadedConfig } from '../../config/index.js';
import { markReachable, readReleaseTags } from '../releases/read-releases.js';

export interface DescribeRequest {
  /** setuptools-scm version scheme; `guess-next-dev` by default. */
  readonly versionScheme?: string;
  /** setuptools-scm local scheme; `node-and-date` by default. */
  readonly localScheme?: string;
  /** How the version is written: `pep440` by default (setuptools-scm's output), or `semver`. */
  readonly scheme?: string;
}

export interface DescribeServiceDeps {
  readonly git: GitPort;
  readonly loadConfig: (dir: string) => Promise<LoadedConfig>;
  /** Where the pretend variables and SOURCE_DATE_EPOCH are read. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: () => Date;
  /** Where configuration is read when a version is pretended outside a repository. */
  readonly cwd: string;
}

export interface DescribeService {
  describe(request?: DescribeRequest): Promise<Description>;
}

export const describeDefaults = Object.freeze({
  versionScheme: 'guess-next-dev',
  localScheme: 'node-and-date',
  scheme: 'pep440',
});

/** setuptools-scm's clock: SOURCE_DATE_EPOCH (reproducible builds) when set, else now. */
export function buildTime(
  env: Readonly<Record<string, string | undefined>>,
  now: () => Date,
): Date {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch === undefined) return now();
  if (!/^\s*-?[0-9]+\s*$/.test(epoch)) {
    throw new SlipwayError('USAGE', `SOURCE_DATE_EPOCH "${epoch}" is not a number of seconds`, {
      subject: 'SOURCE_DATE_EPOCH',
    });
  }
  return new Date(Number(epoch) * 1000);
}

function highestReachable(
  releases: readonly ReleasedVersion[],
  scheme: VersionScheme,
): ReleasedVersion | null {
  let best: ReleasedVersion | null = null;
  for (const release of releases) {
    if (!release.reachable) continue;
    if (best === null || scheme.compare(release.version, best.version) > 0) best = release;
  }
  return best;
}

export function createDescribeService(deps: DescribeServiceDeps): DescribeService {
  const { git } = deps;

  async function pretended(request: DescribeRequest): Promise<Description | null> {
    if (!hasPretendVersion(deps.env)) return null;
    // Only the distribution name is needed; a pretended version works outside a repository too.
    const dir = await git.topLevel().catch(() => deps.cwd);
    const { config } = await deps.loadConfig(dir);
    const version = readPretendVersion(deps.env, config.name);
    return version === null ? null : describePretended(version, withDefaults(request));
  }

  return {
    async describe(request = {}) {
      const options = withDefaults(request);
      checkDescribeOptions(options);
      const pretend = await pretended(request);
      if (pretend !== null) return pretend;

      const tagsRead = git.tags();
      tagsRead.catch(() => undefined);
      const repository = await git.repository();
      const { topLevel, head } = repository;
      if (repository.shallow) {
        throw new SlipwayError(
          'GIT_SHALLOW',
          `${topLevel} is a shallow clone: the distance to the last release tag cannot be counted`,
          {
            subject: topLevel,
            hint: 'Fetch the full history and the tags: git fetch --unshallow --tags (GitHub Actions: actions/checkout with fetch-depth: 0)',
          },
        );
      }
      const dirtyRead = git.isDirty();
      dirtyRead.catch(() => undefined);
      const [{ config }, tags] = await Promise.all([deps.loadConfig(topLevel), tagsRead]);
      const time = buildTime(deps.env, deps.now);
      if (head.sha === null) {
        const state: ScmState = {
          tag: null,
          distance: 0,
          node: null,
          dirty: await dirtyRead,
          branch: head.branch,
          time,
        };
        return describeVersion(state, null, options);
      }
      const scheme = getVersionScheme(config.scheme);
      const releases = await markReachable(git, head.sha, readReleaseTags(config, tags), scheme, {
        exact: false,
        prerelease: true,
      });
      const tag = highestReachable(releases, scheme);
      // Without a tag setuptools-scm takes the first 7 characters; with one, git's abbreviation.
      const [distance, node, dirty] = await Promise.all([
        git.countCommits(head.sha, tag?.commit ?? null),
        tag === null ? Promise.resolve(head.sha.slice(0, 7)) : git.shortSha(head.sha),
        dirtyRead,
      ]);
      const state: ScmState = {
        tag: tag?.version ?? null,
        distance,
        node: `g${node}`,
        dirty,
        branch: head.branch,
        time,
      };
      return describeVersion(state, tag?.tag ?? null, options);
    },
  };
}

function withDefaults(request: DescribeRequest): Required<DescribeRequest> {
  return {
    versionScheme: request.versionScheme ?? describeDefaults.versionScheme,
    localScheme: request.localScheme ?? describeDefaults.localScheme,
    scheme: request.scheme ?? describeDefaults.scheme,
  };
}
