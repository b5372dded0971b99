import type { ActOptions } from './control-plane.js';
import type { HttpCall, HttpTransport } from './http-control-plane-transport.js';
import { pathOf } from './http-control-plane-transport.js';
import type { RolloutControlPlane, RolloutQuery } from '../rollouts/rollout-control-plane.js';
import type { Rollout } from '../rollouts/rollout-record.js';

type Verb = 'promote' | 'abort' | 'retry' | 'pause' | 'resume';

/** The rollout operations of a running `slipway serve`, over its HTTP API. */
export class HttpRolloutControlPlane implements RolloutControlPlane {
  readonly #http: HttpTransport;

  constructor(http: HttpTransport) {
    this.#http = http;
  }

  listRollouts(query: RolloutQuery = {}): Promise<Rollout[]> {
    return this.#http.call({ method: 'GET', path: '/api/rollouts', query: { ...query } });
  }

  getRollout(id: string): Promise<Rollout> {
    return this.#http.call({ method: 'GET', path: pathOf('/api/rollouts', id) });
  }

  promoteRollout(id: string, options: ActOptions & { readonly full?: boolean }): Promise<Rollout> {
    return this.#control(
      id,
      'promote',
      options.full === undefined ? {} : { full: options.full },
      options,
    );
  }

  abortRollout(id: string, options: ActOptions & { readonly reason?: string }): Promise<Rollout> {
    const body = options.reason === undefined ? {} : { reason: options.reason };
    return this.#control(id, 'abort', body, options);
  }

  retryRollout(id: string, options: ActOptions): Promise<Rollout> {
    return this.#control(id, 'retry', {}, options);
  }

  pauseRollout(id: string, options: ActOptions): Promise<Rollout> {
    return this.#control(id, 'pause', {}, options);
  }

  resumeRollout(id: string, options: ActOptions): Promise<Rollout> {
    return this.#control(id, 'resume', {}, options);
  }

  #control(id: string, verb: Verb, body: object, options: ActOptions): Promise<Rollout> {
    const call: HttpCall = {
      method: 'POST',
      path: `${pathOf('/api/rollouts', id)}/${verb}`,
      body,
      ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
    };
    return this.#http.call(call);
  }
}
