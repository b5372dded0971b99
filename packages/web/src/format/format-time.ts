const units: readonly [string, number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
];

/** A short age such as `3d`, `5h`, `12m` or `now`; a future time (clock skew) reads `now`. */
export function formatAge(time: string, now: Date): string {
  const elapsed = now.getTime() - new Date(time).getTime();
  for (const [unit, size] of units) {
    if (elapsed >= size) return `${Math.floor(elapsed / size)}${unit}`;
  }
  return 'now';
}

/** `3d ago`, or `just now` within the minute. */
export function formatAgo(time: string, now: Date): string {
  const age = formatAge(time, now);
  return age === 'now' ? 'just now' : `${age} ago`;
}

/** A duration in minutes, hours or days: `12m`, `36.5h`, `4.2d`; `–` when there is none. */
export function formatDuration(milliseconds: number | null): string {
  if (milliseconds === null) return '–';
  const hours = milliseconds / 3_600_000;
  if (hours < 1) return `${Math.round(milliseconds / 60_000)}m`;
  if (hours < 48) return `${hours.toFixed(1)}h`;
  return `${(hours / 24).toFixed(1)}d`;
}

/** `2026-11-26 15:04 UTC`: one zone for everyone who reads the same page. */
export function formatTime(time: string): string {
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `sha256:` and the first 12 hex digits: enough to tell artifacts apart at a glance. */
export function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.includes(':') ? digest.split(':', 2) : ['', digest];
  const short = (hex ?? '').slice(0, 12);
  return algorithm === '' ? short : `${algorithm}:${short}`;
}
