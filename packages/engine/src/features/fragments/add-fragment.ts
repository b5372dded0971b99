import { randomBytes } from 'node:crypto';
import { link, mkdir, readdir, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { FragmentConfig } from '@slipway/core';
import {
  SlipwayError,
  fragmentFileName,
  normalizeIssue,
  parseFragmentName,
  slugFromMessage,
} from '@slipway/core';

export interface AddFragmentRequest {
  readonly type: string;
  /** `123`, `#123` or `gh-123`; absent: an orphan fragment named after the message. */
  readonly issue?: string | null;
  /** The fragment text; absent: `fragmentPlaceholder`, or nothing for types without content. */
  readonly message?: string | null;
}

/** Written when no message is given, for the author to replace. */
export const fragmentPlaceholder = 'Describe this change for the release notes.';

// Far more than any real directory holds for one issue and type; stops a runaway loop.
const maxCounter = 1000;

/**
 * Creates a fragment file and returns its absolute path. Never overwrites: when the name is
 * taken, a counter is added (`123.feature.1.md`) as towncrier does. The file appears
 * atomically: written to a temporary file, then hard-linked to its final name, which fails
 * instead of replacing a file that appeared in between (a rename would replace it).
 */
export async function addFragment(
  root: string,
  config: FragmentConfig,
  request: AddFragmentRequest,
): Promise<string> {
  const keys = config.types.map((type) => type.key);
  if (!keys.includes(request.type)) {
    throw new SlipwayError(
      'FRAGMENT_INVALID',
      `unknown fragment type "${request.type}"; valid types: ${keys.join(', ')}`,
      { subject: request.type },
    );
  }
  const issue =
    request.issue === undefined || request.issue === null || request.issue.trim() === ''
      ? null
      : normalizeIssue(request.issue);
  const message = request.message?.trim() ?? '';
  const showContent = config.types.find((type) => type.key === request.type)?.showContent ?? true;
  // Types that show no content (misc) are listed by issue only; towncrier leaves them empty.
  const text = message !== '' ? message : showContent ? fragmentPlaceholder : '';
  const slug = issue === null ? slugFromMessage(message) || randomBytes(4).toString('hex') : null;
  const base = {
    type: request.type,
    issue,
    slug,
    extension: config.extension,
    orphanPrefix: config.orphanPrefix,
  };
  // Validates the issue before anything touches the disk.
  fragmentFileName(base);

  const dir = resolve(root, config.directory);
  await mkdir(dir, { recursive: true });
  const taken = await takenCounters(dir, keys, config.orphanPrefix, request.type, issue, slug);
  const content = text === '' ? '' : `${text}\n`;
  const temp = join(dir, `.slipway-fragment-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  await writeFile(temp, content, { encoding: 'utf8', flag: 'wx' });
  try {
    for (let counter = 0; counter < maxCounter; counter += 1) {
      if (taken.has(counter)) continue;
      const path = join(dir, fragmentFileName({ ...base, counter }));
      try {
        await link(temp, path);
        return path;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? '';
        if (code === 'EEXIST') continue;
        if (!noHardLinks.has(code)) throw wrap(error, path);
        // No hard links here: an exclusive create still never overwrites, only less atomically.
        if (await createExclusive(path, content)) return path;
      }
    }
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  throw new SlipwayError(
    'FRAGMENT_INVALID',
    `no free fragment name for ${request.type} in ${dir}`,
    {
      subject: dir,
    },
  );
}

// Errors of file systems without hard links (FAT, some network and FUSE mounts).
const noHardLinks = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK']);

async function createExclusive(path: string, content: string): Promise<boolean> {
  try {
    await writeFile(path, content, { encoding: 'utf8', flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw wrap(error, path);
  }
}

// Counters in use for this issue (or orphan slug) and type, whatever the extension.
async function takenCounters(
  dir: string,
  keys: readonly string[],
  orphanPrefix: string,
  type: string,
  issue: string | null,
  slug: string | null,
): Promise<Set<number>> {
  const taken = new Set<number>();
  for (const name of await readdir(dir)) {
    const parsed = parseFragmentName(name, keys, orphanPrefix);
    if (parsed.kind !== 'fragment' || parsed.type !== type) continue;
    if (issue !== null ? parsed.issue === issue : parsed.slug === slug) taken.add(parsed.counter);
  }
  return taken;
}

function wrap(error: unknown, path: string): SlipwayError {
  return new SlipwayError('FRAGMENT_INVALID', `cannot write ${path}: ${String(error)}`, {
    cause: error,
    subject: path,
  });
}
