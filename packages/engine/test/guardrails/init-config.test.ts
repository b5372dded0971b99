import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTempDirs, makeTempDir } from '@slipway/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import {
  branchingStrategies,
  branchingStrategyNames,
  initConfig,
  writeNewFiles,
} from '../../src/features/guardrails/index.js';

afterAll(() => cleanupTempDirs());

describe('initConfig', () => {
  it.each(branchingStrategyNames)('writes a %s configuration that loads cleanly', async (name) => {
    const dir = makeTempDir().path;
    const result = await initConfig(dir, name, { overwrite: false });
    expect(result.file).toBe(join(dir, 'slipway.toml'));
    expect(readFileSync(result.file, 'utf8')).toBe(branchingStrategies[name].config);
    const { config, warnings } = await loadConfig(dir);
    expect(warnings).toEqual([]);
    expect(config.branches.release).toEqual(['main']);
    expect(result.strategy.watchOuts.length).toBeGreaterThanOrEqual(2);
  });

  it('configures each strategy for what it needs', async () => {
    const load = async (name: (typeof branchingStrategyNames)[number]) => {
      const dir = makeTempDir().path;
      await initConfig(dir, name, { overwrite: false });
      return (await loadConfig(dir)).config;
    };
    expect((await load('trunk')).check).toMatchObject({ base: 'main', maxBranchAgeHours: 24 });
    const gitFlow = await load('git-flow');
    expect(gitFlow.check).toMatchObject({
      base: 'develop',
      releaseBranches: ['release/*', 'hotfix/*'],
    });
    expect(gitFlow.branches.channels).toEqual({ develop: 'beta', 'release/*': 'rc' });
    expect((await load('release-branches')).branches.maintenance).toEqual([
      'release/*.x',
      'release/*.*.x',
    ]);
    expect((await load('gitlab-flow')).check.releaseBranches).toEqual(['*.x', '*.*.x']);
  });

  it('refuses to replace an existing slipway.toml and leaves it as it was', async () => {
    const dir = makeTempDir().path;
    writeFileSync(join(dir, 'slipway.toml'), 'name = "mine"\n');
    await expect(initConfig(dir, 'trunk', { overwrite: false })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `${join(dir, 'slipway.toml')} already exists`,
    });
    expect(readFileSync(join(dir, 'slipway.toml'), 'utf8')).toBe('name = "mine"\n');
    await initConfig(dir, 'trunk', { overwrite: true });
    expect(readFileSync(join(dir, 'slipway.toml'), 'utf8')).toBe(branchingStrategies.trunk.config);
  });
});

describe('writeNewFiles', () => {
  it('writes none of the files when one of them exists', async () => {
    const dir = makeTempDir().path;
    writeFileSync(join(dir, 'b.yml'), 'old');
    await expect(
      writeNewFiles(
        [
          { path: join(dir, 'a', 'a.yml'), content: 'a' },
          { path: join(dir, 'b.yml'), content: 'b' },
        ],
        { overwrite: false },
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(() => readFileSync(join(dir, 'a', 'a.yml'))).toThrow(/ENOENT/);
  });
});
