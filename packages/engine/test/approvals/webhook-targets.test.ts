import { describe, expect, it } from 'vitest';
import { webhookTargetsFromEnv } from '../../src/index.js';

describe('webhookTargetsFromEnv', () => {
  it('reads targets, and none when unset', () => {
    expect(webhookTargetsFromEnv({})).toEqual([]);
    const targets = [
      { url: 'https://hooks.example/slipway', secret: 'a-secret-of-16-chars', format: 'slack' },
    ];
    expect(webhookTargetsFromEnv({ SLIPWAY_WEBHOOKS: JSON.stringify(targets) })).toEqual(targets);
  });

  it('names what is wrong', () => {
    expect(() => webhookTargetsFromEnv({ SLIPWAY_WEBHOOKS: '[{' })).toThrow(
      'SLIPWAY_WEBHOOKS is not valid JSON',
    );
    expect(() =>
      webhookTargetsFromEnv({
        SLIPWAY_WEBHOOKS: JSON.stringify([{ url: 'https://h.example', secret: 'short' }]),
      }),
    ).toThrow('SLIPWAY_WEBHOOKS 0.secret: at least 16 characters');
    expect(() =>
      webhookTargetsFromEnv({
        SLIPWAY_WEBHOOKS: JSON.stringify([{ url: 'ftp://h.example', secret: 'x'.repeat(16) }]),
      }),
    ).toThrow('SLIPWAY_WEBHOOKS 0.url');
  });
});
