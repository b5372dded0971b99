import { isSlipwayError } from '../../errors/slipway-error.js';
import { compileCondition } from '../analysis/compile-condition.js';
import type { MetricSource, MetricSpec } from '../rollout-spec.js';
import { formatPath } from './spec-reader.js';
import type { Mutable, SpecPath, SpecReader, Table } from './spec-reader.js';

const metricKeys = [
  'name',
  'source',
  'successCondition',
  'failureCondition',
  'intervalSeconds',
  'count',
  'failureLimit',
  'inconclusiveLimit',
  'consecutiveErrorLimit',
];
const sourceKinds = ['prometheus', 'web', 'judge'];
const prometheusKeys = ['address', 'query'];
const webKeys = ['url', 'method', 'headers', 'body', 'jsonPath', 'timeoutSeconds'];
const judgeKeys = [
  'address',
  'canaryQuery',
  'baselineQuery',
  'direction',
  'tolerance',
  'minSamples',
  'alpha',
  'windowSeconds',
  'stepSeconds',
];
const headerName = { pattern: /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, what: 'an HTTP header name' };

/**
 * Placeholders stand for a value while a templated text is checked (a URL, a condition); the
 * stand-in is padded to the placeholder's length so columns in messages stay right.
 */
function withoutPlaceholders(text: string, stand: string): string {
  return text.replace(/\{\{\s*args\.[A-Za-z0-9_-]+\s*\}\}/g, (placeholder) =>
    stand.padEnd(placeholder.length, ' '),
  );
}

/** One analysis metric: its source, conditions and limits. */
export function parseMetric(
  reader: SpecReader,
  value: unknown,
  path: SpecPath,
): MetricSpec | undefined {
  const table = reader.table(value, path, metricKeys);
  if (table === undefined) return undefined;
  const name = reader.string(table['name'], [...path, 'name']);
  const source = parseSource(reader, table['source'], [...path, 'source']);
  const metric: Partial<Mutable<MetricSpec>> = {};
  for (const field of ['successCondition', 'failureCondition'] as const) {
    const condition = reader.optionalString(table[field], [...path, field]);
    if (condition === undefined) continue;
    checkCondition(reader, condition, [...path, field]);
    metric[field] = condition;
  }
  const interval = reader.optionalDuration(table['intervalSeconds'], [...path, 'intervalSeconds']);
  if (interval !== undefined) metric.intervalSeconds = interval;
  const count = reader.optionalInteger(table['count'], [...path, 'count'], 1, 'a count ≥ 1');
  if (count !== undefined) metric.count = count;
  for (const limit of ['failureLimit', 'inconclusiveLimit', 'consecutiveErrorLimit'] as const) {
    const read = reader.optionalInteger(
      table[limit],
      [...path, limit],
      0,
      'a non-negative integer',
    );
    if (read !== undefined) metric[limit] = read;
  }
  if (
    source !== undefined &&
    !('judge' in source) &&
    table['successCondition'] === undefined &&
    table['failureCondition'] === undefined
  ) {
    reader.report(
      path,
      'needs a successCondition or a failureCondition (only judge metrics judge themselves)',
    );
  }
  if (count !== undefined && count > 1 && (interval ?? 0) === 0) {
    reader.report([...path, 'count'], `${count} measurements need an intervalSeconds between them`);
  }
  if (count !== undefined && metric.failureLimit !== undefined && metric.failureLimit >= count) {
    reader.report(
      [...path, 'failureLimit'],
      `${metric.failureLimit} lets all ${count} measurements fail without failing the metric; it must be below count`,
    );
  }
  if (name === undefined || source === undefined) return undefined;
  return { name, source, ...metric };
}

function checkCondition(reader: SpecReader, condition: string, path: SpecPath): void {
  const checked = withoutPlaceholders(condition, '0');
  try {
    compileCondition(checked, formatPath(path));
  } catch (error) {
    if (!isSlipwayError(error)) throw error;
    reader.problems.push(error.message.replace(JSON.stringify(checked), JSON.stringify(condition)));
  }
}

function parseSource(reader: SpecReader, value: unknown, path: SpecPath): MetricSource | undefined {
  const table = reader.table(value, path, sourceKinds);
  if (table === undefined) return undefined;
  const kinds = sourceKinds.filter((kind) => table[kind] !== undefined);
  if (kinds.length !== 1) {
    const found = kinds.length === 0 ? 'none' : kinds.join(' and ');
    reader.report(path, `needs exactly one of prometheus, web, judge, got ${found}`);
    return undefined;
  }
  const kind = kinds[0] as string;
  const inner = [...path, kind];
  if (kind === 'prometheus') {
    const prometheus = reader.table(table[kind], inner, prometheusKeys);
    if (prometheus === undefined) return undefined;
    const address = httpUrl(reader, prometheus['address'], [...inner, 'address']);
    const query = reader.string(prometheus['query'], [...inner, 'query']);
    return address === undefined || query === undefined
      ? undefined
      : { prometheus: { address, query } };
  }
  if (kind === 'web') return parseWeb(reader, table[kind], inner);
  return parseJudge(reader, table[kind], inner);
}

