/** The statements inside a Sigstore bundle, a `.intoto.jsonl` file or a bare statement, undecoded claims. */
export function statementsIn(text: string): Record<string, unknown>[] {
  const documents = parseDocuments(text);
  return documents.flatMap((document) => {
    const envelope = isRecord(document['dsseEnvelope']) ? document['dsseEnvelope'] : document;
    if (typeof envelope['payload'] === 'string') {
      try {
        const statement: unknown = JSON.parse(
          Buffer.from(envelope['payload'], 'base64').toString('utf8'),
        );
        return isRecord(statement) ? [statement] : [];
      } catch {
        return [];
      }
    }
    return typeof document['_type'] === 'string' ? [document] : [];
  });
}

function parseDocuments(text: string): Record<string, unknown>[] {
  try {
    const whole: unknown = JSON.parse(text);
    return isRecord(whole) ? [whole] : [];
  } catch {
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .flatMap((line) => {
        try {
          const value: unknown = JSON.parse(line);
          return isRecord(value) ? [value] : [];
        } catch {
          return [];
        }
      });
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
