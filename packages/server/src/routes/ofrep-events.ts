import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FlagScope, FlagService } from '@slipway/engine';

/** How often an open stream checks the revision, for changes made by other servers. */
const pollMs = 2_000;
/** A comment line now and then keeps proxies from closing an idle stream. */
const heartbeatMs = 25_000;

/** The `eventStreams` entry of a bulk answer: the stream beside the evaluation endpoint. */
export function eventStreamEntry(prefix: string): {
  type: 'sse';
  endpoint: { requestUri: string };
  inactivityDelaySec: number;
} {
  return {
    type: 'sse',
    endpoint: { requestUri: `${prefix}/ofrep/v1/events` },
    inactivityDelaySec: 120,
  };
}

/**
 * OFREP's SSE change stream (`event-streams.yaml`): one `message` event with
 * `{"type":"refetchEvaluation","etag","lastModified"}` per change of the environment's flags.
 * Changes made in this process arrive at once; a poll of the revision catches those of other
 * servers on the same database. The event id is the revision, so a client that reconnects with
 * an older `Last-Event-ID` is told to re-fetch straight away.
 */
export class OfrepEventStreams {
  readonly #flags: FlagService;
  readonly #open = new Set<(destroy?: boolean) => void>();

  constructor(flags: FlagService) {
    this.#flags = flags;
  }

  async open(request: FastifyRequest, reply: FastifyReply, scope: FlagScope): Promise<void> {
    let last = await this.#flags.snapshot(scope);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
      // A stream never goes back to a keep-alive pool: its end closes the connection, so a
      // closing server is not left waiting on a socket the client keeps for reuse.
      connection: 'close',
    });
    raw.write('retry: 5000\n\n');
    const send = (): void => {
      const data = JSON.stringify({
        type: 'refetchEvaluation',
        etag: last.etag,
        lastModified: Math.floor(Date.now() / 1000),
      });
      raw.write(`event: message\nid: ${last.revision}\ndata: ${data}\n\n`);
    };
    const lastEventId = request.headers['last-event-id'];
    if (typeof lastEventId === 'string' && lastEventId !== String(last.revision)) send();
    let checking = false;
    let again = false;
    const check = async (): Promise<void> => {
      // A change seen while a check runs is checked again after it, never dropped.
      if (checking) {
        again = true;
        return;
      }
      checking = true;
      try {
        do {
          again = false;
          const now = await this.#flags.snapshot(scope);
          if (now.etag !== last.etag) {
            last = now;
            send();
          }
        } while (again);
      } catch (error) {
        request.log.error({ err: error }, 'OFREP event stream could not read the flags');
      } finally {
        checking = false;
      }
    };
    const unsubscribe = this.#flags.onChange((changed) => {
      if (changed.service === scope.service && changed.env === scope.env) void check();
    });
    const poll = setInterval(() => void check(), pollMs);
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), heartbeatMs);
    const close = (destroy = false): void => {
      clearInterval(poll);
      clearInterval(heartbeat);
      unsubscribe();
      if (!this.#open.delete(close)) return;
      raw.end();
      // At shutdown the socket goes too: a client's kept-alive socket would hold the close up.
      if (destroy) raw.socket?.destroy();
    };
    this.#open.add(close);
    // The response's close: the client left (or the stream ended), whichever comes first.
    raw.on('close', () => close());
  }

  /** Ends every open stream: a closing server must not wait for clients that never leave. */
  closeAll(): void {
    for (const close of [...this.#open]) close(true);
  }
}
