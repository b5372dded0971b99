import { z } from 'zod';
import type { JsonValue } from '@slipway/core';
import { SlipwayError } from '@slipway/core';
import type { ActOptions } from '../control-plane/control-plane.js';
import type { HttpCall } from '../control-plane/http-control-plane-transport.js';
import type { LedgerEvent, LedgerEventInput } from '../ledger/ledger-event.js';
import type { ImageEvents } from './image-service.js';

/** The image events a client that talks to registries itself records through the control plane. */
export const imageEventTypes = ['image.recorded', 'image.tagged', 'image.promoted'] as const;
export type ImageEventType = (typeof imageEventTypes)[number];

/** The request body of `POST /api/images/events`, and what the embedded plane checks alike. */
export const imageEventSchema = z.strictObject({
  type: z.enum(imageEventTypes),
  /** The image by digest: `artifact:sha256:…`, as the ledger names artifacts. */
  subject: z.string().regex(/^artifact:sha256:[0-9a-f]{64}$/, 'artifact:sha256:<64 hex>'),
  payload: z.record(z.string(), z.json()),
});

export type ImageEventInput = z.output<typeof imageEventSchema>;

/**
 * Where a tag move or promotion done by a client (the CLI talks to registries itself) becomes a
 * ledger event, the same embedded and over HTTP: the move is recorded before the tag is written.
 * HTTP: `POST /api/images/events` (`artifacts.register`; `image.promoted` also needs
 * `deployments.create`).
 */
export interface ImagePlane {
  recordImageEvent(input: ImageEventInput, options: ActOptions): Promise<LedgerEvent>;
}

/** Checks an event the way the route does, naming the field that is wrong. */
export function parseImageEvent(input: unknown): ImageEventInput {
  const parsed = imageEventSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') ?? 'event';
  throw new SlipwayError('USAGE', `image event ${field}: ${issue?.message ?? 'invalid'}`, {
    subject: field,
  });
}

/** In this process: straight into the ledger. */
export class EmbeddedImagePlane implements ImagePlane {
  readonly #ledger: { append(event: LedgerEventInput): Promise<LedgerEvent> };

  constructor(ledger: { append(event: LedgerEventInput): Promise<LedgerEvent> }) {
    this.#ledger = ledger;
  }

  recordImageEvent(input: ImageEventInput, options: ActOptions): Promise<LedgerEvent> {
    const event = parseImageEvent(input);
    return this.#ledger.append({
      type: event.type,
      subject: event.subject,
      actor: options.actor,
      payload: event.payload as JsonValue,
    });
  }
}

type Call = <T>(call: HttpCall) => Promise<T>;

/** Over the HTTP API of `slipway serve`; the server records its token as the actor. */
export class HttpImagePlane implements ImagePlane {
  readonly #call: Call;

  constructor(call: Call) {
    this.#call = call;
  }

  recordImageEvent(input: ImageEventInput, options: ActOptions): Promise<LedgerEvent> {
    return this.#call({
      method: 'POST',
      path: '/api/images/events',
      body: input,
      ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
    });
  }
}

/** The ImageService's event port over an image plane, acting as `options.actor`. */
export function imageEventsThrough(plane: ImagePlane, options: ActOptions): ImageEvents {
  return {
    append: (event) =>
      plane.recordImageEvent(
        parseImageEvent({ type: event.type, subject: event.subject, payload: event.payload ?? {} }),
        options,
      ),
  };
}
