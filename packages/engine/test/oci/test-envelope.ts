/** A DSSE envelope around an in-toto statement of `predicateType`, as attached to images. */
export function testEnvelope(predicateType: string): Buffer {
  const statement = Buffer.from(
    JSON.stringify({ _type: 'https://in-toto.io/Statement/v1', predicateType }),
  );
  return Buffer.from(
    JSON.stringify({
      payloadType: 'application/vnd.in-toto+json',
      payload: statement.toString('base64'),
      signatures: [{ keyid: 'k', sig: 'c2ln' }],
    }),
  );
}
