import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, makeTempDir } from '@slipway/test-utils';
import { builtCli, runBuiltCli } from './run-built-cli.js';

afterEach(() => cleanupTempDirs());

function runWithInput(args: readonly string[], cwd: string, input: string) {
  const result = spawnSync(process.execPath, [builtCli, ...args], { cwd, input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('slipway init (built CLI)', () => {
  it('writes the configuration of --strategy and explains its watch-outs', () => {
    const dir = makeTempDir().path;
    const result = runBuiltCli(['init', '--strategy', 'release-branches'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      `wrote ${join(dir, 'slipway.toml')} for trunk with release branches`,
    );
    expect(result.stdout).toContain('Watch out:');
    expect(result.stdout).toContain('cherry-pick');
    const toml = readFileSync(join(dir, 'slipway.toml'), 'utf8');
    expect(toml).toContain('release-branches = ["release/*"]');
    // The written file is a configuration the other commands accept.
    const check = runBuiltCli(['plan', '--json'], { cwd: dir });
    expect(check.stderr).not.toContain('CONFIG_INVALID');
  });

  it('asks for the strategy when none is given', () => {
    const dir = makeTempDir().path;
    const result = runWithInput(['init', '--json'], dir, '4\n');
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('Which branching strategy does the team use?');
    expect(result.stderr).toContain('4) git-flow: Git Flow');
    const data = JSON.parse(result.stdout) as { strategy: string; watchOuts: string[] };
    expect(data.strategy).toBe('git-flow');
    expect(data.watchOuts.length).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'slipway.toml'), 'utf8')).toContain('base = "develop"');
  });

  it('refuses without an answer, an unknown strategy, or an existing file', () => {
    const dir = makeTempDir().path;
    expect(runWithInput(['init'], dir, '').status).toBe(2);
    const unknown = runBuiltCli(['init', '--strategy', 'yolo'], { cwd: dir });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('strategy "yolo": expected one of trunk, github-flow');
    writeFileSync(join(dir, 'slipway.toml'), 'name = "kept"\n');
    const existing = runBuiltCli(['init', '--strategy', 'trunk'], { cwd: dir });
    expect(existing.status).toBe(1);
    expect(existing.stderr).toContain('already exists');
    expect(readFileSync(join(dir, 'slipway.toml'), 'utf8')).toBe('name = "kept"\n');
    expect(runBuiltCli(['init', '--strategy', 'trunk', '--force'], { cwd: dir }).status).toBe(0);
    expect(readFileSync(join(dir, 'slipway.toml'), 'utf8')).toContain('max-branch-age-hours = 24');
  });
});
