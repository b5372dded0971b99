import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

// Tests import workspace packages from source, so a test run never sees a stale dist/.
// Tests of the built CLI (packages/cli/test/built-*.test.ts) run dist/ on purpose.
export const workspaceAliases = {
  '@slipway/core': src('./packages/core/src/index.ts'),
  '@slipway/engine': src('./packages/engine/src/index.ts'),
  '@slipway/server': src('./packages/server/src/index.ts'),
  '@slipway/test-utils': src('./tools/test-utils/src/index.ts'),
};

export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'tools/*/test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
