import { join, resolve } from 'node:path';
import type { FragmentConfig, FragmentTypeOverride } from '@slipway/core';
import { SlipwayError, defaultFragmentTypes, mergeFragmentTypes } from '@slipway/core';
import { formatConfigIssues, type ConfigLocation } from '../../config/format-config-issues.js';
import { readTomlFile } from '../../config/read-toml-file.js';
import {
  fragmentsSectionKeys,
  fragmentsSectionSchema,
  type FragmentsSection,
} from '../../config/sections/fragments.js';
import {
  towncrierDefaults,
  towncrierDirectory,
  towncrierExtension,
  towncrierMarker,
  towncrierTableSchema,
  towncrierTypes,
  type TowncrierTable,
} from './towncrier-config.js';

export interface LoadedFragmentConfig {
  readonly config: FragmentConfig;
  /** Where the fragment settings came from; null: defaults only. */
  readonly source: 'towncrier.toml' | 'pyproject.toml' | 'slipway.toml' | null;
  /** towncrier's news file and insertion marker; null without towncrier configuration. */
  readonly towncrier: { readonly filename: string; readonly marker: string } | null;
}

/** Slipway's own default: towncrier's, so a project can switch tools without moving files. */
export const defaultFragmentDirectory = towncrierDefaults.directoryName;

/**
 * Finds the fragment settings of the project at `root`: `[tool.towncrier]` in towncrier.toml
 * (which towncrier prefers) or pyproject.toml, else Slipway's `[fragments]` section. Slipway's
 * `types` bumps apply on top of towncrier's types, since towncrier has no notion of bumps.
 */
export async function loadFragmentConfig(root: string): Promise<LoadedFragmentConfig> {
  const dir = resolve(root);
  const [towncrierToml, pyproject, slipwayToml] = await Promise.all([
    readTomlFile(join(dir, 'towncrier.toml')),
    readTomlFile(join(dir, 'pyproject.toml')),
    readTomlFile(join(dir, 'slipway.toml')),
  ]);
  const section = slipwaySection(slipwayToml, pyproject);
  const towncrierFile =
    toolTable(towncrierToml, 'towncrier') !== undefined ? 'towncrier.toml' : null;
  const towncrierRaw = toolTable(towncrierToml, 'towncrier') ?? toolTable(pyproject, 'towncrier');

  if (towncrierRaw !== undefined) {
    const file = towncrierFile ?? 'pyproject.toml';
    const table = parseTowncrier(towncrierRaw, join(dir, file), file);
    const custom = towncrierTypes(table);
    const base = custom === null ? defaultFragmentTypes : mergeFragmentTypes([], custom);
    return {
      config: {
        directory: towncrierDirectory(table),
        types: mergeFragmentTypes(
          base,
          bumpOverrides(
            section?.value,
            base.map((t) => t.key),
          ),
        ),
        orphanPrefix: table.orphan_prefix ?? towncrierDefaults.orphanPrefix,
        extension: towncrierExtension(table),
        ...(table.ignore === undefined ? {} : { ignore: table.ignore }),
      },
      source: file,
      towncrier: {
        filename: table.filename ?? towncrierDefaults.filename,
        marker: towncrierMarker(table),
      },
    };
  }
  const value = section?.value;
  return {
    config: {
      directory: value?.directory ?? defaultFragmentDirectory,
      types: mergeFragmentTypes(defaultFragmentTypes, typeOverrides(value)),
      orphanPrefix: value?.['orphan-prefix'] ?? towncrierDefaults.orphanPrefix,
      extension: 'md',
    },
    source: section?.file ?? null,
    towncrier: null,
  };
}

function toolTable(document: Record<string, unknown> | null, name: string): unknown {
  const tool = document?.['tool'];
  if (typeof tool !== 'object' || tool === null || Array.isArray(tool)) return undefined;
  return (tool as Record<string, unknown>)[name];
}

// slipway.toml wins over [tool.slipway], as in loadConfig.
function slipwaySection(
  slipwayToml: Record<string, unknown> | null,
  pyproject: Record<string, unknown> | null,
): { value: FragmentsSection; file: 'slipway.toml' | 'pyproject.toml' } | null {
  let raw: unknown;
  let location: ConfigLocation;
  if (slipwayToml !== null) {
    raw = slipwayToml['fragments'];
    location = { file: 'slipway.toml', table: ['fragments'] };
  } else {
    const tool = toolTable(pyproject, 'slipway');
    raw =
      typeof tool === 'object' && tool !== null
        ? (tool as Record<string, unknown>)['fragments']
        : undefined;
    location = { file: 'pyproject.toml', table: ['tool', 'slipway', 'fragments'] };
  }
  if (raw === undefined) return null;
  const result = fragmentsSectionSchema.safeParse(raw);
  if (!result.success) {
    const messages = formatConfigIssues(result.error.issues, raw, location, (path) =>
      path.length === 0 ? fragmentsSectionKeys : [],
    );
    throw new SlipwayError('CONFIG_INVALID', messages.join('\n'), {
      cause: result.error,
      subject: location.file,
    });
  }
  return { value: result.data, file: location.file as 'slipway.toml' | 'pyproject.toml' };
}

function parseTowncrier(raw: unknown, path: string, file: string): TowncrierTable {
  const result = towncrierTableSchema.safeParse(raw);
  if (result.success) return result.data;
  const location: ConfigLocation = { file, table: ['tool', 'towncrier'] };
  const messages = formatConfigIssues(result.error.issues, raw, location, () => []);
  throw new SlipwayError('CONFIG_INVALID', messages.join('\n'), {
    cause: result.error,
    subject: path,
  });
}

function typeOverrides(section: FragmentsSection | undefined): FragmentTypeOverride[] {
  return Object.entries(section?.types ?? {}).map(([key, value]) =>
    typeof value === 'string'
      ? { key, bump: value }
      : {
          key,
          ...(value.bump === undefined ? {} : { bump: value.bump }),
          ...(value.title === undefined ? {} : { title: value.title }),
          ...(value['show-content'] === undefined ? {} : { showContent: value['show-content'] }),
        },
  );
}

// With towncrier, Slipway's section only sets bumps, and only of types towncrier knows.
function bumpOverrides(
  section: FragmentsSection | undefined,
  keys: readonly string[],
): FragmentTypeOverride[] {
  return typeOverrides(section)
    .filter((override) => keys.includes(override.key))
    .map((override) => ({
      key: override.key,
      ...(override.bump === undefined ? {} : { bump: override.bump }),
    }));
}
