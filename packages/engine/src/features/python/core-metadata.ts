/**
 * Core metadata (METADATA, PKG-INFO): RFC 822 style headers, continuation lines indented, the
 * description as the body after the first blank line. Field names keep their spelling; values
 * of repeated fields (Classifier, Requires-Dist, …) stay in order.
 */
export interface CoreMetadata {
  readonly fields: ReadonlyMap<string, readonly string[]>;
  /** The message body (the long description), or null when there is none. */
  readonly body: string | null;
}

export function parseCoreMetadata(text: string): CoreMetadata {
  const fields = new Map<string, string[]>();
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let last: { name: string; values: string[] } | undefined;
  let index = 0;
  for (; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (line === '') break;
    if ((line.startsWith(' ') || line.startsWith('\t')) && last !== undefined) {
      const values = last.values;
      values[values.length - 1] =
        `${values[values.length - 1] ?? ''}\n${line.replace(/^ {7}\|?|^\t/, '')}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    const values = fields.get(name) ?? [];
    values.push(value);
    fields.set(name, values);
    last = { name, values };
  }
  const rest = lines.slice(index + 1).join('\n');
  return { fields, body: rest.trim() === '' ? null : rest };
}

/** The first value of a field, matched case-insensitively (as email headers are). */
export function metadataField(metadata: CoreMetadata, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [field, values] of metadata.fields) {
    if (field.toLowerCase() === wanted) return values[0];
  }
  return undefined;
}

/** Form names of the upload API where they are not the header name lower-cased with `_`. */
const formNames: Readonly<Record<string, string>> = {
  classifier: 'classifiers',
  'project-url': 'project_urls',
  'description-content-type': 'description_content_type',
  'home-page': 'home_page',
};

/**
 * The metadata as the fields of the upload form twine sends: one pair per value (repeated
 * fields repeated), and the body as `description` unless a Description header carried it.
 */
export function uploadFormFields(metadata: CoreMetadata): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [field, values] of metadata.fields) {
    const lower = field.toLowerCase();
    const name = formNames[lower] ?? lower.replace(/-/g, '_');
    for (const value of values) pairs.push([name, value]);
  }
  if (metadata.body !== null && !pairs.some(([name]) => name === 'description')) {
    pairs.push(['description', metadata.body]);
  }
  return pairs;
}
