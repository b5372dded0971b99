type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/**
 * Calls `onChange` for each event of a server-sent event stream read with `fetch` (EventSource
 * cannot send the Authorization header), reconnecting after `retryMs` when the stream ends or
 * fails, until `signal` aborts. Used for the flags' OFREP change stream
 * (`/flags/<service>/<env>/ofrep/v1/events`), which says "re-fetch" on every change.
 */
export function followEventStream(
  url: string,
  token: string,
  onChange: () => void,
  signal: AbortSignal,
  fetchFn: Fetch = (input, init) => fetch(input, init),
  retryMs = 5_000,
): void {
  const connect = async (): Promise<void> => {
    try {
      const response = await fetchFn(url, {
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
        signal,
      });
      const reader = response.ok ? response.body?.getReader() : undefined;
      if (reader !== undefined) await readEvents(reader, onChange);
    } catch {
      // A dropped connection or an abort: the retry below decides.
    }
    if (!signal.aborted) setTimeout(() => void connect(), retryMs);
  };
  void connect();
}

async function readEvents(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  onChange: () => void,
): Promise<void> {
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffered += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    const blocks = buffered.split('\n\n');
    buffered = blocks.pop() ?? '';
    if (blocks.some((block) => eventHasData(block))) onChange();
  }
}

/** A block with a `data:` line is an event; `retry:` and `: keep-alive` comments are not. */
export function eventHasData(block: string): boolean {
  return block.split('\n').some((line) => line.startsWith('data:'));
}
