import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { SlipwayError, versionSchemes } from '@slipway/core';
import {
  slipwayConfigSchema,
  type ParsedSlipwayConfig,
  type SlipwayConfig,
} from './config-schema.js';
import { detectProject } from './detect-project.js';
import {
  formatConfigIssues,
  formatConfigProblem,
  type ConfigLocation,
} from './format-config-issues.js';
import { knownConfigKeys } from './known-config-keys.js';
import { readTomlFile } from './read-toml-file.js';

export interface LoadedConfig {
  readonly config: SlipwayConfig;
  /** Absolute path of the file the configuration came from; null when zero-config. */
  readonly source: string | null;
  readonly warnings: readonly string[];
}

// PEP 440 only knows these pre-release labels (alpha→a, beta→b, c/pre/preview→rc).
const PEP440_LABELS = new Set(['a', 'b', 'c', 'rc', 'alpha', 'beta', 'pre', 'preview']);

/**
 * Reads `slipway.toml` (top-level keys) or `[tool.slipway]` in `pyproject.toml` from `dir`,
 * validates it and applies every default. `slipway.toml` wins when both configure Slipway.
 * Throws SlipwayError(CONFIG_INVALID) naming the file, the TOML key and the value.
 */
export async function loadConfig(dir: string): Promise<LoadedConfig> {
  const root = resolve(dir);
  await assertDirectory(root);
  const slipwayPath = join(root, 'slipway.toml');
  const pyprojectPath = join(root, 'pyproject.toml');
  const [slipwayToml, pyproject] = await Promise.all([
    readTomlFile(slipwayPath),
    readTomlFile(pyprojectPath),
  ]);
  const warnings: string[] = [];

  const tool = pyproject?.['tool'];
  const hasToolTable =
    typeof tool === 'object' && tool !== null && !Array.isArray(tool) && 'slipway' in tool;
  const pyprojectSection = hasToolTable ? (tool as Record<string, unknown>)['slipway'] : undefined;

  let raw: unknown = {};
  let source: string | null = null;
  let location: ConfigLocation = { file: 'slipway.toml', table: [] };
  if (slipwayToml !== null) {
    raw = slipwayToml;
    source = slipwayPath;
    if (hasToolTable) {
      warnings.push('pyproject.toml: [tool.slipway] is ignored because slipway.toml exists');
    }
  } else if (hasToolTable) {
    raw = pyprojectSection;
    source = pyprojectPath;
    location = { file: 'pyproject.toml', table: ['tool', 'slipway'] };
  }

  const parsed = parseConfig(raw, location, source ?? slipwayPath);
  const detected = await detectProject(root, pyproject);
  const config: SlipwayConfig = {
    ...parsed,
    name: parsed.name ?? detected.name,
    scheme: parsed.scheme ?? detected.scheme,
  };
  checkSchemeRules(config, raw, location, source ?? slipwayPath);
  return { config, source, warnings: [...warnings, ...detected.warnings] };
}

/** The zero-config configuration for `dir`: defaults plus name and scheme detection. */
export async function defaultConfig(dir: string): Promise<SlipwayConfig> {
  const root = resolve(dir);
  const pyproject = await readTomlFile(join(root, 'pyproject.toml'));
  const detected = await detectProject(root, pyproject);
  const parsed = slipwayConfigSchema.parse({});
  return { ...parsed, name: detected.name, scheme: detected.scheme };
}

function parseConfig(raw: unknown, location: ConfigLocation, path: string): ParsedSlipwayConfig {
  const result = slipwayConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const messages = formatConfigIssues(result.error.issues, raw, location, knownConfigKeys);
  throw new SlipwayError('CONFIG_INVALID', messages.join('\n'), {
    cause: result.error,
    subject: path,
    hint: 'See docs/configuration.md for every key and its default.',
  });
}

// Rules that need the resolved scheme, which may come from detection rather than the file.
function checkSchemeRules(
  config: SlipwayConfig,
  raw: unknown,
  location: ConfigLocation,
  path: string,
): void {
  const problems: string[] = [];
  const scheme = versionSchemes[config.scheme];
  if (scheme.parse(config.firstRelease) === null) {
    const problem = `is not a valid ${config.scheme} version`;
    problems.push(formatConfigProblem(location, raw, ['first-release'], problem));
  }
  if (config.scheme === 'pep440') {
    for (const [branch, id] of Object.entries(config.branches.channels)) {
      if (PEP440_LABELS.has(id.toLowerCase())) continue;
      const problem = 'is not a PEP 440 pre-release label (a, b, rc, alpha, beta, c, pre, preview)';
      problems.push(formatConfigProblem(location, raw, ['branches', 'channels', branch], problem));
    }
  }
  if (problems.length > 0) {
    throw new SlipwayError('CONFIG_INVALID', problems.join('\n'), { subject: path });
  }
}

async function assertDirectory(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => null);
  if (info === null || !info.isDirectory()) {
    throw new SlipwayError('USAGE', `${dir} is not a directory`, { subject: basename(dir) });
  }
}
