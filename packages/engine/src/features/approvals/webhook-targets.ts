import { z } from 'zod';
import { SlipwayError } from '@slipway/core';
import type { WebhookTarget } from './webhook-notifier.js';
import { notificationTypes } from './webhook-notifier.js';

const targetsSchema = z.array(
  z
    .object({
      url: z.url({ protocol: /^https?$/ }),
      secret: z.string().min(16, 'at least 16 characters'),
      format: z.enum(['json', 'slack']).optional(),
      events: z.array(z.enum(notificationTypes)).optional(),
    })
    .strict(),
);

/**
 * Webhook targets from `SLIPWAY_WEBHOOKS` (a JSON array of `{url, secret, format?, events?}`):
 * an environment variable, because the secrets must not sit in the database or the policy
 * that viewers can read.
 */
export function webhookTargetsFromEnv(env: NodeJS.ProcessEnv): WebhookTarget[] {
  const text = env['SLIPWAY_WEBHOOKS'];
  if (text === undefined || text.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SlipwayError('CONFIG_INVALID', 'SLIPWAY_WEBHOOKS is not valid JSON', {
      subject: 'SLIPWAY_WEBHOOKS',
      cause: error,
    });
  }
  const result = targetsSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new SlipwayError(
      'CONFIG_INVALID',
      `SLIPWAY_WEBHOOKS ${issue?.path.map(String).join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
      { subject: 'SLIPWAY_WEBHOOKS' },
    );
  }
  return result.data as WebhookTarget[];
}
