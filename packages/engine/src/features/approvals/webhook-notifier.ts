import { createHmac } from 'node:crypto';
import type { JsonValue } from '@slipway/core';
import type { LedgerEventInput } from '../ledger/ledger-event.js';

/** What webhooks announce. */
export const notificationTypes = [
  'change.requested',
  'change.approved',
  'change.rejected',
  'break_glass.used',
  'review.overdue',
] as const;
export type NotificationType = (typeof notificationTypes)[number];

export interface Notification {
  readonly type: NotificationType;
  readonly subject: string;
  readonly actor: string;
  /** One line for people (the Slack text). */
  readonly summary: string;
  readonly payload: Record<string, JsonValue>;
}

export interface WebhookTarget {
  readonly url: string;
  /** HMAC-SHA256 key; the receiver verifies `X-Slipway-Signature`. */
  readonly secret: string;
  /** `slack`: a `{ "text": … }` body that Slack incoming webhooks accept. */
  readonly format?: 'json' | 'slack';
  /** Only these types (default: all). */
  readonly events?: readonly NotificationType[];
}

export interface Delivery {
  readonly url: string;
  readonly type: NotificationType;
  readonly attempts: number;
  readonly status: 'delivered' | 'failed';
  readonly error: string | null;
}

export interface WebhookNotifierOptions {
  readonly targets: readonly WebhookTarget[];
  /** Attempts per delivery, the first included (default 4). */
  readonly attempts?: number;
  /** First pause between attempts; doubles each time (default 1 s). */
  readonly backoffMs?: number;
  readonly now?: () => Date;
  readonly fetch?: typeof fetch;
  /** Where a delivery that gave up is recorded (the ledger), so failures are visible. */
  readonly recordFailure?: (event: LedgerEventInput) => Promise<unknown>;
  readonly timeoutMs?: number;
}

/**
 * The signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. The timestamp is
 * signed with the body, so a receiver that rejects old timestamps cannot be fed a replay.
 */
export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`, 'utf8').digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/**
 * Posts notifications to webhooks in the background: `notify` never waits for a receiver and
 * never throws, so a slow or broken receiver cannot hold up a deployment or an approval.
 */
export class WebhookNotifier {
  readonly #options: WebhookNotifierOptions;
  readonly #pending = new Set<Promise<void>>();
  readonly deliveries: Delivery[] = [];

  constructor(options: WebhookNotifierOptions) {
    this.#options = options;
  }

  notify(notification: Notification): void {
    for (const target of this.#options.targets) {
      if (target.events !== undefined && !target.events.includes(notification.type)) continue;
      const delivery = this.#deliver(target, notification).finally(() =>
        this.#pending.delete(delivery),
      );
      this.#pending.add(delivery);
    }
  }

  /** Resolves once every delivery started so far has finished (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  async #deliver(target: WebhookTarget, notification: Notification): Promise<void> {
    const attempts = this.#options.attempts ?? 4;
    let pause = this.#options.backoffMs ?? 1_000;
    let error = '';
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      error = await this.#post(target, notification);
      if (error === '') {
        this.deliveries.push({
          url: target.url,
          type: notification.type,
          attempts: attempt,
          status: 'delivered',
          error: null,
        });
        return;
      }
      if (attempt < attempts) {
        await new Promise((resolve) => setTimeout(resolve, pause));
        pause *= 2;
      }
    }
    this.deliveries.push({
      url: target.url,
      type: notification.type,
      attempts,
      status: 'failed',
      error,
    });
    await this.#options
      .recordFailure?.({
        type: 'webhook.failed',
        subject: notification.subject,
        actor: 'slipway',
        payload: { url: target.url, notification: notification.type, attempts, error },
      })
      .catch(() => undefined);
  }

  /** '' when the receiver answered 2xx, else what went wrong. */
  async #post(target: WebhookTarget, notification: Notification): Promise<string> {
    const now = (this.#options.now ?? (() => new Date()))();
    const body = JSON.stringify(
      target.format === 'slack'
        ? { text: `[slipway] ${notification.summary}` }
        : { ...notification, time: now.toISOString() },
    );
    const signature = signWebhook(target.secret, body, Math.floor(now.getTime() / 1000));
    try {
      const response = await (this.#options.fetch ?? fetch)(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-slipway-event': notification.type,
          'x-slipway-signature': signature,
        },
        body,
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 10_000),
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.ok ? '' : `HTTP ${response.status}`;
    } catch (caught) {
      return caught instanceof Error ? caught.message : String(caught);
    }
  }
}
