import { SlipwayError } from '@slipway/core';
import type { ChangeRequestContent, CommitAuthor } from './approval-records.js';

const maxAuthors = 1_000;
const maxName = 200;
const emailPattern = /^[^\s@<>]+@[^\s@<>]+$/;

/** Checked, e-mails lower-cased, one entry per e-mail (the first name given wins). */
export function checkCommitAuthors(input: readonly CommitAuthor[]): CommitAuthor[] {
  if (input.length > maxAuthors) {
    throw new SlipwayError('USAGE', `at most ${maxAuthors} authors per release`, {
      subject: 'authors',
    });
  }
  const byEmail = new Map<string, CommitAuthor>();
  for (const author of input) {
    const email = author.email.trim().toLowerCase();
    const name = author.name.trim();
    if (!emailPattern.test(email) || email.length > 320) {
      throw new SlipwayError('USAGE', `author email "${author.email}" is not an e-mail address`, {
        subject: 'authors.email',
      });
    }
    if (name.length > maxName) {
      throw new SlipwayError('USAGE', `author name is longer than ${maxName} characters`, {
        subject: 'authors.name',
      });
    }
    if (!byEmail.has(email)) byEmail.set(email, { name, email });
  }
  return [...byEmail.values()];
}

const personToken = /^(\S+@\S+) \(token:[^()\s]+\)$/;

/**
 * The person an actor stands for: a server names requests made with a token issued to a person
 * `ada@example.com (token:<id>)`, which is `ada@example.com` here, so that person's tokens are
 * one approver and match their commit authorship. Any other actor is itself.
 */
export function actorIdentity(actor: string): string {
  return personToken.exec(actor.trim())?.[1] ?? actor;
}

/**
 * Every spelling under which an author may approve: the recorded authors (creator, e-mails) and
 * the commit authors' names, and the person of a creator who pushed with a person's token. The
 * evaluator refuses approvals by any of them.
 */
export function authorIdentities(content: ChangeRequestContent): string[] {
  const recorded = [
    ...content.authors,
    ...(content.commitAuthors ?? []).map((author) => author.name).filter((name) => name !== ''),
  ];
  return [...new Set([...recorded, ...recorded.map(actorIdentity)])];
}

/**
 * Whether the approver is one of the content's authors. Compared without case, and also by the
 * approver's last `:`-part (`github-actions:alice`) and an e-mail's local part (`alice` for
 * alice@example.com): a false match only refuses an approval, a missed one would let an author
 * approve their own change.
 */
export function isAuthor(content: ChangeRequestContent, approver: string): boolean {
  const spellings = new Set<string>();
  for (const identity of authorIdentities(content)) {
    const lower = identity.toLowerCase();
    spellings.add(lower);
    const at = lower.indexOf('@');
    if (at > 0) spellings.add(lower.slice(0, at));
  }
  const actor = actorIdentity(approver).trim().toLowerCase();
  const login = actor.slice(actor.lastIndexOf(':') + 1);
  return spellings.has(actor) || (login !== '' && spellings.has(login));
}
