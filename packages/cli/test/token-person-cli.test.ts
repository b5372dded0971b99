import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, makeTempDir } from '@slipway/test-utils';
import { runCliInProcess } from './run-cli-in-process.js';

afterEach(() => cleanupTempDirs());

describe('slipway token create --for', () => {
  it('issues a token to a person, lists it with them, and refuses what is not an e-mail', async () => {
    const dir = makeTempDir('slipway-token-person-');
    const cli = (args: string[]) =>
      runCliInProcess([...args, '--data-dir', dir.path], { SLIPWAY_ACTOR: 'ops' });
    const created = await cli([
      'token',
      'create',
      '--role',
      'approver',
      '--for',
      'Ada Lovelace <Ada@Example.com>',
      '--json',
    ]);
    expect(created.status, created.stderr).toBe(0);
    const { token } = JSON.parse(created.stdout) as { token: { id: string; person: string } };
    expect(token.person).toBe('Ada Lovelace <ada@example.com>');

    const plain = await cli(['token', 'create', '--role', 'viewer', '--for', 'bob@example.com']);
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.stdout).toContain('viewer for bob@example.com by ops');

    const listed = await cli(['token', 'list', '--json']);
    const { tokens } = JSON.parse(listed.stdout) as { tokens: { person: string | null }[] };
    expect(tokens.map((item) => item.person)).toEqual([
      'Ada Lovelace <ada@example.com>',
      'bob@example.com',
    ]);
    const human = await cli(['token', 'list']);
    expect(human.stdout).toContain(`${token.id} `);
    expect(human.stdout).toContain('approver for Ada Lovelace <ada@example.com> by ops');

    const bad = await cli(['token', 'create', '--role', 'viewer', '--for', 'Ada Lovelace']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain(
      'person "Ada Lovelace" is not an e-mail address or "Name <email>"',
    );
  });
});
