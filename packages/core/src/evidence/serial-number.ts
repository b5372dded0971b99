import { SlipwayError } from '../errors/slipway-error.js';

/**
 * A UUID from a content digest: the first 128 bits, with the version nibble set to 5 and the
 * RFC 4122 variant, so it matches CycloneDX's `serialNumber` pattern. Same content, same serial:
 * that is what makes two runs byte-identical.
 */
export function uuidFromDigest(hex: string): string {
  if (!/^[0-9a-f]{32,}$/.test(hex)) {
    throw new SlipwayError('USAGE', `digest ${hex} is not lowercase hex of at least 128 bits`, {
      subject: hex,
    });
  }
  const chars = hex.slice(0, 32).split('');
  chars[12] = '5';
  chars[16] = ((Number.parseInt(chars[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const text = chars.join('');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

/** Seconds since the epoch → `2024-01-02T03:04:05Z` (SBOMs carry no fractions: they would differ). */
export function isoSeconds(epochSeconds: number): string {
  if (!Number.isSafeInteger(epochSeconds) || epochSeconds < 0) {
    throw new SlipwayError('USAGE', `timestamp ${epochSeconds} is not whole seconds since 1970`, {
      subject: String(epochSeconds),
    });
  }
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
