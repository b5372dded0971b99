import type { RawCommit } from '../../src/commits/index.js';

/** A RawCommit literal around `message`; tests only vary what they are about. */
export function raw(message: string, overrides: Partial<RawCommit> = {}): RawCommit {
  return {
    sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    parents: ['0f1e2d3c4b5a69788796a5b4c3d2e1f001234567'],
    authorName: 'Ada Lovelace',
    authorEmail: 'ada@example.com',
    authorTime: 1_700_000_000,
    committerTime: 1_700_000_100,
    message,
    ...overrides,
  };
}
