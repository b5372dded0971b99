import { SlipwayError } from '@slipway/core';

/** The part of an nginx router's config that decides the upstream file's text. */
export interface NginxUpstream {
  /** The upstream block's name (what `proxy_pass http://<name>` names). */
  readonly upstream: string;
  /** host:port (or unix:/path) of the stable and of the canary. */
  readonly stable: string;
  readonly canary: string;
}

const header = '# Written by Slipway (nginx traffic router) on every weight change: do not edit.\n';
const namePattern = /^[A-Za-z0-9_.-]{1,128}$/;
const hostPortPattern = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;
const unixPattern = /^unix:\/[^\s;{}#'"\\]+$/;

/** Refuses names and addresses that nginx would reject or that could smuggle in directives. */
export function checkNginxUpstream(config: NginxUpstream): void {
  if (!namePattern.test(config.upstream)) {
    throw new SlipwayError(
      'CONFIG_INVALID',
      `trafficRouter.upstream ${JSON.stringify(config.upstream)}: letters, digits, _ . - only`,
      { subject: 'trafficRouter.upstream' },
    );
  }
  for (const field of ['stable', 'canary'] as const) {
    const address = config[field];
    const port = hostPortPattern.exec(address)?.[1];
    const valid =
      unixPattern.test(address) ||
      (port !== undefined && Number(port) >= 1 && Number(port) <= 65_535);
    if (!valid) {
      throw new SlipwayError(
        'CONFIG_INVALID',
        `trafficRouter.${field} ${JSON.stringify(address)}: host:port (port 1–65535) or unix:/path needed`,
        { subject: `trafficRouter.${field}` },
      );
    }
  }
  if (config.stable === config.canary) {
    throw new SlipwayError(
      'CONFIG_INVALID',
      `trafficRouter.canary ${config.canary}: must differ from the stable address`,
      { subject: 'trafficRouter.canary' },
    );
  }
}

/**
 * The upstream block for a canary weight. nginx weights are whole numbers from 1 up, so the
 * split is taken in basis points and reduced (25% is 3:1); at 0 and 100 the server that gets
 * nothing is left out, since a weight of 0 does not exist.
 */
export function renderNginxUpstream(config: NginxUpstream, weight: number): string {
  const canary = Math.round(weight * 100);
  const stable = 10_000 - canary;
  const servers: string[] = [];
  if (canary === 0) servers.push(`server ${config.stable};`);
  else if (stable === 0) servers.push(`server ${config.canary};`);
  else {
    const divisor = gcd(stable, canary);
    servers.push(`server ${config.stable} weight=${stable / divisor};`);
    servers.push(`server ${config.canary} weight=${canary / divisor};`);
  }
  const body = servers.map((line) => `    ${line}\n`).join('');
  return `${header}upstream ${config.upstream} {\n${body}}\n`;
}

/**
 * The canary weight an upstream file applies, read back from its server lines; undefined when
 * the file has no such upstream or names servers other than the stable and the canary.
 */
export function parseNginxUpstream(config: NginxUpstream, text: string): number | undefined {
  const withoutComments = text.replace(/#[^\n]*/g, '');
  const block = new RegExp(`\\bupstream\\s+${escapeRegExp(config.upstream)}\\s*\\{([^}]*)\\}`).exec(
    withoutComments,
  )?.[1];
  if (block === undefined) return undefined;
  const weights = new Map<string, number>();
  for (const statement of block.split(';')) {
    const words = statement.trim().split(/\s+/);
    if (words.length === 1 && words[0] === '') continue;
    if (words[0] !== 'server' || words[1] === undefined) return undefined;
    let serverWeight = 1;
    for (const option of words.slice(2)) {
      const weightOption = /^weight=(\d+)$/.exec(option)?.[1];
      if (weightOption !== undefined) serverWeight = Number(weightOption);
      else if (option === 'down') serverWeight = 0;
    }
    weights.set(words[1], serverWeight);
  }
  if (
    [...weights.keys()].some((address) => address !== config.stable && address !== config.canary)
  ) {
    return undefined;
  }
  const stable = weights.get(config.stable) ?? 0;
  const canary = weights.get(config.canary) ?? 0;
  if (stable + canary === 0) return undefined;
  return Math.round((canary / (stable + canary)) * 10_000) / 100;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
