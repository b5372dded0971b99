import { SlipwayError } from '../errors/slipway-error.js';

export interface FragmentFileNameParts {
  readonly type: string;
  readonly issue?: string | null;
  /** Used when there is no issue: the file becomes the orphan `+<slug>.<type>.md`. */
  readonly slug?: string | null;
  /** 0 or absent: no counter part. */
  readonly counter?: number;
  /** Without or with the leading dot; absent or empty: no extension. */
  readonly extension?: string;
  readonly orphanPrefix?: string;
}

// Issues may carry a prefix and dots (towncrier accepts `gh-12`, `fix-1.2.3`), never a path.
const issuePattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const slugPattern = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

/** towncrier's naming: `<issue>.<type>[.<counter>].<ext>`, orphans `+<slug>.<type>.<ext>`. */
export function fragmentFileName(parts: FragmentFileNameParts): string {
  const { type } = parts;
  if (!/^[A-Za-z0-9_-]+$/.test(type)) {
    throw new SlipwayError('FRAGMENT_INVALID', `"${type}" is not a valid fragment type`, {
      subject: type,
    });
  }
  const issue = parts.issue === undefined || parts.issue === null ? null : parts.issue.trim();
  let head: string;
  if (issue !== null && issue !== '') {
    const bare = issue.replace(/^#/, '');
    if (!issuePattern.test(bare) || bare.endsWith('.')) {
      throw new SlipwayError('FRAGMENT_INVALID', `"${issue}" is not a valid issue reference`, {
        subject: issue,
        hint: 'Use the issue number (123) or a reference without spaces or slashes (gh-123).',
      });
    }
    head = bare;
  } else {
    const slug = parts.slug ?? '';
    if (!slugPattern.test(slug)) {
      throw new SlipwayError('FRAGMENT_INVALID', `"${slug}" is not a valid orphan fragment slug`, {
        subject: slug,
      });
    }
    head = `${parts.orphanPrefix ?? '+'}${slug}`;
  }
  const counter = parts.counter ?? 0;
  if (!Number.isSafeInteger(counter) || counter < 0) {
    throw new SlipwayError('FRAGMENT_INVALID', `fragment counter ${counter} is not a whole number`);
  }
  const extension = (parts.extension ?? '').replace(/^\./, '');
  return [
    head,
    type,
    ...(counter > 0 ? [String(counter)] : []),
    ...(extension === '' ? [] : [extension]),
  ].join('.');
}

/** A short, file-name-safe slug from a fragment message, for orphan fragments. */
export function slugFromMessage(message: string, maxWords = 5): string {
  return message
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, ' ')
    .split(/[\s-]+/)
    .filter((word) => word !== '')
    .slice(0, maxWords)
    .join('-');
}
