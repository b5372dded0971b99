import { readFileSync } from 'node:fs';
import { afterEach } from 'vitest';
import { makeTempDir } from '@slipway/test-utils';

/** A file of `fixtures/` beside these tests (lock files, pyproject.toml). */
export function evidenceFixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** Runs `cleanup` after the current test (repositories, directories). */
export function afterThisTest(cleanup: () => void): void {
  cleanups.push(cleanup);
}

/** A fresh temporary directory, removed after the current test. */
export function tempDirForTest(prefix: string): string {
  const dir = makeTempDir(prefix);
  cleanups.push(() => dir.cleanup());
  return dir.path;
}
