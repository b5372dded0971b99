import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '@slipway/test-utils';
import {
  CommandTrafficRouter,
  FakeTrafficRouter,
  createTrafficRouter,
} from '../../../src/index.js';
import { rollout } from './traffic-test-context.js';

const dir = makeTempDir('slipway-traffic-command-');
afterAll(() => dir.cleanup());

function script(name: string, body: string): string {
  const path = join(dir.path, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('command traffic router', () => {
  it('runs the program without a shell, the rollout in its environment', async () => {
    const out = join(dir.path, 'env.txt');
    const program = script(
      'record.sh',
      `printf '%s|' "$SLIPWAY_CANARY_WEIGHT" "$SLIPWAY_ROLLOUT_ID" "$SLIPWAY_SERVICE" "$SLIPWAY_ENVIRONMENT" "$SLIPWAY_STABLE_VERSION" "$SLIPWAY_CANARY_VERSION" "$1" > "${out}"`,
    );
    const router = createTrafficRouter({ kind: 'command', command: [program, 'a b;$(x)'] });
    await router.setWeight(12.5, rollout);
    expect(readFileSync(out, 'utf8')).toBe('12.5|ro-1|shop|prod|1.0.0|1.1.0|a b;$(x)|');
    await router.setWeight(0, { ...rollout, stableVersion: null });
    expect(readFileSync(out, 'utf8')).toBe('0|ro-1|shop|prod||1.1.0|a b;$(x)|');
    expect(await router.currentWeight(rollout)).toBeNull();
  });

  it('fails with the exit status and a bounded stderr', async () => {
    const program = script(
      'fail.sh',
      `echo "lb said no" >&2; head -c 20000 /dev/zero | tr '\\0' x >&2; exit 3`,
    );
    const router = new CommandTrafficRouter({ command: [program] });
    const error = (await router.setWeight(50, rollout).catch((caught: unknown) => caught)) as Error;
    expect(error).toMatchObject({ name: 'SlipwayError', code: 'DEPLOY_FAILED' });
    expect(error.message).toMatch(/exited with code 3/);
    expect(error.message).toMatch(/lb said no/);
    expect(error.message.length).toBeLessThan(5_000);
  });

  it('kills a program that outlives its timeout', async () => {
    const program = script('slow.sh', 'sleep 30');
    const router = new CommandTrafficRouter({ command: [program], timeoutSeconds: 0.3 });
    const started = Date.now();
    await expect(router.setWeight(10, rollout)).rejects.toThrow(/timed out after 0.3s/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('reports a program that cannot run, and refuses an empty argv', async () => {
    const router = new CommandTrafficRouter({ command: [join(dir.path, 'nope')] });
    await expect(router.setWeight(10, rollout)).rejects.toThrow(/could not run/);
    expect(() => new CommandTrafficRouter({ command: [] })).toThrow(/trafficRouter\.command/);
    expect(() => new CommandTrafficRouter({ command: ['x'], timeoutSeconds: 0 })).toThrow(
      /timeoutSeconds/,
    );
  });
});

describe('fake traffic router', () => {
  it('records weights and fails once when told to', async () => {
    const fake = new FakeTrafficRouter('nginx');
    expect(await fake.currentWeight(rollout)).toBeNull();
    await fake.setWeight(10, rollout);
    fake.failNext(new Error('nginx down'));
    await expect(fake.setWeight(50, rollout)).rejects.toThrow('nginx down');
    await fake.setWeight(100, rollout);
    expect(fake.weights).toEqual([10, 100]);
    expect(fake.calls[0]?.context.rolloutId).toBe('ro-1');
    expect(await fake.currentWeight(rollout)).toBe(100);
    await expect(fake.setWeight(-5, rollout)).rejects.toThrow(/weight -5/);
  });

  it('is not what the factory builds for a flag router without a flags service', () => {
    expect(() =>
      createTrafficRouter({ kind: 'flag', flag: 'f', stableVariant: 'a', canaryVariant: 'b' }),
    ).toThrow(/no flags service/);
  });
});
