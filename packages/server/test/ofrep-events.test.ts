import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, checkoutFlags, flagServerFixture } from './flag-server-fixture.js';
import type { FlagServerFixture } from './flag-server-fixture.js';

const prod = { service: 'shop', env: 'prod' };

interface ServerSentEvent {
  readonly id?: string;
  readonly event?: string;
  readonly data: Record<string, unknown>;
}

/** Reads server-sent events from a streamed fetch body, one `next()` at a time. */
function eventReader(body: ReadableStream<Uint8Array>): {
  next(): Promise<ServerSentEvent>;
  close(): Promise<void>;
} {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const parse = (block: string): ServerSentEvent | undefined => {
    const fields = Object.fromEntries(
      block
        .split('\n')
        .filter((line) => !line.startsWith(':') && line.includes(':'))
        .map((line) => [
          line.slice(0, line.indexOf(':')),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
    );
    if (fields['data'] === undefined) return undefined;
    return {
      ...(fields['id'] === undefined ? {} : { id: fields['id'] }),
      ...(fields['event'] === undefined ? {} : { event: fields['event'] }),
      data: JSON.parse(fields['data']) as Record<string, unknown>,
    };
  };
  return {
    async next() {
      for (;;) {
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const event = parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          if (event !== undefined) return event;
          end = buffer.indexOf('\n\n');
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
    close: () => reader.cancel(),
  };
}

describe('OFREP change stream (SSE)', () => {
  let fixture: FlagServerFixture;
  let url: string;

  beforeAll(async () => {
    fixture = await flagServerFixture('sqlite');
    await fixture.controlPlane.flags.importFlags(prod, checkoutFlags, { actor: 'test' });
    url = await fixture.app.listen({ host: '127.0.0.1', port: 0 });
  });

  it('tells a connected client to re-fetch after each change, with the new ETag', async () => {
    const response = await fetch(`${url}/flags/shop/prod/ofrep/v1/events`, {
      headers: bearer(fixture.viewer),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = eventReader(response.body as ReadableStream<Uint8Array>);
    await fixture.controlPlane.flags.killFlag(prod, 'banner-color', { actor: 'test' });
    const afterKill = await fixture.controlPlane.flags.exportFlags(prod);
    const first = await events.next();
    expect(first).toMatchObject({
      event: 'message',
      id: String(afterKill.revision),
      data: { type: 'refetchEvaluation', etag: afterKill.etag },
    });
    await fixture.controlPlane.flags.rolloutFlag(
      prod,
      'new-checkout',
      { percent: 10, variant: 'on' },
      { actor: 'test' },
    );
    const afterRollout = await fixture.controlPlane.flags.exportFlags(prod);
    const second = await events.next();
    expect(second).toMatchObject({
      event: 'message',
      id: String(afterRollout.revision),
      data: { type: 'refetchEvaluation', etag: afterRollout.etag },
    });
    expect(typeof second.data['lastModified']).toBe('number');
    await events.close();
  });

  it('answers a reconnect with an old Last-Event-ID at once, and refuses strangers', async () => {
    const response = await fetch(`${url}/ofrep/v1/events`, {
      headers: { 'x-api-key': await clientKey(fixture), 'last-event-id': '0' },
    });
    const events = eventReader(response.body as ReadableStream<Uint8Array>);
    expect((await events.next()).data['type']).toBe('refetchEvaluation');
    await events.close();
    const stranger = await fetch(`${url}/ofrep/v1/events`);
    expect(stranger.status).toBe(401);
    expect(await stranger.json()).toEqual({ errorDetails: expect.any(String) });
  });
});

async function clientKey(fixture: FlagServerFixture): Promise<string> {
  return (await fixture.controlPlane.flags.createClientKey(prod, { actor: 'test' })).secret;
}
