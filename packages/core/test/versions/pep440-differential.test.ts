import { describe, expect, it } from 'vitest';
import { pep440Scheme } from '../../src/versions/index.js';
import type { Version } from '../../src/versions/index.js';
import { pep440Curated } from './pep440-curated.js';
import { askPackaging } from './python-packaging.js';
import type { PackagingAnswer } from './python-packaging.js';
import { generatePep440Strings } from './version-corpus.js';

const inputs = [...pep440Curated, ...generatePep440Strings(440, 4000)];
// At load time on purpose: without Python or packaging the whole file fails, nothing is skipped.
const reference: PackagingAnswer = askPackaging(inputs);

/** Ranks of equivalence classes under our compare, in the same shape packaging reports. */
function ourRanks(parsed: (Version | null)[]): (number | null)[] {
  const valid = parsed.flatMap((version, index) => (version === null ? [] : [{ version, index }]));
  valid.sort((a, b) => pep440Scheme.compare(a.version, b.version));
  const ranks: (number | null)[] = parsed.map(() => null);
  let rank = -1;
  valid.forEach((entry, i) => {
    const previous = valid[i - 1];
    if (previous === undefined || pep440Scheme.compare(previous.version, entry.version) !== 0)
      rank += 1;
    ranks[entry.index] = rank;
  });
  return ranks;
}

describe('pep440 scheme against Python packaging', () => {
  it('covers both valid and invalid inputs', () => {
    const valid = reference.normalized.filter((n) => n !== null).length;
    expect(valid).toBeGreaterThan(inputs.length * 0.3);
    expect(inputs.length - valid).toBeGreaterThan(inputs.length * 0.3);
  });

  it('agrees on validity and the normalized form of every input', () => {
    const ours = inputs.map((input) => {
      const version = pep440Scheme.parse(input);
      return version === null ? null : pep440Scheme.format(version);
    });
    const disagreements = inputs
      .map((input, i) => ({ input, ours: ours[i], packaging: reference.normalized[i] }))
      .filter((row) => row.ours !== row.packaging);
    expect(disagreements, `packaging ${reference.version}`).toEqual([]);
  });

  it('orders every valid input as packaging does, equal versions included', () => {
    const ranks = ourRanks(inputs.map((input) => pep440Scheme.parse(input)));
    const disagreements = inputs
      .map((input, i) => ({ input, ours: ranks[i], packaging: reference.rank[i] }))
      .filter((row) => row.ours !== row.packaging);
    expect(disagreements, `packaging ${reference.version}`).toEqual([]);
  });

  it('reads its own normalized output back to an equal version', () => {
    for (const input of inputs) {
      const version = pep440Scheme.parse(input);
      if (version === null) continue;
      const again = pep440Scheme.parse(pep440Scheme.format(version));
      expect(again).toEqual(version);
    }
  });
});
