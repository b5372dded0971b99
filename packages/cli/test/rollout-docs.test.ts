import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseToml } from 'smol-toml';
import { parseRolloutSpec } from '@slipway/core';

const docs = readFileSync(new URL('../../../docs/rollouts.md', import.meta.url), 'utf8');

/** The fenced blocks of a language in docs/rollouts.md. */
function blocks(language: 'json' | 'toml'): string[] {
  return [...docs.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map(
    (match) => match[1] ?? '',
  );
}

describe('docs/rollouts.md', () => {
  it('declares only rollout specs the parser accepts (JSON and TOML)', () => {
    const specs = [
      ...blocks('json').map((text) => JSON.parse(text) as Record<string, unknown>),
      ...blocks('toml').map((text) => parseToml(text, { integersAsBigInt: false })),
    ].filter((value) => 'strategy' in value);
    expect(specs.length).toBe(2);
    for (const spec of specs) expect(() => parseRolloutSpec(spec, 'docs')).not.toThrow();
  });

  it('shows a judge metric the parser accepts inside a template', () => {
    const metrics = blocks('json')
      .map((text) => JSON.parse(text) as Record<string, unknown>)
      .filter((value) => 'source' in value);
    expect(metrics.length).toBe(1);
    const spec = {
      strategy: { kind: 'canary', steps: [{ analysis: { templates: ['judged'] } }] },
      templates: [{ name: 'judged', metrics }],
    };
    expect(parseRolloutSpec(spec, 'docs').templates?.[0]?.metrics[0]?.name).toBe('latency');
  });
});
