import { isSlipwayError } from '@slipway/core';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { configDir } from './config-test-dir.js';

async function errorFor(files: Record<string, string>): Promise<{ message: string; code: string }> {
  const dir = await configDir(files);
  try {
    await loadConfig(dir);
  } catch (error) {
    if (isSlipwayError(error)) return { message: error.message, code: error.code };
    throw error;
  }
  throw new Error('expected loadConfig to fail');
}

const pyproject = (toml: string) => errorFor({ 'pyproject.toml': toml });
const slipway = (toml: string) => errorFor({ 'slipway.toml': toml });

describe('configuration errors', () => {
  it('names the file, the TOML table and key, the allowed values and the bad value', async () => {
    expect(await pyproject('[tool.slipway.bump]\nfeat = "huge"\n')).toEqual({
      code: 'CONFIG_INVALID',
      message:
        'pyproject.toml: [tool.slipway.bump] feat: expected one of "major", "minor", "patch", "none", got "huge"',
    });
  });

  it.each([
    ['scheme = "calver"', 'slipway.toml: scheme: expected one of "pep440", "semver", got "calver"'],
    ['first-parent = "yes"', 'slipway.toml: first-parent: expected true or false, got "yes"'],
    [
      'issue-patterns = "ABC-\\\\d+"',
      'slipway.toml: issue-patterns: expected an array, got "ABC-\\\\d+"',
    ],
    ['name = ""', 'slipway.toml: name: must not be empty, got ""'],
    [
      'first-release = "one"',
      'slipway.toml: first-release: is not a valid semver version, got "one"',
    ],
    [
      'first-release = "1.0"',
      'slipway.toml: first-release: is not a valid semver version, got "1.0"',
    ],
    ['tag-format = "release"', 'slipway.toml: tag-format: must contain {version}, got "release"'],
    [
      'tag-format = "{pkg}-{version}"',
      'slipway.toml: tag-format: may only use the placeholders {version} and {name}, got "{pkg}-{version}"',
    ],
    [
      'tag-format = "v {version}"',
      'slipway.toml: tag-format: does not make a valid git tag name, got "v {version}"',
    ],
    [
      'issue-patterns = ["(ABC)-\\\\d+"]',
      'slipway.toml: issue-patterns[0]: must not contain capture groups; use (?:…), got "(ABC)-\\\\d+"',
    ],
    [
      'issue-patterns = ["x*"]',
      'slipway.toml: issue-patterns[0]: must not match the empty string, got "x*"',
    ],
    [
      '[pre-major]\nbreaking = "patch"',
      'slipway.toml: [pre-major] breaking: expected one of "minor", "major", got "patch"',
    ],
    [
      '[bump]\nFeat = "minor"',
      'slipway.toml: [bump] Feat: key must be a lower-case commit type such as "feat"',
    ],
    ['bump = 3', 'slipway.toml: bump: expected a table, got 3'],
    [
      '[branches]\nrelease = "main"',
      'slipway.toml: [branches] release: expected an array, got "main"',
    ],
    [
      '[branches]\nchannels = { next = "1" }',
      'slipway.toml: [branches.channels] next: must not be a number, got "1"',
    ],
    [
      '[notes]\nsections = [{ type = "feat" }]',
      'slipway.toml: [notes] sections[0].title: missing, expected a string',
    ],
    [
      '[notes]\nsections = [{ type = "feat", types = ["fix"], title = "X" }]',
      'slipway.toml: [notes] sections[0]: needs exactly one of "type" or "types"',
    ],
    [
      '[[notes.sections]]\ntitle = "Features"\ntypes = []',
      'slipway.toml: [notes] sections[0].types: must list at least one type, got an array',
    ],
    [
      '[links]\nforge = "sourcehut"',
      'slipway.toml: [links] forge: expected one of "github", "gitlab", "gitea", "bitbucket", got "sourcehut"',
    ],
    [
      '[links]\ncommit = "https://x/{id}"',
      'slipway.toml: [links] commit: must contain {sha}, got "https://x/{id}"',
    ],
    [
      '[links]\ncompare = "https://x/{previous}"',
      'slipway.toml: [links] compare: must contain {previous} and {current}, got "https://x/{previous}"',
    ],
    [
      '[links]\nkey-issue = "https://jira/"',
      'slipway.toml: [links] key-issue: must contain {id}, got "https://jira/"',
    ],
    [
      '[links]\nrepository-url = "git@github.com:a/b.git"',
      'slipway.toml: [links] repository-url: must be an http(s) URL, got "git@github.com:a/b.git"',
    ],
  ])('%s', async (toml, message) => {
    expect((await slipway(toml)).message).toBe(message);
  });

  it('reports an invalid regular expression', async () => {
    expect((await slipway('issue-patterns = ["[A-Z"]')).message).toMatch(
      /^slipway\.toml: issue-patterns\[0\]: is not a valid regular expression \(.+\), got "\[A-Z"$/,
    );
  });

  it.each([
    [
      'tag_format = "v{version}"',
      'slipway.toml: tag_format: unknown key (did you mean "tag-format"?)',
    ],
    ['firstParent = true', 'slipway.toml: firstParent: unknown key (did you mean "first-parent"?)'],
    [
      '[notes]\nshow-others = true',
      'slipway.toml: [notes] show-others: unknown key (did you mean "show-other"?)',
    ],
    [
      '[branch]\nrelease = ["main"]',
      'slipway.toml: branch: unknown key (did you mean "branches"?)',
    ],
    ['[links]\nwebsite = "https://x"', 'slipway.toml: [links] website: unknown key'],
    [
      '[notes]\nsections = [{ type = "feat", tilte = "X" }]',
      'slipway.toml: [notes] sections[0].title: missing, expected a string\n' +
        'slipway.toml: [notes] sections[0].tilte: unknown key (did you mean "title"?)',
    ],
  ])('rejects unknown keys: %s', async (toml, message) => {
    expect((await slipway(toml)).message).toBe(message);
  });

  it('reports every problem at once', async () => {
    const { message } = await pyproject(
      '[tool.slipway]\nscheme = "calver"\ncolour = "blue"\n[tool.slipway.bump]\nfix = "tiny"\n',
    );
    expect(message.split('\n')).toEqual([
      'pyproject.toml: [tool.slipway] scheme: expected one of "pep440", "semver", got "calver"',
      'pyproject.toml: [tool.slipway.bump] fix: expected one of "major", "minor", "patch", "none", got "tiny"',
      'pyproject.toml: [tool.slipway] colour: unknown key',
    ]);
  });

  it('rejects [tool.slipway] that is not a table', async () => {
    expect((await pyproject('[tool]\nslipway = "on"\n')).message).toBe(
      'pyproject.toml: [tool.slipway]: expected a table, got "on"',
    );
  });

  it('checks first-release against the detected scheme', async () => {
    const python = await errorFor({
      'setup.py': '',
      'slipway.toml': 'first-release = "1.0.0-foo.1"\n',
    });
    expect(python.message).toBe(
      'slipway.toml: first-release: is not a valid pep440 version, got "1.0.0-foo.1"',
    );
  });

  it('rejects channel ids PEP 440 cannot express in a Python project', async () => {
    expect(
      (
        await errorFor({
          'setup.py': '',
          'slipway.toml': '[branches]\nchannels = { next = "dev" }\n',
        })
      ).message,
    ).toBe(
      'slipway.toml: [branches.channels] next: is not a PEP 440 pre-release label (a, b, rc, alpha, beta, c, pre, preview), got "dev"',
    );
  });

  it.each([
    [
      'slipway.toml',
      'first-parent = true\ntag-format = \n',
      /^slipway\.toml:2:14: invalid TOML: invalid value$/,
    ],
    [
      'pyproject.toml',
      '[project]\nname = "x"\n[tool.slipway\n',
      /^pyproject\.toml:3:\d+: invalid TOML: /,
    ],
  ])(
    'names the file, line and column of a TOML syntax error in %s',
    async (file, toml, pattern) => {
      const { code, message } = await errorFor({ [file]: toml });
      expect(code).toBe('CONFIG_INVALID');
      expect(message).toMatch(pattern);
    },
  );

  it('fails on a broken pyproject.toml even when slipway.toml configures Slipway', async () => {
    const { message } = await errorFor({ 'slipway.toml': '', 'pyproject.toml': 'name = = 1' });
    expect(message).toMatch(/^pyproject\.toml:1:\d+: invalid TOML: /);
  });
});
