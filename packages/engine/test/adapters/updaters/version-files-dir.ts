import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeTempDir } from '@slipway/test-utils';
import { afterEach } from 'vitest';
import type { VersionFilesConfig } from '../../../src/adapters/updaters/index.js';

const cleanups: (() => void)[] = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A temp project holding `files` (relative path → content), removed after the test. */
export function projectDir(files: Record<string, string>): string {
  const dir = makeTempDir('slipway-version-files-');
  cleanups.push(dir.cleanup);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir.path, path)), { recursive: true });
    writeFileSync(join(dir.path, path), content);
  }
  return dir.path;
}

export const ZERO_CONFIG: VersionFilesConfig = { versionFiles: [], detectVersionFiles: true };
