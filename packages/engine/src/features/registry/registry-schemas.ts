import { z } from 'zod';
import { SlipwayError, componentKinds, rollbackBehaviours } from '@slipway/core';
import type { ReleaseComponent, RollForwardPlan } from '@slipway/core';
import { artifactDigestPattern, artifactKinds } from './artifact-record.js';
import type { ArtifactKind } from './artifact-record.js';
import type { NewRelease } from './release-record.js';

const text = z.string().trim().min(1, 'must not be empty');
const optionalText = text.nullable().optional();

export const artifactDigestSchema = z
  .string()
  .regex(artifactDigestPattern, 'must be sha256: and 64 lower-case hex digits');

export const newArtifactSchema = z.object({
  digest: artifactDigestSchema,
  name: text,
  kind: z.enum(artifactKinds, `must be one of ${artifactKinds.join(', ')}`),
  size: z.number().int('must be a whole number of bytes').min(0, 'must be 0 or more'),
  version: optionalText,
  service: optionalText,
  sourceCommit: optionalText,
});

const componentSchema = z
  .object({
    name: text,
    kind: z.enum(componentKinds, `must be one of ${componentKinds.join(', ')}`),
    rollback: z.enum(rollbackBehaviours, `must be one of ${rollbackBehaviours.join(', ')}`),
    up: text.optional(),
    down: text.optional(),
    drain: text.optional(),
  })
  .refine((component) => component.rollback !== 'reversible' || component.down !== undefined, {
    message: 'a reversible component needs a down step',
    path: ['down'],
  });

export const newReleaseSchema = z.object({
  service: text,
  version: text,
  tag: optionalText,
  commit: optionalText,
  notes: z.string().nullable().optional(),
  artifacts: z
    .array(artifactDigestSchema)
    .refine((digests) => new Set(digests).size === digests.length, 'a digest appears twice')
    .optional(),
  components: z
    .array(componentSchema)
    .refine(
      (components) => new Set(components.map((c) => c.name)).size === components.length,
      'component names must be unique',
    )
    .optional(),
  rollForward: z
    .object({ reason: text, steps: z.array(text).min(1, 'needs at least one step') })
    .nullable()
    .optional(),
  firstCommitTime: z.iso
    .datetime({
      offset: true,
      error: 'must be an ISO 8601 date and time, such as 2026-05-01T12:00:00Z',
    })
    .nullable()
    .optional(),
  /** The earlier version of the same service this release fixes (DORA change failure). */
  fixes: optionalText,
});

export interface ValidArtifact {
  readonly digest: string;
  readonly name: string;
  readonly kind: ArtifactKind;
  readonly size: number;
  readonly version: string | null;
  readonly service: string | null;
  readonly sourceCommit: string | null;
}

/** The release's fields as stored: no undefined anywhere, components in one key order. */
export interface ValidRelease {
  readonly service: string;
  readonly version: string;
  readonly tag: string | null;
  readonly commit: string | null;
  readonly notes: string | null;
  readonly artifacts: readonly string[];
  readonly components: readonly ReleaseComponent[];
  readonly rollForward: RollForwardPlan | null;
  /** In UTC (`toISOString`); absent when not given. */
  readonly firstCommitTime?: string;
  /** The earlier version this release fixes; absent when not a fix. */
  readonly fixes?: string;
}

export function parseNewArtifact(input: unknown): ValidArtifact {
  const fields = parseWith(newArtifactSchema, input, 'artifact');
  return {
    digest: fields.digest,
    name: fields.name,
    kind: fields.kind,
    size: fields.size,
    version: fields.version ?? null,
    service: fields.service ?? null,
    sourceCommit: fields.sourceCommit ?? null,
  };
}

export function parseNewRelease(input: NewRelease): ValidRelease {
  const fields = parseWith(newReleaseSchema, input, 'release');
  return {
    service: fields.service,
    version: fields.version,
    tag: fields.tag ?? null,
    commit: fields.commit ?? null,
    notes: fields.notes ?? null,
    artifacts: fields.artifacts ?? [],
    components: (fields.components ?? []).map(
      ({ name, kind, rollback, up, down, drain }): ReleaseComponent => ({
        name,
        kind,
        rollback,
        ...(up === undefined ? {} : { up }),
        ...(down === undefined ? {} : { down }),
        ...(drain === undefined ? {} : { drain }),
      }),
    ),
    rollForward:
      fields.rollForward == null
        ? null
        : { reason: fields.rollForward.reason, steps: fields.rollForward.steps },
    ...(fields.firstCommitTime == null
      ? {}
      : { firstCommitTime: new Date(fields.firstCommitTime).toISOString() }),
    ...(fields.fixes == null ? {} : { fixes: fields.fixes }),
  };
}

/** Validates with the schema; the first issue becomes a USAGE error naming the field. */
function parseWith<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  throw new SlipwayError('USAGE', `invalid ${what} ${field}: ${issue?.message ?? 'invalid'}`, {
    subject: field,
  });
}
