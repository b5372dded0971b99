import type { TrafficRouterConfig } from '../rollout-spec.js';
import { describeValue, isTable } from './spec-reader.js';
import type { Mutable, SpecPath, SpecReader } from './spec-reader.js';

const routerKinds = ['nginx', 'flag', 'command'] as const;
const keysByKind: Readonly<Record<(typeof routerKinds)[number], readonly string[]>> = {
  nginx: ['kind', 'upstreamFile', 'upstream', 'stable', 'canary', 'reload'],
  flag: ['kind', 'flag', 'stableVariant', 'canaryVariant'],
  command: ['kind', 'command', 'timeoutSeconds'],
};

/** An nginx upstream name: one token, no spaces, braces or semicolons. */
const upstreamName = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
/** host:port (host a name, IPv4, or [IPv6]) or a unix socket, as nginx's `server` takes. */
const serverAddress =
  /^(?:(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})|unix:\/\S+)$/;

export function parseTrafficRouter(
  reader: SpecReader,
  value: unknown,
  path: SpecPath,
): TrafficRouterConfig | undefined {
  if (!isTable(value)) {
    reader.report(path, `expected a table with a kind, got ${describeValue(value)}`);
    return undefined;
  }
  const kind = reader.oneOf(value['kind'], [...path, 'kind'], routerKinds);
  if (kind === undefined) return undefined;
  const table = reader.table(value, path, keysByKind[kind]);
  if (table === undefined) return undefined;
  const at = (key: string): SpecPath => [...path, key];
  if (kind === 'nginx') {
    const upstreamFile = reader.string(table['upstreamFile'], at('upstreamFile'));
    const upstream = reader.string(table['upstream'], at('upstream'));
    if (upstream !== undefined && !upstreamName.test(upstream)) {
      reader.report(at('upstream'), `${JSON.stringify(upstream)} is not an nginx upstream name`);
    }
    const stable = server(reader, table['stable'], at('stable'));
    const canary = server(reader, table['canary'], at('canary'));
    if (stable !== undefined && stable === canary) {
      reader.report(
        at('canary'),
        `is the same server as stable (${stable}); traffic could not move`,
      );
    }
    const reload =
      table['reload'] === undefined ? undefined : reader.stringList(table['reload'], at('reload'));
    if (
      upstreamFile === undefined ||
      upstream === undefined ||
      stable === undefined ||
      canary === undefined
    ) {
      return undefined;
    }
    const router: Mutable<Extract<TrafficRouterConfig, { kind: 'nginx' }>> = {
      kind,
      upstreamFile,
      upstream,
      stable,
      canary,
    };
    if (reload !== undefined) router.reload = reload;
    return router;
  }
  if (kind === 'flag') {
    const flag = reader.string(table['flag'], at('flag'));
    const stableVariant = reader.string(table['stableVariant'], at('stableVariant'));
    const canaryVariant = reader.string(table['canaryVariant'], at('canaryVariant'));
    if (stableVariant !== undefined && stableVariant === canaryVariant) {
      reader.report(
        at('canaryVariant'),
        `is the same variant as stableVariant (${JSON.stringify(stableVariant)})`,
      );
      return undefined;
    }
    if (flag === undefined || stableVariant === undefined || canaryVariant === undefined)
      return undefined;
    return { kind, flag, stableVariant, canaryVariant };
  }
  const command = reader.stringList(table['command'], at('command'));
  const timeout = reader.optionalDuration(table['timeoutSeconds'], at('timeoutSeconds'), 0.001);
  if (command === undefined) return undefined;
  return timeout === undefined ? { kind, command } : { kind, command, timeoutSeconds: timeout };
}

function server(reader: SpecReader, value: unknown, path: SpecPath): string | undefined {
  const text = reader.string(value, path);
  if (text === undefined) return undefined;
  const match = serverAddress.exec(text);
  const port = match?.[1] === undefined ? null : Number(match[1]);
  if (match === null || (port !== null && (port < 1 || port > 65535))) {
    reader.report(path, `${JSON.stringify(text)} is not host:port (or unix:/path)`);
    return undefined;
  }
  return text;
}