function httpUrl(reader: SpecReader, value: unknown, path: SpecPath): string | undefined {
  const text = reader.string(value, path);
  if (text === undefined) return undefined;
  // A placeholder may stand for any part (the host, a path, the whole address): such a URL is
  // checked whole once rendered; here only its scheme can be.
  const templated = withoutPlaceholders(text, '') !== text;
  const ok = templated ? /^(?:https?:\/\/|\{\{)/.test(text) : isHttpUrl(text);
  if (!ok) {
    reader.report(path, `${JSON.stringify(text)} is not an http(s) URL`);
    return undefined;
  }
  return text;
}

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function parseWeb(reader: SpecReader, value: unknown, path: SpecPath): MetricSource | undefined {
  const table = reader.table(value, path, webKeys);
  if (table === undefined) return undefined;
  const web: Partial<Mutable<Extract<MetricSource, { web: unknown }>['web']>> = {};
  const url = httpUrl(reader, table['url'], [...path, 'url']);
  if (table['method'] !== undefined) {
    const method = reader.oneOf(table['method'], [...path, 'method'], ['GET', 'POST'] as const);
    if (method !== undefined) web.method = method;
  }
  const headers = reader.stringRecord(table['headers'], [...path, 'headers'], headerName);
  if (headers !== undefined) web.headers = headers;
  const body = reader.optionalString(table['body'], [...path, 'body']);
  if (body !== undefined) {
    web.body = body;
    if (web.method !== 'POST') reader.report([...path, 'body'], 'a body needs method "POST"');
  }
  const jsonPath = reader.optionalString(table['jsonPath'], [...path, 'jsonPath']);
  if (jsonPath !== undefined) {
    if (jsonPath.startsWith('$')) web.jsonPath = jsonPath;
    else
      reader.report(
        [...path, 'jsonPath'],
        `${JSON.stringify(jsonPath)} is not a JSONPath (starts with "$")`,
      );
  }
  const timeout = reader.optionalDuration(
    table['timeoutSeconds'],
    [...path, 'timeoutSeconds'],
    0.001,
  );
  if (timeout !== undefined) web.timeoutSeconds = timeout;
  return url === undefined ? undefined : { web: { ...web, url } };
}

function parseJudge(reader: SpecReader, value: unknown, path: SpecPath): MetricSource | undefined {
  const table: Table | undefined = reader.table(value, path, judgeKeys);
  if (table === undefined) return undefined;
  const at = (key: string): SpecPath => [...path, key];
  const address = httpUrl(reader, table['address'], at('address'));
  const canaryQuery = reader.string(table['canaryQuery'], at('canaryQuery'));
  const baselineQuery = reader.string(table['baselineQuery'], at('baselineQuery'));
  const direction = reader.oneOf(table['direction'], at('direction'), [
    'increase',
    'decrease',
    'either',
  ] as const);
  const judge: Partial<Mutable<Extract<MetricSource, { judge: unknown }>['judge']>> = {};
  const tolerance = reader.optionalNumber(
    table['tolerance'],
    at('tolerance'),
    (n) => n >= 0,
    'a tolerance ≥ 0',
  );
  if (tolerance !== undefined) judge.tolerance = tolerance;
  const minSamples = reader.optionalInteger(
    table['minSamples'],
    at('minSamples'),
    2,
    'a sample size ≥ 2',
  );
  if (minSamples !== undefined) judge.minSamples = minSamples;
  const alpha = reader.optionalNumber(
    table['alpha'],
    at('alpha'),
    (n) => n > 0 && n < 1,
    'a significance level between 0 and 1',
  );
  if (alpha !== undefined) judge.alpha = alpha;
  const window = reader.optionalDuration(table['windowSeconds'], at('windowSeconds'), 1);
  if (window !== undefined) judge.windowSeconds = window;
  const step = reader.optionalDuration(table['stepSeconds'], at('stepSeconds'), 1);
  if (step !== undefined) judge.stepSeconds = step;
  if (step !== undefined && step > (window ?? 300)) {
    reader.report(
      at('stepSeconds'),
      `${step} seconds is longer than the window (${window ?? 300} seconds)`,
    );
  }
  if (
    address === undefined ||
    canaryQuery === undefined ||
    baselineQuery === undefined ||
    direction === undefined
  ) {
    return undefined;
  }
  return { judge: { ...judge, address, canaryQuery, baselineQuery, direction } };
}
