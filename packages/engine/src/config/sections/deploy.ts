import * as z from 'zod';
import type { ReleaseComponent } from '@slipway/core';
import { componentKinds, rollbackBehaviours } from '@slipway/core';

const nonEmpty = z.string().trim().min(1, { error: 'must not be empty' });

const componentSchema = z
  .strictObject({
    name: nonEmpty,
    kind: z.enum(componentKinds),
    rollback: z.enum(rollbackBehaviours),
    up: nonEmpty.optional(),
    down: nonEmpty.optional(),
    drain: nonEmpty.optional(),
  })
  .refine((component) => component.rollback !== 'reversible' || component.down !== undefined, {
    error: 'a reversible component needs "down", the command that undoes it',
    path: ['down'],
  });

/**
 * `[deploy]`: what `slipway push` sends to the control plane for this project: the catalog
 * service, where the built artifacts are, and the release's parts with their rollback behaviour
 * (so the way back is known before production).
 */
export const deploySectionSchema = z.strictObject({
  /** The catalog service; default the project name. */
  service: nonEmpty.optional(),
  /** Files or directories (every file directly inside) of built artifacts; default `dist`. */
  artifacts: z.array(nonEmpty).optional(),
  components: z
    .array(componentSchema)
    .refine((list) => new Set(list.map((item) => item.name)).size === list.length, {
      error: 'component names must be unique',
    })
    .optional(),
});

export type DeploySection = z.output<typeof deploySectionSchema>;

export interface DeployConfig {
  /** Null: the project name. */
  readonly service: string | null;
  readonly artifacts: readonly string[];
  readonly components: readonly ReleaseComponent[];
}

export function deployConfig(section: DeploySection | undefined): DeployConfig {
  return {
    service: section?.service ?? null,
    artifacts: section?.artifacts ?? ['dist'],
    components: (section?.components ?? []).map(
      (component): ReleaseComponent =>
        Object.fromEntries(
          Object.entries(component).filter(([, value]) => value !== undefined),
        ) as unknown as ReleaseComponent,
    ),
  };
}
