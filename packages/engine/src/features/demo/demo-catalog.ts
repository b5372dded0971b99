import type { RiskTier } from '../catalog/service-record.js';

/**
 * The demo data set of `slipway serve --demo`: a small organisation's services, as a catalog
 * would hold them. Every demo service's repository starts with `demoRepositoryPrefix`, which is
 * how a database already seeded with the demo is told apart from a real one.
 */
export const demoRepositoryPrefix = 'https://git.example/slipway-demo/';

export interface DemoService {
  readonly name: string;
  readonly owner: string;
  readonly riskTier: RiskTier;
  /** Versions in release order; the last ones may not have reached production yet. */
  readonly versions: readonly string[];
  /** How far the last version got: 'prod' (all the way), 'staging' or 'dev'. */
  readonly lastReaches: 'prod' | 'staging' | 'dev';
  readonly flags: readonly string[];
}

export const demoLifecycle = ['dev', 'staging', 'prod'] as const;

export const demoServices: readonly DemoService[] = [
  {
    name: 'checkout',
    owner: 'team-payments',
    riskTier: 'standard',
    versions: ['2.3.0', '2.4.0', '2.5.0', '2.6.0', '2.7.0'],
    lastReaches: 'staging',
    flags: ['one-click-buy', 'new-tax-engine'],
  },
  {
    name: 'payments-api',
    owner: 'team-payments',
    riskTier: 'high',
    versions: ['5.1.0', '5.2.0', '5.3.0', '5.3.1'],
    lastReaches: 'prod',
    flags: ['3ds-v2'],
  },
  {
    name: 'ledger',
    owner: 'team-core',
    riskTier: 'regulated',
    versions: ['1.8.0', '1.9.0', '1.10.0'],
    lastReaches: 'prod',
    flags: [],
  },
  {
    name: 'identity',
    owner: 'team-core',
    riskTier: 'high',
    versions: ['3.0.0', '3.1.0', '3.2.0', '3.3.0'],
    lastReaches: 'dev',
    flags: ['passkeys'],
  },
  {
    name: 'search',
    owner: 'team-discovery',
    riskTier: 'low',
    versions: ['0.9.0', '0.10.0', '0.11.0', '0.11.1', '0.12.0', '0.13.0'],
    lastReaches: 'prod',
    flags: ['semantic-ranking', 'typo-tolerance'],
  },
  {
    name: 'recommendations',
    owner: 'team-discovery',
    riskTier: 'low',
    versions: ['1.2.0', '1.3.0', '1.4.0', '1.5.0', '1.6.0'],
    lastReaches: 'prod',
    flags: ['bandit-model'],
  },
  {
    name: 'notifications',
    owner: 'team-platform',
    riskTier: 'standard',
    versions: ['4.0.0', '4.1.0', '4.2.0'],
    lastReaches: 'staging',
    flags: ['digest-emails'],
  },
  {
    name: 'web-frontend',
    owner: 'team-platform',
    riskTier: 'standard',
    versions: ['7.10.0', '7.11.0', '7.12.0', '7.13.0', '7.14.0'],
    lastReaches: 'dev',
    flags: ['dark-mode', 'new-navigation'],
  },
];

/** The prod deployment rolled back: checkout 2.6.0, back to 2.5.0. */
export const demoRollback = { service: 'checkout', version: '2.6.0' } as const;
/** search 0.11.1 is marked as the fix of 0.11.0 (a DORA change failure rolled forward). */
export const demoFix = { service: 'search', version: '0.11.1', fixes: '0.11.0' } as const;
/** Waits for approval: notifications 4.2.0 to prod. */
export const demoPendingChange = { service: 'notifications', version: '4.2.0' } as const;
/** A canary paused at a step: web-frontend's last version in staging. */
export const demoCanary = { service: 'web-frontend' } as const;

const features = [
  'faster cold starts',
  'retry budget per client',
  'structured audit log',
  'pagination on list endpoints',
  'configurable timeouts',
  'metrics for queue depth',
  'batch writes',
  'health endpoint reports dependencies',
];
const fixes = [
  'null pointer on empty cart',
  'timezone of nightly job',
  'race when two workers claim one task',
  'memory growth under load',
  'wrong currency rounding',
  'stale cache after deploy',
];

/** Release notes as `slipway release` writes them: Markdown with PR and issue links. */
export function demoNotes(service: string, version: string, index: number, fixOf?: string): string {
  const repo = `${demoRepositoryPrefix}${service}`;
  const pr = 100 + index * 7;
  const feature = features[(index + service.length) % features.length] ?? 'improvements';
  const fix = fixes[(index * 3 + service.length) % fixes.length] ?? 'small fixes';
  const lines = [`## ${version}`, ''];
  if (fixOf === undefined) {
    lines.push('### Features', '', `* ${feature} ([#${pr}](${repo}/pull/${pr}))`, '');
  }
  lines.push(
    '### Bug Fixes',
    '',
    `* ${fix} ([#${pr + 1}](${repo}/pull/${pr + 1})), closes [#${pr - 40}](${repo}/issues/${pr - 40})`,
  );
  if (fixOf !== undefined) lines.push('', `Fixes the regression released in ${fixOf}.`);
  return `${lines.join('\n')}\n`;
}
