import { z } from 'zod';
import { SlipwayError } from '@slipway/core';

/** Where (and under which tags) an environment runs a service's image. */
export interface ImageTarget {
  /** `registry/repository` of the environment: the source's own to re-tag, another to copy. */
  readonly repository: string;
  /** Tag templates (`{version}`, `{major}.{minor}`, `{sha}`, `{sha_short}`, `{env}`). */
  readonly tags: readonly string[];
  /** Templates of tags that may move to the promoted digest (`latest`, `{env}`); opt-in. */
  readonly movingTags?: readonly string[] | undefined;
}

/** Per service (or `*` for every service), per environment. */
export interface ImagePromotionConfig {
  readonly services: Readonly<Record<string, Readonly<Record<string, ImageTarget>>>>;
  /** Talk HTTP, not HTTPS, to the registries (loopback, lab). */
  readonly plainHttp?: boolean | undefined;
}

const targetSchema = z.strictObject({
  repository: z.string().min(1),
  tags: z.array(z.string().min(1)),
  movingTags: z.array(z.string().min(1)).optional(),
});

const configSchema = z.strictObject({
  services: z.record(z.string(), z.record(z.string(), targetSchema)),
  plainHttp: z.boolean().optional(),
});

export const imagePromotionVariable = 'SLIPWAY_IMAGE_PROMOTION';

/**
 * `SLIPWAY_IMAGE_PROMOTION`: `{"services": {"api": {"prod": {"repository": "…", "tags": […],
 * "movingTags": […]}}}, "plainHttp"?: bool}`; null when unset. Bad JSON or shape is refused
 * naming the field.
 */
export function imagePromotionFromEnv(env: NodeJS.ProcessEnv): ImagePromotionConfig | null {
  const text = env[imagePromotionVariable];
  if (text === undefined || text.trim() === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SlipwayError('CONFIG_INVALID', `${imagePromotionVariable} is not valid JSON`, {
      subject: imagePromotionVariable,
      cause: error,
    });
  }
  const result = configSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.map(String).join('.') ?? '';
    throw new SlipwayError(
      'CONFIG_INVALID',
      `${imagePromotionVariable} ${field}: ${issue?.message ?? 'invalid'}`,
      { subject: `${imagePromotionVariable}.${field}` },
    );
  }
  return result.data;
}

/** The target of a service in an environment: its own entry first, else `*`'s. */
export function imageTargetFor(
  config: ImagePromotionConfig,
  service: string,
  environment: string,
): ImageTarget | null {
  return config.services[service]?.[environment] ?? config.services['*']?.[environment] ?? null;
}
