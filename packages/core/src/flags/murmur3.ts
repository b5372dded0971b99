/**
 * MurmurHash3 x86_32 over the UTF-8 bytes of a string, as flagd's `fractional` needs it.
 *
 * The string is encoded to UTF-8 here, code point by code point (surrogate pairs joined, lone
 * surrogates as U+FFFD like TextEncoder), because hashing UTF-16 code units, as some JavaScript
 * MurmurHash libraries do, gives other buckets than flagd for any non-ASCII key.
 */
let scratch = new Uint8Array(256);

/** MurmurHash3 x86_32 of `input` (a string is hashed as its UTF-8 bytes), unsigned. */
export function murmur3Hash32(input: string | Uint8Array, seed = 0): number {
  if (typeof input !== 'string') return murmur3Bytes(input, input.length, seed);
  const length = encodeUtf8(input);
  return murmur3Bytes(scratch, length, seed);
}

/** Writes the UTF-8 bytes of `text` into `scratch` (grown as needed); returns their count. */
function encodeUtf8(text: string): number {
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  const bytes = scratch;
  let length = 0;
  for (let index = 0; index < text.length; index++) {
    let code = text.charCodeAt(index);
    if (code < 0x80) {
      bytes[length++] = code;
      continue;
    }
    if (code < 0x800) {
      bytes[length++] = 0xc0 | (code >> 6);
      bytes[length++] = 0x80 | (code & 0x3f);
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = index + 1 < text.length ? text.charCodeAt(index + 1) : 0;
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        index++;
        bytes[length++] = 0xf0 | (code >> 18);
        bytes[length++] = 0x80 | ((code >> 12) & 0x3f);
        bytes[length++] = 0x80 | ((code >> 6) & 0x3f);
        bytes[length++] = 0x80 | (code & 0x3f);
        continue;
      }
      code = 0xfffd;
    }
    bytes[length++] = 0xe0 | (code >> 12);
    bytes[length++] = 0x80 | ((code >> 6) & 0x3f);
    bytes[length++] = 0x80 | (code & 0x3f);
  }
  return length;
}

const c1 = 0xcc9e2d51;
const c2 = 0x1b873593;

function mixBlock(k: number): number {
  k = Math.imul(k, c1);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, c2);
}

function murmur3Bytes(bytes: Uint8Array, length: number, seed: number): number {
  let hash = seed | 0;
  const blocks = length & ~3;
  for (let index = 0; index < blocks; index += 4) {
    const k =
      (bytes[index] as number) |
      ((bytes[index + 1] as number) << 8) |
      ((bytes[index + 2] as number) << 16) |
      ((bytes[index + 3] as number) << 24);
    hash ^= mixBlock(k);
    hash = (hash << 13) | (hash >>> 19);
    hash = (Math.imul(hash, 5) + 0xe6546b64) | 0;
  }
  const rest = length & 3;
  if (rest > 0) {
    let tail = bytes[blocks] as number;
    if (rest > 1) tail |= (bytes[blocks + 1] as number) << 8;
    if (rest > 2) tail |= (bytes[blocks + 2] as number) << 16;
    hash ^= mixBlock(tail);
  }
  hash ^= length;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
