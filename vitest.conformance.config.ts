import { defineConfig } from 'vitest/config';
import { workspaceAliases } from './vitest.config.js';

// Conformance suites read ../shared/conformance (public suites, not in this repository).
export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: {
    include: ['conformance/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
