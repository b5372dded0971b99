/**
 * Inputs for the differential tests: curated edge cases plus deterministic pseudo-random strings
 * built from each grammar's pieces and then mutated, so roughly half are valid and half invalid.
 */

import { seededRandom } from '@slipway/test-utils';

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;
const chance = (random: Random, p: number): boolean => random() < p;

function randomCase(random: Random, word: string): string {
  if (chance(random, 0.7)) return word;
  return [...word].map((c) => (chance(random, 0.5) ? c.toUpperCase() : c)).join('');
}

/** Up to six digits, sometimes with leading zeros: far from 2^53 even after a mutation. */
function digits(random: Random): string {
  const n = String(Math.floor(random() ** 3 * 1000));
  return chance(random, 0.1) ? `0${n}` : n;
}

const SEPARATORS = ['', '', '.', '-', '_'];
const PRE_LABELS = ['a', 'b', 'c', 'rc', 'alpha', 'beta', 'pre', 'preview'];
const POST_LABELS = ['post', 'rev', 'r'];
const SPACES = [' ', '\t', '\n', '\u00a0', '\u3000', '\u0085', '\u001c', '\u2028', '\ufeff'];
const NOISE = [
  '.',
  '-',
  '_',
  '+',
  '!',
  'v',
  'a',
  'x',
  'dev',
  'post',
  '0',
  '9',
  ' ',
  'é',
  '*',
  'rc',
];

function mutate(random: Random, text: string): string {
  const at = Math.floor(random() * (text.length + 1));
  switch (Math.floor(random() * 3)) {
    case 0:
      return text.slice(0, at) + pick(random, NOISE) + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + 1);
    default:
      return (
        text.slice(0, at) +
        text.slice(at).replace(/[-_.]/, pick(random, ['..', '-_', '', '+', '__']))
      );
  }
}

function pep440Candidate(random: Random): string {
  let text = chance(random, 0.1) ? randomCase(random, 'v') : '';
  if (chance(random, 0.15)) text += `${digits(random)}!`;
  const parts = 1 + Math.floor(random() * 4);
  text += Array.from({ length: parts }, () => digits(random)).join('.');
  if (chance(random, 0.4)) {
    const n = chance(random, 0.85) ? digits(random) : '';
    text +=
      pick(random, SEPARATORS) +
      randomCase(random, pick(random, PRE_LABELS)) +
      pick(random, SEPARATORS) +
      n;
  }
  if (chance(random, 0.3)) {
    if (chance(random, 0.3)) text += `-${digits(random)}`;
    else {
      const n = chance(random, 0.85) ? digits(random) : '';
      text +=
        pick(random, SEPARATORS) +
        randomCase(random, pick(random, POST_LABELS)) +
        pick(random, SEPARATORS) +
        n;
    }
  }
  if (chance(random, 0.3)) {
    const n = chance(random, 0.85) ? digits(random) : '';
    text += pick(random, SEPARATORS) + randomCase(random, 'dev') + pick(random, SEPARATORS) + n;
  }
  if (chance(random, 0.25)) {
    const count = 1 + Math.floor(random() * 3);
    const segment = (): string =>
      pick(random, ['ubuntu', 'g1a2b3c', 'ABC', '007', '5', 'x1', 'deb10u2', 'z']);
    text += `+${Array.from({ length: count }, segment).join(pick(random, ['.', '-', '_']))}`;
  }
  if (chance(random, 0.08)) text = pick(random, SPACES) + text + pick(random, SPACES);
  const mutations = chance(random, 0.55) ? 1 + Math.floor(random() * 2) : 0;
  for (let i = 0; i < mutations; i += 1) text = mutate(random, text);
  return text;
}

export function generatePep440Strings(seed: number, count: number): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => pep440Candidate(random));
}

function semverIdentifier(random: Random): string {
  return pick(random, [
    'alpha',
    'beta',
    'rc',
    'dev',
    'x',
    'X-1',
    '-',
    'a1',
    '1a',
    digits(random),
    digits(random),
    '0a',
  ]);
}

function semverCandidate(random: Random): string {
  let text = chance(random, 0.1) ? 'v' : '';
  text += [digits(random), digits(random), digits(random)].join('.');
  if (chance(random, 0.5)) {
    const count = 1 + Math.floor(random() * 3);
    text += `-${Array.from({ length: count }, () => semverIdentifier(random)).join('.')}`;
  }
  if (chance(random, 0.2)) {
    const count = 1 + Math.floor(random() * 2);
    text += `+${Array.from({ length: count }, () => pick(random, ['build', '5', '001', 'sha-1a2b', 'Z'])).join('.')}`;
  }
  if (chance(random, 0.05)) text = ` ${text}\t`;
  const mutations = chance(random, 0.4) ? 1 + Math.floor(random() * 2) : 0;
  for (let i = 0; i < mutations; i += 1) text = mutate(random, text);
  return text;
}

export function generateSemverStrings(seed: number, count: number): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => semverCandidate(random));
}
