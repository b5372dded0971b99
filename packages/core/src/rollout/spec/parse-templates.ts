import { metricArgReferences } from '../analysis/render-metric.js';
import type { AnalysisTemplate, MetricSpec } from '../rollout-spec.js';
import { parseMetric } from './parse-metric.js';
import { argName } from './parse-strategy.js';
import type { FoundRef } from './parse-strategy.js';
import type { SpecPath, SpecReader } from './spec-reader.js';
import { suggestName } from './suggest-name.js';

/**
 * Arguments every analysis has without declaring them, filled by the rollout service from the
 * rollout itself.
 */
export const builtInRolloutArgs = [
  'service',
  'environment',
  'version',
  'stableVersion',
  'rolloutId',
] as const;

type TemplateArg = NonNullable<AnalysisTemplate['args']>[number];

export function parseTemplates(
  reader: SpecReader,
  value: unknown,
  path: SpecPath,
): AnalysisTemplate[] | undefined {
  const templates = reader.list(value, path, (item, itemPath) =>
    parseTemplate(reader, item, itemPath),
  );
  if (templates === undefined) return undefined;
  reportDuplicates(
    reader,
    path,
    templates.map((template) => template.name),
    'template',
  );
  return templates;
}

function parseTemplate(
  reader: SpecReader,
  value: unknown,
  path: SpecPath,
): AnalysisTemplate | undefined {
  const table = reader.table(value, path, ['name', 'args', 'metrics']);
  if (table === undefined) return undefined;
  const name = reader.string(table['name'], [...path, 'name']);
  const args =
    table['args'] === undefined
      ? undefined
      : reader.list(table['args'], [...path, 'args'], (item, itemPath) =>
          parseTemplateArg(reader, item, itemPath),
        );
  if (args !== undefined)
    reportDuplicates(
      reader,
      [...path, 'args'],
      args.map((arg) => arg.name),
      'argument',
    );
  const metrics = reader.list(table['metrics'], [...path, 'metrics'], (item, itemPath) =>
    parseMetric(reader, item, itemPath),
  );
  if (metrics !== undefined && Array.isArray(table['metrics']) && table['metrics'].length === 0) {
    reader.report([...path, 'metrics'], 'a template needs at least one metric');
  }
  if (metrics !== undefined)
    reportDuplicates(
      reader,
      [...path, 'metrics'],
      metrics.map((metric) => metric.name),
      'metric',
    );
  if (name === undefined || metrics === undefined) return undefined;
  return args === undefined ? { name, metrics } : { name, args, metrics };
}

function parseTemplateArg(
  reader: SpecReader,
  value: unknown,
  path: SpecPath,
): TemplateArg | undefined {
  const table = reader.table(value, path, ['name', 'value']);
  if (table === undefined) return undefined;
  const name = reader.string(table['name'], [...path, 'name']);
  if (name !== undefined && !argName.pattern.test(name)) {
    reader.report([...path, 'name'], `${JSON.stringify(name)} is not ${argName.what}`);
    return undefined;
  }
  if (table['value'] !== undefined && typeof table['value'] !== 'string') {
    reader.report([...path, 'value'], `expected a string, got ${String(table['value'])}`);
    return undefined;
  }
  if (name === undefined) return undefined;
  const argValue = table['value'];
  return typeof argValue === 'string' ? { name, value: argValue } : { name };
}

function reportDuplicates(
  reader: SpecReader,
  path: SpecPath,
  names: readonly string[],
  what: string,
): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) reader.report(path, `${what} "${name}" is defined twice`);
    seen.add(name);
  }
}

/**
 * Checks every analysis reference against the templates: each named template exists, no two of
 * a reference's templates share a metric name (their metrics run together), and every argument
 * a template needs (declared without a default, or used as `{{args.name}}`) has a value from the
 * template, the spec's `args`, the reference's `args` or the built-ins.
 */
export function checkAnalysisRefs(
  reader: SpecReader,
  refs: readonly FoundRef[],
  templates: readonly AnalysisTemplate[],
  specArgs: Readonly<Record<string, string>>,
): void {
  const byName = new Map(templates.map((template) => [template.name, template]));
  for (const { ref, path } of refs) {
    const available = new Set<string>([
      ...builtInRolloutArgs,
      ...Object.keys(specArgs),
      ...Object.keys(ref.args ?? {}),
    ]);
    const metricNames: string[] = [];
    ref.templates.forEach((name, index) => {
      const template = byName.get(name);
      if (template === undefined) {
        const suggestion = suggestName(name, [...byName.keys()]);
        const hint =
          suggestion !== null
            ? ` (did you mean "${suggestion}"?)`
            : byName.size === 0
              ? ' (the spec has no templates)'
              : ` (known: ${[...byName.keys()].join(', ')})`;
        reader.report([...path, 'templates', index], `names no analysis template${hint}`);
        return;
      }
      metricNames.push(...template.metrics.map((metric) => metric.name));
      const missing = neededArgs(template).filter((arg) => !available.has(arg));
      if (missing.length > 0) {
        const names = missing.map((arg) => `"${arg}"`).join(', ');
        reader.report(
          path,
          `template "${name}" needs argument${missing.length === 1 ? '' : 's'} ${names}, given by neither the template, the spec's args nor this analysis' args`,
        );
      }
    });
    reportDuplicates(reader, [...path, 'templates'], metricNames, 'metric');
  }
}

/** Arguments without a template default: declared without a value, or used but not declared. */
function neededArgs(template: AnalysisTemplate): string[] {
  const defaults = new Set(
    (template.args ?? []).filter((arg) => arg.value !== undefined).map((arg) => arg.name),
  );
  const needed = new Set<string>(
    (template.args ?? []).filter((arg) => arg.value === undefined).map((arg) => arg.name),
  );
  for (const metric of template.metrics as readonly MetricSpec[]) {
    for (const name of metricArgReferences(metric)) needed.add(name);
  }
  return [...needed].filter((name) => !defaults.has(name));
}
