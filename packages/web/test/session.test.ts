import { describe, expect, it } from 'vitest';
import { ApiClient } from '../src/api/api-client.js';
import { mayAct, readSession, unknownSession } from '../src/api/session.js';

function answering(status: number, body: unknown): { client: ApiClient; asked: string[] } {
  const asked: string[] = [];
  const client = new ApiClient('slw_secret', (input) => {
    asked.push(input);
    return Promise.resolve(
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
    );
  });
  return { client, asked };
}

describe('the signed-in session', () => {
  it('takes the role and the actor from GET /api/whoami', async () => {
    const { client, asked } = answering(200, {
      actor: 'token:7f3a',
      role: 'approver',
      services: ['billing'],
      environments: null,
      tokenId: '7f3a',
    });
    const session = await readSession(client);
    expect(asked).toEqual(['/api/whoami']);
    expect(session).toEqual({ role: 'approver', actor: 'token:7f3a' });
    expect(mayAct(session, 'approver')).toBe(true);
    expect(mayAct(session, 'admin')).toBe(false);
  });

  it('knows nothing when the question fails, and lets the server decide', async () => {
    const { client } = answering(401, {
      error: { code: 'UNAUTHENTICATED', message: 'unknown or revoked token' },
    });
    const session = await readSession(client);
    expect(session).toEqual(unknownSession);
    expect(mayAct(session, 'admin')).toBe(true);
  });

  it('does not trust a role it does not know', async () => {
    const { client } = answering(200, {
      actor: 'token:1',
      role: 'wizard',
      services: null,
      environments: null,
      tokenId: '1',
    });
    await expect(readSession(client)).resolves.toEqual({ role: null, actor: 'token:1' });
  });
});
