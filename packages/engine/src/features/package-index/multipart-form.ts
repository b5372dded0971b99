import { randomBytes } from 'node:crypto';
import { SlipwayError } from '@slipway/core';

export interface MultipartPart {
  readonly name: string;
  /** Set for file parts. */
  readonly filename: string | undefined;
  readonly data: Buffer;
}

/** The boundary of a `multipart/form-data` Content-Type, or a USAGE error. */
export function multipartBoundary(contentType: string | undefined): string {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  const boundary = match?.[1] ?? match?.[2];
  if (!/^multipart\/form-data/i.test(contentType ?? '') || boundary === undefined) {
    throw new SlipwayError('USAGE', 'send the upload as multipart/form-data with a boundary', {
      subject: 'content-type',
    });
  }
  return boundary;
}

/** RFC 7578: parts between `--boundary` lines, each with headers and a body. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let position = body.indexOf(delimiter);
  if (position === -1) throw malformedMultipart('no boundary line');
  for (;;) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString() === '--') return parts;
    position = skipLineBreak(body, position);
    const headerEnd = body.indexOf('\r\n\r\n', position);
    if (headerEnd === -1) throw malformedMultipart('a part has no end of headers');
    const headers = body.toString('utf8', position, headerEnd);
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next === -1) throw malformedMultipart('a part is not closed by the boundary');
    const disposition = /^content-disposition:\s*form-data(.*)$/im.exec(headers)?.[1] ?? '';
    const name = formDataParameter(disposition, 'name');
    if (name === undefined) throw malformedMultipart('a part has no name');
    parts.push({
      name,
      filename: formDataParameter(disposition, 'filename'),
      data: body.subarray(headerEnd + 4, next),
    });
    position = next + 2;
  }
}

/** A parameter (`name`, `filename`) of a Content-Disposition header's value. */
export function formDataParameter(disposition: string, key: string): string | undefined {
  const match = new RegExp(`;\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(disposition);
  if (match?.[1] !== undefined) return match[1].replace(/\\(.)/g, '$1');
  return new RegExp(`;\\s*${key}=([^;\\s]+)`, 'i').exec(disposition)?.[1];
}

function skipLineBreak(body: Buffer, position: number): number {
  if (body[position] === 0x0d && body[position + 1] === 0x0a) return position + 2;
  throw malformedMultipart('a boundary line is not followed by a line break');
}

export function malformedMultipart(reason: string): SlipwayError {
  return new SlipwayError('USAGE', `malformed multipart/form-data body: ${reason}`, {
    subject: 'body',
  });
}

export interface MultipartFile {
  readonly name: string;
  readonly filename: string;
  readonly data: Buffer;
}

/** Encodes text fields (in order, repeats kept) and one file part; returns body and type. */
export function encodeMultipart(
  fields: readonly (readonly [string, string])[],
  file: MultipartFile,
): { body: Buffer; contentType: string } {
  const boundary = `slipway${randomBytes(16).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of fields) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  chunks.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.name)}"; filename="${quote(file.filename)}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function quote(text: string): string {
  return text.replace(/["\\\r\n]/g, (character) => encodeURIComponent(character));
}
