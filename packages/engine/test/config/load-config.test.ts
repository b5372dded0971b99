import { basename } from 'node:path';
import { join } from 'node:path';
import { defaultNotesConfig } from '@slipway/core';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CHECK_TYPES,
  defaultConfig,
  loadConfig,
  type SlipwayConfig,
} from '../../src/config/index.js';
import { configDir } from './config-test-dir.js';

/** Every key, in slipway.toml form (top-level keys). */
const EVERY_KEY = `
name = "mypkg"
scheme = "semver"
tag-format = "{name}@{version}"
first-release = "1.0.0"
first-parent = true
issue-patterns = ["[A-Z][A-Z0-9]+-\\\\d+"]
version-files = ["src/mypkg/__init__.py", { path = "docs/conf.py", pattern = "release = '{version}'" }]
detect-version-files = false

[bump]
feat = "minor"
fix = "none"
docs = "patch"

[pre-major]
breaking = "major"
feat = "patch"

[branches]
release = ["main", "release/*"]
channels = { next = "beta", "alpha/*" = "alpha" }
maintenance = ["*.x"]

[notes]
sections = [{ type = "feat", title = "New" }, { types = ["fix", "perf"], title = "Fixed" }]
hidden = ["chore"]
breaking-title = "Breaking"
show-other = true
contributors = false

[links]
enabled = true
forge = "gitlab"
repository-url = "https://git.example.com/acme/mypkg/"
commit = "https://git.example.com/c/{sha}"
pull-request = "https://git.example.com/p/{number}"
merge-request = "https://git.example.com/m/{number}"
issue = "https://git.example.com/i/{id}"
compare = "https://git.example.com/d/{previous}..{current}"
key-issue = "https://jira.example.com/browse/{id}"

[changelog]
enabled = true
file = "docs/CHANGES.md"
marker = "<!-- release notes start -->"

[release]
commit-message = "release: {version}"
remote = "upstream"
pr-branch = "release/{name}"
pr-labels = ["release"]

[packages.api]
path = "services/api/"
name = "acme-api"
scheme = "pep440"
tag-format = "api@{version}"
first-release = "1.0.0"
changelog = "services/api/CHANGES.md"
depends-on = ["core"]
version-files = ["src/acme_api/__init__.py"]
detect-version-files = false

[packages.core]
path = "libs/core"

[monorepo]
update-dependents = false
dependent-bump = "none"

[deploy]
service = "acme-shop"
artifacts = ["dist", "build/extra.whl"]
components = [
  { name = "schema", kind = "migration", rollback = "reversible", up = "migrate up", down = "migrate down" },
]

[check]
base = "trunk"
conventional = false
types = ["feat", "fix"]
signed = true
gpg-home = ".keys/gnupg"
allowed-signers = ".keys/allowed_signers"
max-branch-age-hours = 36
max-ahead = 20
max-behind = 50
together = [{ name = "schema", when = ["migrations/**"], require = ["docs/schema.md"] }]
release-branches = ["release/*"]
release-window-days = 21
warn = ["release-fixes"]
`;

