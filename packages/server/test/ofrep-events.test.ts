import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, checkoutFlags, flagServerFixture } from './flag-server-fixture.js';
import type { FlagServerFixture } from './flag-server-fixture.js';

const prod = { service: 'shop', env: 'prod' };

/** Reads server-sent events from a streamed fetch body until `count` events arrived. */
async function readEvents(
  body: ReadableStream<Uint8Array>,
  count: number,
): Promise<{ id?: string; event?: string; data: Record<string, unknown> }[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const events: { id?: string; event?: string; data: Record<string, unknown> }[] = [];
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = Object.fromEntries(
        block
          .split('\n')
          .filter((line) => !line.startsWith(':') && line.includes(':'))
          .map((line) => [
            line.slice(0, line.indexOf(':')),
            line.slice(line.indexOf(':') + 1).trim(),
          ]),
      );
      if (fields['data'] !== undefined) {
        events.push({
          ...(fields['id'] === undefined ? {} : { id: fields['id'] }),
          ...(fields['event'] === undefined ? {} : { event: fields['event'] }),
          data: JSON.parse(fields['data']) as Record<string, unknown>,
        });
      }
      end = buffer.indexOf('\n\n');
    }
  }
  await reader.cancel();
  return events;
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
    const events = readEvents(response.body as ReadableStream<Uint8Array>, 2);
    // Give the stream a moment to subscribe before the changes.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await fixture.controlPlane.flags.killFlag(prod, 'banner-color', { actor: 'test' });
    const afterKill = (await fixture.controlPlane.flags.exportFlags(prod)).etag;
    await fixture.controlPlane.flags.rolloutFlag(
      prod,
      'new-checkout',
      { percent: 10, variant: 'on' },
      { actor: 'test' },
    );
    const afterRollout = await fixture.controlPlane.flags.exportFlags(prod);
    const received = await events;
    expect(received.map((event) => event.event)).toEqual(['message', 'message']);
    expect(received[0]?.data).toMatchObject({ type: 'refetchEvaluation', etag: afterKill });
    expect(received[1]?.data).toMatchObject({ type: 'refetchEvaluation', etag: afterRollout.etag });
    expect(received[1]?.id).toBe(String(afterRollout.revision));
    expect(typeof received[1]?.data['lastModified']).toBe('number');
  });

  it('answers a reconnect with an old Last-Event-ID at once, and refuses strangers', async () => {
    const response = await fetch(`${url}/ofrep/v1/events`, {
      headers: { 'x-api-key': await clientKey(fixture), 'last-event-id': '0' },
    });
    const [event] = await readEvents(response.body as ReadableStream<Uint8Array>, 1);
    expect(event?.data['type']).toBe('refetchEvaluation');
    const stranger = await fetch(`${url}/ofrep/v1/events`);
    expect(stranger.status).toBe(401);
    expect(await stranger.json()).toEqual({ errorDetails: expect.any(String) });
  });
});

async function clientKey(fixture: FlagServerFixture): Promise<string> {
  return (await fixture.controlPlane.flags.createClientKey(prod, { actor: 'test' })).secret;
}
