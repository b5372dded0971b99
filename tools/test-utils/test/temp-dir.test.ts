import { existsSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanupTempDirs, liveTempDirCount, makeTempDir } from '../src/index.js';

describe('makeTempDir', () => {
  it('creates a real, empty, prefixed directory and removes it on cleanup', () => {
    const temp = makeTempDir('slipway-unit-');
    expect(existsSync(temp.path)).toBe(true);
    expect(realpathSync(temp.path)).toBe(temp.path);
    expect(temp.path).toMatch(/slipway-unit-[^/]+$/);
    writeFileSync(join(temp.path, 'file.txt'), 'x');
    temp.cleanup();
    expect(existsSync(temp.path)).toBe(false);
    temp.cleanup(); // a second call is harmless
  });

  it('cleanupTempDirs removes every directory still registered', () => {
    const before = liveTempDirCount();
    const a = makeTempDir();
    const b = makeTempDir();
    expect(liveTempDirCount()).toBe(before + 2);
    expect(a.path).not.toBe(b.path);
    cleanupTempDirs();
    expect(existsSync(a.path)).toBe(false);
    expect(existsSync(b.path)).toBe(false);
    expect(liveTempDirCount()).toBe(0);
  });
});
