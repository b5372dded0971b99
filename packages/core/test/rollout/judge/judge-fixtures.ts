import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MannWhitneyAlternative } from '../../../src/rollout/judge/mann-whitney-u.js';

export interface MannWhitneyFixture {
  readonly name: string;
  readonly canary: number[];
  readonly baseline: number[];
  readonly ties: boolean;
  /** Keyed `alternative/method`, SciPy's `mannwhitneyu` statistic and p-value. */
  readonly results: Record<string, { readonly u: number; readonly pValue: number }>;
  readonly z: number;
  readonly zFromScipyP: number | null;
  readonly hodgesLehmann: {
    readonly exact: boolean;
    readonly byConfidence: Record<
      string,
      { readonly estimate: number; readonly confidenceInterval: [number, number] }
    >;
  };
}

export interface JudgeFixtures {
  readonly scipy: string;
  readonly mannWhitney: MannWhitneyFixture[];
  readonly welch: {
    readonly name: string;
    readonly x: number[];
    readonly y: number[];
    readonly t: number;
    readonly pValue: number;
  }[];
  readonly distributions: {
    readonly normalSf: { readonly z: number; readonly value: number }[];
    readonly normalQuantile: { readonly p: number; readonly value: number }[];
    readonly studentTSf: { readonly t: number; readonly df: number; readonly value: number }[];
  };
}

export const fixtureScript = fileURLToPath(new URL('generate-judge-fixtures.py', import.meta.url));

export function committedFixtures(): JudgeFixtures {
  const path = fileURLToPath(new URL('judge-fixtures.json', import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as JudgeFixtures;
}

export function splitKey(key: string): {
  alternative: MannWhitneyAlternative;
  method: 'exact' | 'asymptotic';
} {
  const [alternative, method] = key.split('/');
  return {
    alternative: alternative as MannWhitneyAlternative,
    method: method as 'exact' | 'asymptotic',
  };
}

/** |a − b| within `relative` of the larger magnitude, or within `absolute`. */
export function close(a: number, b: number, relative = 1e-9, absolute = 1e-14): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= Math.max(absolute, relative * Math.max(Math.abs(a), Math.abs(b)));
}
