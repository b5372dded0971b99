import { murmur3Hash32 } from './murmur3.js';

/** flagd rejects a split whose weights add up past a signed 32-bit integer. */
export const maxTotalWeight = 2_147_483_647;

/**
 * flagd's v2 bucket: `(hash × totalWeight) >> 32` on unsigned integers, in [0, totalWeight).
 * The product can reach 2^63, past a double's exact range, so it is split into 16-bit halves
 * whose partial products stay exact (each below 2^48).
 */
export function fractionalBucket(hash: number, totalWeight: number): number {
  const high = Math.floor(hash / 65_536) * totalWeight;
  const low = (hash % 65_536) * totalWeight;
  return Math.floor(high / 65_536) + Math.floor(((high % 65_536) * 65_536 + low) / 4_294_967_296);
}

/** Bucket entries checked once: variants with their running weight totals. */
export interface FractionalBuckets {
  readonly variants: readonly unknown[];
  readonly cumulative: readonly number[];
  readonly totalWeight: number;
}

/**
 * Checks `[variant, weight?]` entries (weight 1 when omitted). Null for anything malformed: not
 * an array, a variant that is an object, a non-integer weight, or a total past 2^31-1. Negative
 * weights count as zero, as rollout arithmetic may produce them.
 */
export function parseFractionalBuckets(entries: readonly unknown[]): FractionalBuckets | null {
  if (entries.length === 0) return null;
  const variants: unknown[] = [];
  const cumulative: number[] = [];
  let totalWeight = 0;
  for (const entry of entries) {
    if (!Array.isArray(entry) || entry.length === 0 || entry.length > 2) return null;
    const variant: unknown = entry[0];
    if (variant !== null && variant !== undefined && typeof variant === 'object') return null;
    let weight = 1;
    if (entry.length === 2) {
      const raw: unknown = entry[1];
      if (typeof raw !== 'number' || !Number.isInteger(raw)) return null;
      weight = raw < 0 ? 0 : raw;
    }
    totalWeight += weight;
    variants.push(variant ?? null);
    cumulative.push(totalWeight);
  }
  if (totalWeight > maxTotalWeight) return null;
  return { variants, cumulative, totalWeight };
}

/** The variant whose share of [0, totalWeight) holds the key's bucket; null if all weigh 0. */
export function pickFractionalVariant(buckets: FractionalBuckets, bucketingKey: string): unknown {
  const bucket = fractionalBucket(murmur3Hash32(bucketingKey), buckets.totalWeight);
  const { cumulative } = buckets;
  for (let index = 0; index < cumulative.length; index++) {
    if ((cumulative[index] as number) > bucket) return buckets.variants[index];
  }
  return null;
}

/** The default bucketing key: flag key + targeting key; null without a targeting key. */
export function defaultBucketingKey(flagKey: string, targetingKey: unknown): string | null {
  if (targetingKey === undefined || targetingKey === null || targetingKey === '') return null;
  return `${flagKey}${String(targetingKey)}`;
}

/**
 * The `fractional` operator over evaluated arguments. The first argument is the bucketing key
 * when it is a string; otherwise the key is flag key + targeting key and every argument is a
 * bucket. Returns the chosen variant, or null for anything malformed so the default applies.
 */
export function fractional(
  args: readonly unknown[],
  flagKey: string,
  targetingKey: unknown,
): unknown {
  const keyGiven = typeof args[0] === 'string';
  const bucketingKey = keyGiven ? (args[0] as string) : defaultBucketingKey(flagKey, targetingKey);
  if (bucketingKey === null) return null;
  const buckets = parseFractionalBuckets(keyGiven ? args.slice(1) : args);
  return buckets === null ? null : pickFractionalVariant(buckets, bucketingKey);
}
