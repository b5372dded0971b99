import { posix } from 'node:path';
import * as z from 'zod';

/**
 * The part of towncrier's configuration Slipway reads. Other keys (templates, title formats,
 * underlines) only shape towncrier's own output and are left alone, so the table is loose.
 */
const towncrierType = z.looseObject({
  directory: z.string().min(1),
  name: z.string().min(1),
  showcontent: z.boolean().optional(),
});

const towncrierFragment = z.looseObject({
  name: z.string().min(1).optional(),
  showcontent: z.boolean().optional(),
});

export const towncrierTableSchema = z.looseObject({
  directory: z.string().min(1).optional(),
  filename: z.string().min(1).optional(),
  package: z.string().optional(),
  package_dir: z.string().optional(),
  orphan_prefix: z.string().optional(),
  start_string: z.string().optional(),
  create_add_extension: z.boolean().optional(),
  ignore: z.array(z.string()).optional(),
  type: z.array(towncrierType).optional(),
  fragment: z.record(z.string(), towncrierFragment).optional(),
});

export type TowncrierTable = z.output<typeof towncrierTableSchema>;

export interface TowncrierTypeSpec {
  readonly key: string;
  readonly title?: string;
  readonly showContent?: boolean;
}

/** towncrier's defaults, from its documentation (Configuration reference). */
export const towncrierDefaults = {
  directoryName: 'newsfragments',
  filename: 'NEWS.rst',
  orphanPrefix: '+',
} as const;

/**
 * towncrier's fragment directory: `directory` when set, else `newsfragments` inside the
 * package (`<package_dir>/<package>/newsfragments`), else `newsfragments` beside the config.
 */
export function towncrierDirectory(table: TowncrierTable): string {
  if (table.directory !== undefined) return table.directory;
  const pkg = table.package ?? '';
  if (pkg === '') return towncrierDefaults.directoryName;
  return posix.join(table.package_dir ?? '.', pkg, towncrierDefaults.directoryName);
}

/** Custom types replace towncrier's defaults entirely, as in towncrier; null: none given. */
export function towncrierTypes(table: TowncrierTable): TowncrierTypeSpec[] | null {
  if (table.type !== undefined) {
    return table.type.map((type) => ({
      key: type.directory,
      title: type.name,
      ...(type.showcontent === undefined ? {} : { showContent: type.showcontent }),
    }));
  }
  if (table.fragment !== undefined) {
    return Object.entries(table.fragment).map(([key, fragment]) => ({
      key,
      ...(fragment.name === undefined ? {} : { title: fragment.name }),
      ...(fragment.showcontent === undefined ? {} : { showContent: fragment.showcontent }),
    }));
  }
  return null;
}

/** towncrier's `start_string` default depends on the news file's format. */
export function towncrierMarker(table: TowncrierTable): string {
  if (table.start_string !== undefined) return table.start_string.trim();
  return extensionOf(table.filename ?? towncrierDefaults.filename) === 'md'
    ? '<!-- towncrier release notes start -->'
    : '.. towncrier release notes start';
}

/** New fragments get the news file's extension (towncrier's `create_add_extension`). */
export function towncrierExtension(table: TowncrierTable): string {
  if (table.create_add_extension === false) return '';
  return extensionOf(table.filename ?? towncrierDefaults.filename);
}

function extensionOf(filename: string): string {
  const base = posix.basename(filename);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1);
}
