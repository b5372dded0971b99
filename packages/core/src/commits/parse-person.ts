import type { Person } from './types.js';

/** `Name <email>` → `{ name, email }`; a bare name gets `email: null`. Null when empty. */
export function parsePerson(value: string): Person | null {
  const open = value.lastIndexOf('<');
  const close = open < 0 ? -1 : value.indexOf('>', open);
  if (open < 0 || close < 0) {
    const name = value.trim();
    return name === '' ? null : { name, email: null };
  }
  const email = value.slice(open + 1, close).trim();
  const name = value.slice(0, open).trim();
  if (email === '') return name === '' ? null : { name, email: null };
  // `Co-authored-by: <bot@example.com>` still names someone: the address is all we have.
  return { name: name === '' ? email : name, email };
}
