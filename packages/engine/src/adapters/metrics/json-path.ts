import { SlipwayError } from '@slipway/core';

/** One step of a path: a member name, an array index, or every element / member. */
export type JsonPathSegment =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'wildcard' };

export interface CompiledJsonPath {
  readonly source: string;
  readonly segments: readonly JsonPathSegment[];
  /** With a wildcard the path selects a list; without, one value. */
  readonly multiple: boolean;
}

function invalid(path: string, at: number, why: string): SlipwayError {
  return new SlipwayError(
    'CONFIG_INVALID',
    `jsonPath ${JSON.stringify(path)} is not supported at position ${at}: ${why}`,
    {
      subject: 'jsonPath',
      hint: 'supported: $, .name, [\'name\'], ["name"], [0], [*], .*',
    },
  );
}

/**
 * Parses the JSONPath subset metric sources need: `$`, `.name`, `['name']` / `["name"]`, `[n]`
 * (n ≥ 0, or negative from the end), `[*]` and `.*`. Argo Rollouts' `{$.data.ok}` form (in braces)
 * is accepted too. Filters, slices and recursive descent are refused with the position.
 */
export function compileJsonPath(path: string): CompiledJsonPath {
  const text = /^\{.*\}$/s.test(path.trim()) ? path.trim().slice(1, -1).trim() : path.trim();
  if (!text.startsWith('$')) throw invalid(path, 0, 'a path starts with $');
  const segments: JsonPathSegment[] = [];
  let i = 1;
  while (i < text.length) {
    const rest = text.slice(i);
    let match: RegExpMatchArray | null;
    if (rest.startsWith('..')) throw invalid(path, i, 'recursive descent (..) is not supported');
    if ((match = /^\.\*/.exec(rest)) || (match = /^\[\s*\*\s*\]/.exec(rest))) {
      segments.push({ kind: 'wildcard' });
    } else if ((match = /^\.([A-Za-z_$][\w$-]*)/.exec(rest))) {
      segments.push({ kind: 'name', name: match[1] ?? '' });
    } else if ((match = /^\[\s*(-?\d+)\s*\]/.exec(rest))) {
      segments.push({ kind: 'index', index: Number(match[1]) });
    } else if ((match = /^\[\s*'((?:[^'\\]|\\.)*)'\s*\]/.exec(rest))) {
      segments.push({ kind: 'name', name: (match[1] ?? '').replace(/\\(.)/g, '$1') });
    } else if ((match = /^\[\s*"((?:[^"\\]|\\.)*)"\s*\]/.exec(rest))) {
      segments.push({ kind: 'name', name: (match[1] ?? '').replace(/\\(.)/g, '$1') });
    } else {
      throw invalid(path, i, `unexpected ${JSON.stringify(rest.slice(0, 10))}`);
    }
    i += match[0].length;
  }
  return { source: path, segments, multiple: segments.some((s) => s.kind === 'wildcard') };
}

function step(value: unknown, segment: JsonPathSegment): unknown[] {
  if (segment.kind === 'wildcard') {
    if (Array.isArray(value)) return value as unknown[];
    return value !== null && typeof value === 'object' ? Object.values(value) : [];
  }
  if (segment.kind === 'index') {
    if (!Array.isArray(value)) return [];
    const index = segment.index < 0 ? value.length + segment.index : segment.index;
    return index >= 0 && index < value.length ? [value[index] as unknown] : [];
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.hasOwn(value, segment.name)
    ? [(value as Record<string, unknown>)[segment.name]]
    : [];
}

/**
 * Every value the path selects in `document`, in document order. A path without wildcards
 * selects at most one.
 */
export function selectJsonPath(path: CompiledJsonPath, document: unknown): unknown[] {
  return path.segments.reduce<unknown[]>(
    (values, segment) => values.flatMap((value) => step(value, segment)),
    [document],
  );
}