const EVERY_KEY_CONFIG: SlipwayConfig = {
  name: 'mypkg',
  scheme: 'semver',
  tagFormat: '{name}@{version}',
  firstRelease: '1.0.0',
  firstParent: true,
  issuePatterns: ['[A-Z][A-Z0-9]+-\\d+'],
  bump: { feat: 'minor', fix: 'none', perf: 'patch', revert: 'patch', docs: 'patch' },
  preMajor: { breaking: 'major', feat: 'patch' },
  branches: {
    release: ['main', 'release/*'],
    channels: { next: 'beta', 'alpha/*': 'alpha' },
    maintenance: ['*.x'],
  },
  notes: {
    sections: [
      { types: ['feat'], title: 'New' },
      { types: ['fix', 'perf'], title: 'Fixed' },
    ],
    hidden: ['chore'],
    breakingTitle: 'Breaking',
    showOther: true,
    contributors: false,
  },
  links: {
    enabled: true,
    forge: 'gitlab',
    repositoryUrl: 'https://git.example.com/acme/mypkg',
    commit: 'https://git.example.com/c/{sha}',
    pullRequest: 'https://git.example.com/p/{number}',
    mergeRequest: 'https://git.example.com/m/{number}',
    issue: 'https://git.example.com/i/{id}',
    compare: 'https://git.example.com/d/{previous}..{current}',
    keyIssue: 'https://jira.example.com/browse/{id}',
  },
  versionFiles: [
    { path: 'src/mypkg/__init__.py' },
    { path: 'docs/conf.py', pattern: "release = '{version}'" },
  ],
  detectVersionFiles: false,
  changelog: { enabled: true, file: 'docs/CHANGES.md', marker: '<!-- release notes start -->' },
  release: {
    commitMessage: 'release: {version}',
    remote: 'upstream',
    prBranch: 'release/{name}',
    prLabels: ['release'],
  },
  packages: [
    {
      key: 'api',
      path: 'services/api',
      name: 'acme-api',
      scheme: 'pep440',
      tagFormat: 'api@{version}',
      firstRelease: '1.0.0',
      changelog: 'services/api/CHANGES.md',
      dependsOn: ['core'],
      versionFiles: [{ path: 'src/acme_api/__init__.py' }],
      detectVersionFiles: false,
    },
    {
      key: 'core',
      path: 'libs/core',
      name: null,
      scheme: null,
      tagFormat: '{name}-v{version}',
      firstRelease: null,
      changelog: 'libs/core/CHANGELOG.md',
      dependsOn: [],
      versionFiles: [],
      detectVersionFiles: true,
    },
  ],
  monorepo: { updateDependents: false, dependentBump: 'none' },
  deploy: {
    service: 'acme-shop',
    artifacts: ['dist', 'build/extra.whl'],
    components: [
      {
        name: 'schema',
        kind: 'migration',
        rollback: 'reversible',
        up: 'migrate up',
        down: 'migrate down',
      },
    ],
  },
  check: {
    base: 'trunk',
    conventional: false,
    types: ['feat', 'fix'],
    signed: true,
    gpgHome: '.keys/gnupg',
    allowedSigners: '.keys/allowed_signers',
    maxBranchAgeHours: 36,
    maxAhead: 20,
    maxBehind: 50,
    together: [{ name: 'schema', when: ['migrations/**'], require: ['docs/schema.md'] }],
    releaseBranches: ['release/*'],
    releaseWindowDays: 21,
    warn: ['release-fixes'],
  },
};

/** The same configuration under [tool.slipway] in pyproject.toml. */
function asPyproject(toml: string): string {
  return toml
    .replace(/^\[([a-z-]+(?:\.[a-z]+)?)\]$/gm, '[tool.slipway.$1]')
    .replace(/^(name = )/m, '[tool.slipway]\n$1');
}

describe('loadConfig', () => {
  it('reads every key from slipway.toml', async () => {
    const dir = await configDir({ 'slipway.toml': EVERY_KEY });
    expect(await loadConfig(dir)).toEqual({
      config: EVERY_KEY_CONFIG,
      source: join(dir, 'slipway.toml'),
      warnings: [],
    });
  });

  it('reads every key from [tool.slipway] in pyproject.toml', async () => {
    const dir = await configDir({ 'pyproject.toml': asPyproject(EVERY_KEY) });
    expect(await loadConfig(dir)).toEqual({
      config: EVERY_KEY_CONFIG,
      source: join(dir, 'pyproject.toml'),
      warnings: [],
    });
  });

  it('prefers slipway.toml and warns that [tool.slipway] is ignored', async () => {
    const dir = await configDir({
      'slipway.toml': 'tag-format = "release-{version}"\n',
      'pyproject.toml':
        '[project]\nname = "py-name"\n\n[tool.slipway]\ntag-format = "py-{version}"\n',
    });
    const loaded = await loadConfig(dir);
    expect(loaded.source).toBe(join(dir, 'slipway.toml'));
    expect(loaded.config.tagFormat).toBe('release-{version}');
    expect(loaded.config.name).toBe('py-name');
    expect(loaded.config.scheme).toBe('pep440');
    expect(loaded.warnings).toEqual([
      'pyproject.toml: [tool.slipway] is ignored because slipway.toml exists',
    ]);
  });

  it('does not warn when pyproject.toml has no [tool.slipway]', async () => {
    const dir = await configDir({
      'slipway.toml': 'first-parent = true\n',
      'pyproject.toml': '[project]\nname = "py-name"\n',
    });
    expect((await loadConfig(dir)).warnings).toEqual([]);
  });

  it('merges [bump] over the default bumps', async () => {
    const dir = await configDir({ 'slipway.toml': '[bump]\nfeat = "none"\nsecurity = "patch"\n' });
    expect((await loadConfig(dir)).config.bump).toEqual({
      feat: 'none',
      fix: 'patch',
      perf: 'patch',
      revert: 'patch',
      security: 'patch',
    });
  });

  it('keeps the default notes for keys not set', async () => {
    const dir = await configDir({ 'slipway.toml': '[notes]\nshow-other = true\n' });
    expect((await loadConfig(dir)).config.notes).toEqual({
      ...defaultNotesConfig,
      showOther: true,
    });
  });

  it('accepts PEP 440 labels as channels of a Python project', async () => {
    const dir = await configDir({
      'pyproject.toml':
        '[tool.slipway.branches]\nchannels = { next = "rc", beta = "b", dev = "preview" }\n',
    });
    expect((await loadConfig(dir)).config.branches.channels).toEqual({
      next: 'rc',
      beta: 'b',
      dev: 'preview',
    });
  });
});

