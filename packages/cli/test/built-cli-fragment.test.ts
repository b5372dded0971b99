import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, makeTempDir } from '@slipway/test-utils';
import { builtCli, runBuiltCli } from './run-built-cli.js';

afterEach(() => cleanupTempDirs());

// runBuiltCli gives the child an empty stdin; this one pipes text in, as a shell pipe does.
function runWithStdin(args: readonly string[], input: string, cwd: string) {
  const result = spawnSync(process.execPath, [builtCli, ...args], { cwd, input, encoding: 'utf8' });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('slipway fragment (built CLI)', () => {
  it('adds fragments and lists them', () => {
    const dir = makeTempDir().path;
    const added = runBuiltCli([
      'fragment',
      'add',
      'feature',
      '--issue',
      '12',
      '--message',
      'Add search.',
      '-C',
      dir,
    ]);
    expect(added).toMatchObject({ status: 0, stdout: 'created newsfragments/12.feature.md\n' });
    expect(readFileSync(join(dir, 'newsfragments/12.feature.md'), 'utf8')).toBe('Add search.\n');

    const again = runBuiltCli(['fragment', 'add', 'feature', '--issue', '#12', '--json'], {
      cwd: dir,
    });
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({
      path: join(dir, 'newsfragments/12.feature.1.md'),
      type: 'feature',
      issue: '12',
    });

    const listed = runBuiltCli(['fragment', 'list', '--json', '--cwd', dir]);
    expect(listed.status).toBe(0);
    const data = JSON.parse(listed.stdout) as {
      bump: string;
      entries: { file: string; issue: string }[];
      problems: string[];
    };
    expect(data.bump).toBe('minor');
    expect(data.entries.map((entry) => entry.file)).toEqual(['12.feature.1.md', '12.feature.md']);
    expect(data.problems).toEqual([]);

    const human = runBuiltCli(['fragment', 'list', '-C', dir]);
    expect(human.stdout).toContain('newsfragments: 2 fragments (minor)');
    expect(human.stdout).toContain('feature #12: Add search.');
  });

  it('reads the message from a pipe and writes orphans without an issue', () => {
    const dir = makeTempDir().path;
    const result = runWithStdin(
      ['fragment', 'add', 'bugfix', '--json'],
      'Fix the crash on empty input.\n',
      dir,
    );
    expect(result.status).toBe(0);
    const { path, issue } = JSON.parse(result.stdout) as { path: string; issue: string | null };
    expect(issue).toBeNull();
    expect(path).toBe(join(dir, 'newsfragments/+fix-the-crash-on-empty.bugfix.md'));
    expect(readFileSync(path, 'utf8')).toBe('Fix the crash on empty input.\n');
  });

  it('honours [tool.towncrier] in pyproject.toml', () => {
    const dir = makeTempDir().path;
    writeFileSync(
      join(dir, 'pyproject.toml'),
      '[tool.towncrier]\ndirectory = "changes"\nfilename = "NEWS.rst"\n[[tool.towncrier.type]]\ndirectory = "change"\nname = "Changes"\n',
    );
    const result = runBuiltCli([
      'fragment',
      'add',
      'change',
      '--issue',
      '3',
      '-m',
      'Changed.',
      '-C',
      dir,
    ]);
    expect(result).toMatchObject({ status: 0, stdout: 'created changes/3.change.rst\n' });
  });

  it('fails on an unknown type, naming the valid ones', () => {
    const dir = makeTempDir().path;
    const result = runBuiltCli(['fragment', 'add', 'feat', '--issue', '1', '--json', '-C', dir]);
    expect(result.status).toBe(1);
    const { error } = JSON.parse(result.stdout) as { error: { code: string; message: string } };
    expect(error.code).toBe('FRAGMENT_INVALID');
    expect(error.message).toMatch(/unknown fragment type "feat"; valid types: .*feature/);
  });

  it('fails the list when a file is not a valid fragment', () => {
    const dir = makeTempDir().path;
    mkdirSync(join(dir, 'newsfragments'));
    writeFileSync(join(dir, 'newsfragments', '7.fixed.md'), 'x');
    const result = runBuiltCli(['fragment', 'list', '-C', dir]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/warning: 7\.fixed\.md: unknown fragment type "fixed"/);
  });
});
