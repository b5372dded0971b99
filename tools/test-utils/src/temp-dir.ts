import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDir {
  /** Absolute, symlink-free path (git reports real paths, so tests can compare them). */
  readonly path: string;
  /** Removes the directory; safe to call twice. */
  cleanup(): void;
}

// A plain module registry instead of test-framework hooks, so any runner (or a bench script)
// can use these helpers; whatever a test forgets is removed when the process exits.
const live = new Set<string>();
let exitHookInstalled = false;

function removeDir(path: string): void {
  live.delete(path);
  rmSync(path, { recursive: true, force: true, maxRetries: 3 });
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    cleanupTempDirs();
  });
}

/** Creates a fresh directory under the OS temp dir, registered for cleanup. */
export function makeTempDir(prefix = 'slipway-test-'): TempDir {
  installExitHook();
  const path = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  live.add(path);
  return {
    path,
    cleanup: () => {
      removeDir(path);
    },
  };
}

/** Removes every temp dir created by `makeTempDir` that is still there. */
export function cleanupTempDirs(): void {
  for (const path of [...live]) removeDir(path);
}

/** How many registered temp dirs still exist (for tests of the helpers themselves). */
export function liveTempDirCount(): number {
  return live.size;
}