describe('zero-config defaults', () => {
  it('uses semver, the directory name and every default without project files', async () => {
    const dir = await configDir();
    const loaded = await loadConfig(dir);
    expect(loaded).toEqual({ config: await defaultConfig(dir), source: null, warnings: [] });
    expect(loaded.config).toEqual({
      name: basename(dir),
      scheme: 'semver',
      tagFormat: 'v{version}',
      firstRelease: '0.1.0',
      firstParent: false,
      issuePatterns: [],
      bump: { feat: 'minor', fix: 'patch', perf: 'patch', revert: 'patch' },
      preMajor: { breaking: 'minor', feat: 'minor' },
      branches: {
        release: ['main', 'master'],
        channels: { next: 'rc', beta: 'beta', alpha: 'alpha' },
        maintenance: ['*.x', '*.*.x'],
      },
      notes: defaultNotesConfig,
      links: { enabled: true },
      versionFiles: [],
      detectVersionFiles: true,
      changelog: { enabled: true, file: 'CHANGELOG.md', marker: null },
      release: {
        commitMessage: 'chore(release): {version}',
        remote: 'origin',
        prBranch: 'slipway/release-{name}',
        prLabels: ['autorelease: pending'],
      },
      packages: [],
      monorepo: { updateDependents: true, dependentBump: 'patch' },
      deploy: { service: null, artifacts: ['dist'], components: [] },
      check: {
        base: 'main',
        conventional: true,
        types: DEFAULT_CHECK_TYPES,
        signed: false,
        gpgHome: null,
        allowedSigners: null,
        maxBranchAgeHours: null,
        maxAhead: null,
        maxBehind: null,
        together: [],
        releaseBranches: [],
        releaseWindowDays: null,
        warn: [],
      },
    });
  });

  it.each([
    ['pyproject.toml', '[project]\nname = "from-pep621"\nversion = "1.0"\n', 'from-pep621'],
    ['pyproject.toml', '[tool.poetry]\nname = "from-poetry"\n', 'from-poetry'],
    ['setup.cfg', '[metadata]\nname = ignored\n', null],
    ['setup.py', 'from setuptools import setup\nsetup()\n', null],
  ])('detects a Python project from %s', async (file, content, name) => {
    const dir = await configDir({ [file]: content });
    const { config } = await loadConfig(dir);
    expect(config.scheme).toBe('pep440');
    expect(config.name).toBe(name ?? basename(dir));
  });

  it('prefers [project].name over package.json, and package.json over the directory', async () => {
    const both = await configDir({
      'pyproject.toml': '[project]\nname = "py"\n',
      'package.json': '{ "name": "js" }',
    });
    expect((await loadConfig(both)).config.name).toBe('py');
    const js = await configDir({ 'package.json': '{ "name": "@acme/widgets" }' });
    expect((await loadConfig(js)).config).toMatchObject({
      name: '@acme/widgets',
      scheme: 'semver',
    });
  });

  it('warns about an unreadable package.json and falls back to the directory name', async () => {
    const dir = await configDir({ 'package.json': '{ name: ' });
    const loaded = await loadConfig(dir);
    expect(loaded.config.name).toBe(basename(dir));
    expect(loaded.warnings).toEqual(['package.json is not valid JSON; its name was not used']);
  });

  it('lets the file override detection', async () => {
    const dir = await configDir({
      'pyproject.toml':
        '[project]\nname = "py"\n[tool.slipway]\nname = "other"\nscheme = "semver"\n',
    });
    expect((await loadConfig(dir)).config).toMatchObject({ name: 'other', scheme: 'semver' });
  });

  it('rejects a directory that does not exist', async () => {
    const dir = await configDir();
    await expect(loadConfig(join(dir, 'missing'))).rejects.toMatchObject({ code: 'USAGE' });
  });
});

describe('[check]', () => {
  it('refuses an unknown rule in warn, naming the key', async () => {
    const dir = await configDir({ 'slipway.toml': '[check]\nwarn = ["nope"]\n' });
    await expect(loadConfig(dir)).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining('[check] warn[0]: expected one of') as unknown,
    });
  });

  it('refuses a together rule without files to require', async () => {
    const dir = await configDir({
      'slipway.toml': '[[check.together]]\nname = "x"\nwhen = ["a/**"]\nrequire = []\n',
    });
    await expect(loadConfig(dir)).rejects.toMatchObject({
      message: expect.stringContaining('must list at least one path glob') as unknown,
    });
  });
});
