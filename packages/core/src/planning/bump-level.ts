import type { BumpLevel } from '../versions/version.js';

const rank: Readonly<Record<BumpLevel, number>> = { patch: 1, minor: 2, major: 3 };

export function higherBump(a: BumpLevel | null, b: BumpLevel | null): BumpLevel | null {
  if (a === null) return b;
  if (b === null) return a;
  return rank[a] >= rank[b] ? a : b;
}

export const bumpLevelsHighFirst: readonly BumpLevel[] = ['major', 'minor', 'patch'];
