import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { knownConfigKeys } from '../../src/config/known-config-keys.js';
import { configDir } from './config-test-dir.js';

const docs = await readFile(new URL('../../../../docs/configuration.md', import.meta.url), 'utf8');
const examples = [...docs.matchAll(/```toml\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');

// The documentation's examples are configurations users copy; each must load as written.
describe('docs/configuration.md', () => {
  it('has TOML examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });

  it.each(examples.map((toml, index) => [index, toml] as const))(
    'example %i loads from slipway.toml',
    async (_index, toml) => {
      const dir = await configDir({ 'slipway.toml': toml });
      await expect(loadConfig(dir)).resolves.toMatchObject({ warnings: [] });
    },
  );

  it('documents every key of the schema', () => {
    const tables = [
      'bump',
      'pre-major',
      'branches',
      'notes',
      'links',
      'changelog',
      'release',
      'fragments',
      'deploy',
      'check',
    ];
    const keys = [...knownConfigKeys([]), ...tables.flatMap((table) => knownConfigKeys([table]))];
    const missing = keys.filter(
      (key) => !docs.includes(`\`${key}\``) && !docs.includes(`\`[${key}]\``),
    );
    expect(missing).toEqual([]);
  });
});
