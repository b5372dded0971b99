import { describe, expect, it } from 'vitest';
import { isSlipwayError } from '@slipway/core';
import { checkTokenPerson, createFakeTokenService, personEmail } from '../../src/index.js';
import { actorIdentity } from '../../src/features/approvals/release-authors.js';

describe('the person a token is issued to', () => {
  it.each([
    ['Ada Lovelace <Ada@Example.com>', 'Ada Lovelace <ada@example.com>', 'ada@example.com'],
    ['  ADA@example.com ', 'ada@example.com', 'ada@example.com'],
    ['<ada@example.com>', 'ada@example.com', 'ada@example.com'],
  ])('%j is stored as %j, e-mail %j', (input, stored, email) => {
    const person = checkTokenPerson(input);
    expect(person).toBe(stored);
    expect(personEmail(person ?? '')).toBe(email);
  });

  it('is none when absent or blank', () => {
    expect(checkTokenPerson(undefined)).toBeNull();
    expect(checkTokenPerson('   ')).toBeNull();
  });

  it.each(['Ada Lovelace', 'Ada <ada>', 'ada@example.com <ada@example.com>x', 'a b@example.com'])(
    'refuses %j naming the field',
    (input) => {
      let caught: unknown;
      try {
        checkTokenPerson(input);
      } catch (error) {
        caught = error;
      }
      expect(isSlipwayError(caught) && caught.code).toBe('USAGE');
      expect(isSlipwayError(caught) && caught.subject).toBe('person');
    },
  );

  it('is recorded with the token and in its ledger event', async () => {
    const { service, ledger } = createFakeTokenService();
    const created = await service.createToken({
      role: 'approver',
      person: 'Ada <ada@example.com>',
      createdBy: 'ops',
    });
    expect(created.token.person).toBe('Ada <ada@example.com>');
    expect((await service.authenticate(created.secret))?.person).toBe('Ada <ada@example.com>');
    const page = await ledger.listEvents({ type: 'token.created' });
    expect(page.events[0]?.payload).toMatchObject({ person: 'Ada <ada@example.com>' });
  });

  it('is what approvals read out of a person token’s actor', () => {
    expect(actorIdentity('ada@example.com (token:1234-abcd)')).toBe('ada@example.com');
    expect(actorIdentity('token:1234-abcd')).toBe('token:1234-abcd');
    expect(actorIdentity('github-actions:alice')).toBe('github-actions:alice');
  });
});
