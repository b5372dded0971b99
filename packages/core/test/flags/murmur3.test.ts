import { describe, expect, it } from 'vitest';
import { murmur3Hash32 } from '../../src/flags/murmur3.js';

describe('murmur3Hash32 (MurmurHash3 x86_32)', () => {
  // Reference vectors of the C++ implementation (SMHasher), including a non-ASCII key.
  it.each([
    ['', 0, 0],
    ['', 1, 0x514e28b7],
    ['', 0xffffffff, 0x81f16f39],
    ['\u0000\u0000\u0000\u0000', 0, 0x2362f9de],
    ['aaaa', 0x9747b28c, 0x5a97808a],
    ['abc', 0, 0xb3dd93fa],
    ['Hello, world!', 0x9747b28c, 0x24884cba],
    ['ππππππππ', 0x9747b28c, 0xd58063c1],
    ['The quick brown fox jumps over the lazy dog', 0x9747b28c, 0x2fa826cd],
  ])('%j with seed %d', (input, seed, expected) => {
    expect(murmur3Hash32(input, seed)).toBe(expected);
  });

  // flagd-testbed's hash edge vectors: keys whose hash (seed 0) is 0, 1, 2^31-1, 2^31, 2^32-1.
  it.each([
    ['ejOoVL', 0],
    ['bY9fO-', 1],
    ['SI7p-', 0x7fffffff],
    ['6LvT0', 0x80000000],
    ['ceQdGm', 0xffffffff],
  ])('edge key %s hashes to %d', (key, expected) => {
    expect(murmur3Hash32(key)).toBe(expected);
  });

  it.each(['é', 'ß€', 'naïve-user@exämple.com', '用户-42', '🚀 launch', '👩‍👩‍👧', 'a\u{10ffff}z'])(
    'hashes %j as its UTF-8 bytes',
    (key) => {
      expect(murmur3Hash32(key)).toBe(murmur3Hash32(new TextEncoder().encode(key)));
    },
  );

  it('encodes a lone surrogate as U+FFFD, as TextEncoder does', () => {
    for (const key of ['\ud800', 'a\udc00b', 'x\ud83d']) {
      expect(murmur3Hash32(key)).toBe(murmur3Hash32(new TextEncoder().encode(key)));
    }
  });

  it('hashes non-ASCII keys differently from their UTF-16 code units truncated to bytes', () => {
    const key = 'ππππ';
    const truncated = Uint8Array.from(key, (char) => char.charCodeAt(0) & 0xff);
    expect(murmur3Hash32(key)).not.toBe(murmur3Hash32(truncated));
  });

  it('hashes a long key the same from its string as from its bytes', () => {
    const key = 'ü'.repeat(1000) + 'tail';
    expect(murmur3Hash32(key)).toBe(murmur3Hash32(new TextEncoder().encode(key)));
  });
});
