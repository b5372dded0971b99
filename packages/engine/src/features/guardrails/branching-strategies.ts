/** The branching strategies `slipway init` knows, with the configuration each one needs. */
export const branchingStrategyNames = [
  'trunk',
  'github-flow',
  'gitlab-flow',
  'git-flow',
  'release-branches',
] as const;

export type BranchingStrategyName = (typeof branchingStrategyNames)[number];

export interface BranchingStrategy {
  readonly name: BranchingStrategyName;
  readonly title: string;
  /** One line: how work reaches users. */
  readonly summary: string;
  /** The `slipway.toml` that fits the strategy, commented. */
  readonly config: string;
  /** What goes wrong with this strategy and what the configuration does about it. */
  readonly watchOuts: readonly string[];
}

const header = (title: string): string =>
  `# Slipway configuration for ${title}, written by \`slipway init\`.\n# Every key: docs/configuration.md. Guardrails: docs/guardrails.md.\n`;

export const branchingStrategies: Readonly<Record<BranchingStrategyName, BranchingStrategy>> = {
  trunk: {
    name: 'trunk',
    title: 'trunk-based development',
    summary: 'everyone integrates into main at least daily; main is always releasable',
    config: `${header('trunk-based development')}
[branches]
# Only main releases; pre-releases are not needed when main is always releasable.
release = ["main"]
channels = {}
maintenance = []

[check]
base = "main"
# Short-lived branches: the trunk-based guardrail.
max-branch-age-hours = 24
max-ahead = 10
max-behind = 20
`,
    watchOuts: [
      'Branches live a day or less: unfinished work is merged dark, behind a feature flag, not kept on a branch.',
      'A red main blocks everyone: revert first, fix after.',
      'Without maintenance branches, a fix for an old version ships as a new release from main (roll forward).',
    ],
  },
  'github-flow': {
    name: 'github-flow',
    title: 'GitHub Flow',
    summary: 'a pull request per change, reviewed and merged into main, which is deployed',
    config: `${header('GitHub Flow')}
[branches]
release = ["main"]
channels = {}
maintenance = []

[check]
base = "main"
# Pull requests are reviewed within days, not weeks.
max-branch-age-hours = 120
max-behind = 50
`,
    watchOuts: [
      'Every merge to main must be deployable: a pull request that is merged is a pull request that ships.',
      'Long-open pull requests drift from main and merge with surprises; keep them under a week.',
      'There is no place for hotfixes of old versions: roll forward from main.',
    ],
  },
  'gitlab-flow': {
    name: 'gitlab-flow',
    title: 'GitLab Flow with release branches',
    summary:
      'main plus stable release branches (1.2.x); fixes land upstream first, then are picked',
    config: `${header('GitLab Flow with release branches')}
[branches]
release = ["main"]
channels = {}
# Stable branches such as 1.x or 1.2.x make patch releases of their line.
maintenance = ["*.x", "*.*.x"]

[check]
base = "main"
max-branch-age-hours = 72
# Upstream first: a fix on a stable branch must also be on main (cherry-picks count).
release-branches = ["*.x", "*.*.x"]
release-window-days = 180
`,
    watchOuts: [
      'Upstream first: fix on main, then cherry-pick (git cherry-pick -x) to the stable branch; `slipway check` lists fixes that exist only on a stable branch.',
      'Environment branches (staging, production) rebuild per branch; Slipway instead builds once and promotes the same artifact, so use `slipway promote` rather than merging into environment branches.',
      'Every stable branch you keep is a line you must patch: retire them when their window ends.',
    ],
  },
  'git-flow': {
    name: 'git-flow',
    title: 'Git Flow',
    summary: 'develop integrates, release/* and hotfix/* branches stabilise, main holds releases',
    config: `${header('Git Flow')}
[branches]
release = ["main"]
# develop publishes beta builds; release branches publish release candidates.
channels = { develop = "beta", "release/*" = "rc" }
maintenance = []

[check]
# Feature branches start from and return to develop.
base = "develop"
max-branch-age-hours = 168
# Fixes made on release and hotfix branches must be merged back to develop.
release-branches = ["release/*", "hotfix/*"]
release-window-days = 14
`,
    watchOuts: [
      'develop and main diverge: every release and hotfix branch must be merged back into develop, or fixes regress; `slipway check` lists the ones that were not.',
      'Long-lived branches delay integration: Git Flow suits versioned products with scheduled releases, not services deployed continuously.',
      'Release candidates come from release/* branches: keep them short (the window here is 14 days).',
    ],
  },
  'release-branches': {
    name: 'release-branches',
    title: 'trunk with release branches',
    summary: 'main is the trunk; each release line is cut as release/N.x and gets only fixes',
    config: `${header('trunk-based development with release branches')}
[branches]
release = ["main"]
channels = {}
# release/1.x and release/1.2.x make patch releases of their line.
maintenance = ["release/*.x", "release/*.*.x"]

[check]
base = "main"
max-branch-age-hours = 48
max-behind = 50
release-branches = ["release/*"]
release-window-days = 90
`,
    watchOuts: [
      'Fix on main first and cherry-pick to the release branch (git cherry-pick -x): a fix made only on a release branch comes back as a regression in the next release.',
      'A release branch takes fixes, never features: a feature on it is a fork of the product.',
      'Close release branches when their window ends; `slipway check` reports those that outlive it.',
    ],
  },
};

export function isBranchingStrategyName(value: string): value is BranchingStrategyName {
  return (branchingStrategyNames as readonly string[]).includes(value);
}
