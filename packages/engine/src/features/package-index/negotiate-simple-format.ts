/** The simple API's formats (PEP 691), in the order the server prefers them on a tie. */
export const simpleContentTypes = {
  json: 'application/vnd.pypi.simple.v1+json',
  html: 'application/vnd.pypi.simple.v1+html',
  legacyHtml: 'text/html',
} as const;

export type SimpleFormat = keyof typeof simpleContentTypes;

const preference: readonly SimpleFormat[] = ['json', 'html', 'legacyHtml'];

/** Which media ranges each format answers (`latest` is v1 here). */
const ranges: Readonly<Record<SimpleFormat, readonly string[]>> = {
  json: ['application/vnd.pypi.simple.v1+json', 'application/vnd.pypi.simple.latest+json'],
  html: ['application/vnd.pypi.simple.v1+html', 'application/vnd.pypi.simple.latest+html'],
  legacyHtml: ['text/html', 'text/*'],
};

/**
 * PEP 691 content negotiation: the acceptable format with the highest q-value, ties broken by
 * specificity of the range and then by the server's preference; no Accept header (or only
 * `*\/*`) means text/html, the PEP 503 format every installer reads. Undefined: 406.
 */
export function negotiateSimpleFormat(accept: string | undefined): SimpleFormat | undefined {
  if (accept === undefined || accept.trim() === '') return 'legacyHtml';
  const quality = new Map<SimpleFormat, { q: number; exact: number }>();
  for (const part of accept.split(',')) {
    const [rawType = '', ...parameters] = part.split(';');
    const type = rawType.trim().toLowerCase();
    let q = 1;
    for (const parameter of parameters) {
      const [key, value] = parameter.split('=').map((piece) => piece.trim());
      if (key?.toLowerCase() === 'q') q = Number(value);
    }
    if (!Number.isFinite(q) || q <= 0) continue;
    for (const format of preference) {
      const exact = ranges[format].includes(type) && type !== 'text/*' ? 2 : 0;
      const wildcard = type === '*/*' || (type === 'text/*' && format === 'legacyHtml') ? 1 : 0;
      const specificity = Math.max(exact, wildcard);
      if (specificity === 0) continue;
      // A wildcard never lifts a format above what a specific range said about it.
      const known = quality.get(format);
      if (
        known === undefined ||
        specificity > known.exact ||
        (specificity === known.exact && q > known.q)
      ) {
        quality.set(format, { q, exact: specificity });
      }
    }
  }
  let best: SimpleFormat | undefined;
  let bestQ = 0;
  for (const format of preference) {
    const candidate = quality.get(format);
    // Only `*/*` matched: the default format wins, not the first in preference.
    if (candidate === undefined) continue;
    const q = candidate.exact === 1 && format !== 'legacyHtml' ? candidate.q - 1e-9 : candidate.q;
    if (q > bestQ) {
      best = format;
      bestQ = q;
    }
  }
  return best;
}
