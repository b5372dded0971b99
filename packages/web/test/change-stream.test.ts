import { describe, expect, it } from 'vitest';
import { eventHasData, followEventStream } from '../src/api/change-stream.js';

function streamOf(chunks: readonly string[]): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

describe('following a server-sent event stream', () => {
  it('tells events from retry lines and comments', () => {
    expect(eventHasData('event: message\nid: 3\ndata: {"type":"refetchEvaluation"}')).toBe(true);
    expect(eventHasData('retry: 5000')).toBe(false);
    expect(eventHasData(': keep-alive')).toBe(false);
  });

  it('calls back per event, across chunk boundaries, sends the token and reconnects', async () => {
    const seen: { url: string; authorization: string }[] = [];
    let changes = 0;
    const stop = new AbortController();
    const reconnected = new Promise<void>((resolve) => {
      followEventStream(
        'http://server/flags/shop/prod/ofrep/v1/events',
        'secret',
        () => {
          changes += 1;
        },
        stop.signal,
        async (url, init) => {
          seen.push({ url, authorization: new Headers(init.headers).get('authorization') ?? '' });
          if (seen.length === 2) {
            stop.abort();
            resolve();
          }
          return streamOf([
            'retry: 5000\n\n',
            'event: message\nid: 1\nda',
            'ta: {"type":"refetchEvaluation"}\n\n: keep-alive\n\n',
            'event: message\r\nid: 2\r\ndata: {}\r\n\r\n',
          ]);
        },
        1,
      );
    });
    await reconnected;
    expect(changes).toBe(2);
    expect(seen).toEqual([
      { url: 'http://server/flags/shop/prod/ofrep/v1/events', authorization: 'Bearer secret' },
      { url: 'http://server/flags/shop/prod/ofrep/v1/events', authorization: 'Bearer secret' },
    ]);
  });
});
