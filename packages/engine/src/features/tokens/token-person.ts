import { SlipwayError } from '@slipway/core';

const emailPattern = /^[^\s@<>]+@[^\s@<>]+$/;
const withName = /^(.*?)\s*<([^<>]*)>$/;
const maxPerson = 400;

/**
 * The person a token is issued to, as stored: `Name <email>` or `email`, the e-mail lower-cased
 * (the identity approvals compare with recorded commit authors). Undefined or blank: none.
 */
export function checkTokenPerson(input: string | undefined): string | null {
  if (input === undefined || input.trim() === '') return null;
  const text = input.trim();
  const named = withName.exec(text);
  const name = named === null ? '' : (named[1] ?? '').trim();
  const email = (named === null ? text : (named[2] ?? '')).trim().toLowerCase();
  if (text.length > maxPerson || !emailPattern.test(email) || email.length > 320) {
    throw new SlipwayError(
      'USAGE',
      `person "${input}" is not an e-mail address or "Name <email>"`,
      { subject: 'person', hint: 'e.g. --for "Ada Lovelace <ada@example.com>"' },
    );
  }
  return name === '' ? email : `${name} <${email}>`;
}

/** The e-mail of a stored person (`Name <email>` or `email`). */
export function personEmail(person: string): string {
  return withName.exec(person)?.[2] ?? person;
}
