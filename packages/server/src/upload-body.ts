import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SlipwayError } from '@slipway/core';

/** Default bound of one artifact upload. */
export const defaultMaxUploadBytes = 512 * 1024 * 1024;

/**
 * Hands the request stream through unread, so an upload goes to the blob store chunk by chunk
 * instead of being buffered in memory (Fastify's bodyLimit applies to parsed bodies only).
 */
export function acceptStreamedBodies(app: FastifyInstance): void {
  app.addContentTypeParser('application/octet-stream', (_request, payload, done) => {
    done(null, payload);
  });
}

/** Bytes of an unwanted upload read and dropped after the answer; beyond, the connection closes. */
const maxDiscardBytes = 16 * 1024 * 1024;

export interface LimitedBody {
  readonly stream: Readable;
  /** True once the body passed the limit: whatever the consumer then reports, it is a 413. */
  exceeded(): boolean;
  /**
   * Reads and drops what the handler left unread (it refused the upload, or a replay answered
   * it). Unread, the client would block sending it and never see the answer.
   */
  discardRest(): void;
}

/** The streamed body of an upload, failing with TOO_LARGE as soon as it passes the limit. */
export function limitedUploadBody(request: FastifyRequest, maxBytes: number): LimitedBody {
  const body = request.body;
  if (!isReadable(body)) {
    throw new SlipwayError(
      'USAGE',
      'body: send the bytes as Content-Type: application/octet-stream',
      { subject: 'body' },
    );
  }
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  let seen = 0;
  let exceeded = false;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) {
        exceeded = true;
        callback(tooLarge(maxBytes));
      } else callback(null, chunk);
    },
  });
  body.on('error', (error) => counter.destroy(error));
  // The consumer sees errors through its reads; without a listener of our own, `pipe` would
  // re-throw the error when the consumer stopped listening first (an uncaught exception).
  counter.on('error', () => undefined);
  body.pipe(counter);
  return {
    stream: counter,
    exceeded: () => exceeded,
    discardRest: () => {
      if (body.readableEnded) return;
      body.unpipe(counter);
      let discarded = 0;
      body.on('data', (chunk: Buffer) => {
        discarded += chunk.length;
        if (discarded > maxDiscardBytes) request.raw.destroy();
      });
      body.resume();
    },
  };
}

export function tooLarge(maxBytes: number): SlipwayError {
  return new SlipwayError('TOO_LARGE', `the upload is larger than the limit of ${maxBytes} bytes`, {
    subject: 'body',
  });
}

function isReadable(value: unknown): value is Readable {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Readable).pipe === 'function' &&
    typeof (value as Readable).on === 'function'
  );
}
