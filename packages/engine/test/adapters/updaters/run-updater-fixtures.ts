import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSlipwayError } from '@slipway/core';
import { describe, expect, it } from 'vitest';
import {
  updaters,
  type UpdateTarget,
  type UpdaterName,
  type VersionRenderings,
} from '../../../src/adapters/updaters/index.js';

/** Distinct renderings, so a fixture shows which one its updater wrote. */
export const VERSION: VersionRenderings = {
  pep440: '2.0.0rc1',
  semver: '2.0.0-rc.1',
  primary: '2.0.0rc1',
};

// The path a target has unless the case's target.json says otherwise; errors name it.
const DEFAULT_PATHS: Record<UpdaterName, string> = {
  'pyproject-project': 'pyproject.toml',
  'pyproject-poetry': 'pyproject.toml',
  'setup-cfg': 'setup.cfg',
  'python-version': 'src/acme/__init__.py',
  'package-json': 'package.json',
  'package-lock': 'package-lock.json',
  'uv-lock': 'uv.lock',
  pattern: 'docs/conf.py',
};

const FIXTURES = join(import.meta.dirname, 'fixtures');

/**
 * One test per folder under fixtures/<updater>/: input.* through the updater must give
 * expected.* byte for byte, or throw VERSION_FILE with the message in expected-error.txt.
 */
export function describeUpdaterFixtures(name: UpdaterName): void {
  describe(`${name} fixtures`, () => {
    const cases = readdirSync(join(FIXTURES, name));
    it('has several cases, success and error', () => {
      expect(cases.length).toBeGreaterThanOrEqual(3);
    });
    for (const fixture of cases) {
      it(fixture, () => {
        const dir = join(FIXTURES, name, fixture);
        const files = readdirSync(dir);
        const file = (prefix: string): string | undefined =>
          files.find((entry) => entry.startsWith(prefix));
        const read = (entry: string): string => readFileSync(join(dir, entry), 'utf8');
        const options = file('target.json');
        const target: UpdateTarget = {
          path: DEFAULT_PATHS[name],
          updater: name,
          ...(options === undefined ? {} : (JSON.parse(read(options)) as Partial<UpdateTarget>)),
        };
        const input = read(file('input.') ?? 'input');
        const expected = file('expected.');
        const run = (): string => updaters[name].update(input, VERSION, target);
        if (expected !== undefined) {
          const output = run();
          expect(output).not.toBe(input);
          expect(output).toBe(read(expected));
          // Idempotent: writing the same version again changes nothing.
          expect(updaters[name].update(output, VERSION, target)).toBe(output);
          return;
        }
        const error = catchError(run);
        expect(isSlipwayError(error) && error.code).toBe('VERSION_FILE');
        expect((error as Error).message).toBe(read('expected-error.txt').trimEnd());
        expect(isSlipwayError(error) && error.subject).toBe(target.path);
      });
    }
  });
}

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the updater to throw');
}
