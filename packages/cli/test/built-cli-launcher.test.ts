import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, makeTempDir } from '@slipway/test-utils';
import { builtCli, runBuiltCli } from './run-built-cli.js';

afterEach(() => cleanupTempDirs());

const sorted = ['versions', 'sort', '--scheme', 'pep440', '--json', '1.0', '1.0rc1', '0.9'];

describe('the launcher', () => {
  it('keeps one code cache per command and build, reuses it, and replaces a bad one', () => {
    const cache = join(makeTempDir('slipway-compile-').path, 'nested', 'cache');
    const env = { SLIPWAY_COMPILE_CACHE: cache };
    const first = runBuiltCli(sorted, { env });
    expect(first.stdout.trim()).toEqual(JSON.stringify(['0.9', '1.0rc1', '1.0'], null, 2));
    expect(first.stderr).toBe('');
    const [file, ...others] = readdirSync(cache);
    expect(others).toEqual([]);
    expect(file).toMatch(
      new RegExp(`^${process.version}-${process.arch}-\\d+-\\d+-versions\\.bin$`),
    );
    const path = join(cache, file ?? '');
    // Kept only by its owner: V8 runs what it holds.
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(cache).mode & 0o777).toBe(0o700);
    const written = statSync(path).mtimeMs;

    // Accepted: the same output, and the cache is not written again.
    const second = runBuiltCli(sorted, { env });
    expect(second).toEqual(first);
    expect(statSync(path).mtimeMs).toBe(written);

    // Rejected by V8 (not a cache at all): the run is the same and the cache is written anew.
    writeFileSync(path, 'not a code cache');
    const third = runBuiltCli(sorted, { env });
    expect(third).toEqual(first);
    expect(statSync(path).size).toBeGreaterThan(1000);

    runBuiltCli(['--version'], { env });
    expect(readdirSync(cache).sort()).toEqual([file, file?.replace('versions', 'default')].sort());
  });

  it('keeps nothing with SLIPWAY_COMPILE_CACHE=off, and runs where it cannot write', () => {
    const home = makeTempDir('slipway-home-').path;
    const off = runBuiltCli(sorted, { env: { SLIPWAY_COMPILE_CACHE: 'off', HOME: home } });
    expect(off.stdout.trim()).toEqual(JSON.stringify(['0.9', '1.0rc1', '1.0'], null, 2));
    expect(readdirSync(home)).toEqual([]);
    const blocker = join(home, 'a-file');
    writeFileSync(blocker, '');
    const unwritable = runBuiltCli(sorted, { env: { SLIPWAY_COMPILE_CACHE: join(blocker, 'x') } });
    expect(unwritable).toEqual({ ...off });
  });

  it('leaves no half-written cache behind when the cache cannot be put in place', () => {
    const cache = makeTempDir('slipway-compile-').path;
    const { size, mtimeMs } = statSync(join(dirname(builtCli), 'slipway-bundle.cjs'));
    const build = `${process.version}-${process.arch}-${size}-${Math.floor(mtimeMs)}`;
    // A non-empty directory where the cache file goes: the rename onto it fails.
    const blocked = join(cache, `${build}-versions.bin`);
    mkdirSync(blocked);
    writeFileSync(join(blocked, 'keep'), '');
    const result = runBuiltCli(sorted, { env: { SLIPWAY_COMPILE_CACHE: cache } });
    expect(result.stdout.trim()).toEqual(JSON.stringify(['0.9', '1.0rc1', '1.0'], null, 2));
    expect(readdirSync(cache)).toEqual([`${build}-versions.bin`]);
    expect(readdirSync(blocked)).toEqual(['keep']);
  });
});
