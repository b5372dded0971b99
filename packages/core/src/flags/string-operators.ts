/**
 * `starts_with` and `ends_with` over evaluated arguments. Anything but two strings gives null,
 * not false, so a flag whose whole targeting is the operator falls back to its default variant
 * instead of looking up a variant named "false" (flagd issue 1874).
 */
export function startsWith(args: readonly unknown[]): boolean | null {
  const [text, prefix] = args;
  if (args.length !== 2 || typeof text !== 'string' || typeof prefix !== 'string') return null;
  return text.startsWith(prefix);
}

export function endsWith(args: readonly unknown[]): boolean | null {
  const [text, suffix] = args;
  if (args.length !== 2 || typeof text !== 'string' || typeof suffix !== 'string') return null;
  return text.endsWith(suffix);
}
