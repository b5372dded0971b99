import type { Person, Trailers } from './types.js';
import { parsePerson } from './parse-person.js';

const NONE: readonly Person[] = Object.freeze([]);

/** Shared by every commit without trailers, which is most of them. */
export const NO_TRAILERS: Trailers = Object.freeze({
  reviewedBy: NONE,
  coAuthoredBy: NONE,
  signedOffBy: NONE,
});

/** Which people a TrailerCollector reads (see its constructor). */
export type TrailerPeople = 'all' | 'coAuthors' | 'none';

/**
 * Collects `Reviewed-by`, `Co-authored-by`, `Signed-off-by` and `Release-As` lines. They are
 * commit-level facts, so they are gathered from every footer-shaped line of the message, also
 * the ones a squash merge keeps under each bullet.
 */
export class TrailerCollector {
  reviewedBy: Person[] | null = null;
  coAuthoredBy: Person[] | null = null;
  signedOffBy: Person[] | null = null;
  releaseAs: string | null = null;

  /**
   * @param people `all`; `coAuthors` reads `Co-authored-by` only (the notes' contributors);
   * `none` collects `Release-As` only (the planner reads no people).
   */
  constructor(private readonly people: TrailerPeople = 'all') {}

  /** A footer-shaped line whose token ends at `tokenEnd` (see `footerTokenEnd`). */
  addLine(line: string, tokenEnd: number): void {
    // Cheap pre-filter on the token length before slicing: most tokens are none of these.
    if (tokenEnd !== 10 && tokenEnd !== 11 && tokenEnd !== 13 && tokenEnd !== 14) return;
    if (this.people !== 'all' && tokenEnd !== 10 && (this.people === 'none' || tokenEnd !== 14)) {
      return;
    }
    const value = line.slice(tokenEnd + 1);
    switch (line.slice(0, tokenEnd).toLowerCase()) {
      case 'reviewed-by':
        this.reviewedBy = addPerson(this.reviewedBy, value);
        break;
      case 'co-authored-by':
        this.coAuthoredBy = addPerson(this.coAuthoredBy, value);
        break;
      case 'signed-off-by':
        this.signedOffBy = addPerson(this.signedOffBy, value);
        break;
      case 'release-as': {
        const version = value.trim();
        if (version !== '' && this.releaseAs === null) this.releaseAs = version;
        break;
      }
    }
  }

  /** Every footer-shaped line of `lines` (`tokenEnds` as from `tokenEndsOf`). */
  addLines(lines: readonly string[], tokenEnds: readonly number[], from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const end = tokenEnds[i] ?? -1;
      if (end >= 0) this.addLine(lines[i] ?? '', end);
    }
  }

  trailers(): Trailers {
    if (this.reviewedBy === null && this.coAuthoredBy === null && this.signedOffBy === null) {
      return NO_TRAILERS;
    }
    return {
      reviewedBy: this.reviewedBy ?? NONE,
      coAuthoredBy: this.coAuthoredBy ?? NONE,
      signedOffBy: this.signedOffBy ?? NONE,
    };
  }
}

function addPerson(list: Person[] | null, value: string): Person[] | null {
  const person = parsePerson(value);
  if (person === null) return list;
  const people = list ?? [];
  // GitHub repeats a co-author once per squashed commit; one entry per person is enough.
  if (!people.some((p) => p.name === person.name && p.email === person.email)) people.push(person);
  return people;
}
