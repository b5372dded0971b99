import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { close, committedFixtures, fixtureScript } from './judge-fixtures.js';

const python = '/usr/bin/python3';

/** Every number of `actual` close to the one at the same place in `expected`; names the path. */
function differences(actual: unknown, expected: unknown, path = '$'): string[] {
  if (typeof expected === 'number' && typeof actual === 'number') {
    return close(actual, expected, 1e-9, 1e-13) ? [] : [`${path}: ${actual} vs ${expected}`];
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (actual.length !== expected.length) return [`${path}: length ${actual.length}`];
    return expected.flatMap((item, i) => differences(actual[i], item, `${path}[${i}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return [`${path}: not an object`];
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    return [...keys]
      .filter((key) => key !== 'scipy' && key !== 'numpy')
      .flatMap((key) =>
        differences(
          (actual as Record<string, unknown>)[key],
          (expected as Record<string, unknown>)[key],
          `${path}.${key}`,
        ),
      );
  }
  return actual === expected ? [] : [`${path}: ${String(actual)} vs ${String(expected)}`];
}

describe('judge fixtures, recomputed live with SciPy', () => {
  it('the committed judge-fixtures.json is what generate-judge-fixtures.py computes now', () => {
    const probe = spawnSync(python, ['-c', 'import scipy, numpy'], { encoding: 'utf8' });
    if (probe.status !== 0) {
      throw new Error(
        `${python} cannot import scipy and numpy (install python3-scipy, as .ci/run does): ${probe.error?.message ?? probe.stderr}`,
      );
    }
    const run = spawnSync(python, [fixtureScript, '--stdout'], {
      encoding: 'utf8',
      timeout: 25_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(run.status, run.stderr).toBe(0);
    const live = JSON.parse(run.stdout) as unknown;
    expect(differences(live, committedFixtures())).toEqual([]);
  });
});
