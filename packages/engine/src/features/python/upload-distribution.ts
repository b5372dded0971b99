import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { SlipwayError } from '@slipway/core';
import { encodeMultipart } from '../package-index/multipart-form.js';
import { uploadFormFields } from './core-metadata.js';
import { readDistributionMetadata } from './read-distribution-metadata.js';

export interface UploadTarget {
  /** The upload URL (`…/legacy/`). */
  readonly url: string;
  readonly username: string;
  readonly password: string;
  /** Treat "already exists" answers as success, the way twine's --skip-existing does. */
  readonly skipExisting?: boolean;
  readonly fetch?: typeof fetch;
}

export interface UploadResult {
  readonly filename: string;
  readonly sha256: string;
  readonly size: number;
  readonly outcome: 'uploaded' | 'skipped';
}

const filetypes = { wheel: 'bdist_wheel', sdist: 'sdist' } as const;

/**
 * Uploads one wheel or sdist with the legacy API as twine does: `:action=file_upload`,
 * `protocol_version=1`, the file as `content`, its digests, `filetype`, `pyversion`, and every
 * core metadata field of the file's own METADATA/PKG-INFO (repeated fields repeated).
 */
export async function uploadDistribution(
  path: string,
  target: UploadTarget,
): Promise<UploadResult> {
  const content = await readFile(path);
  const filename = basename(path);
  const distribution = await readDistributionMetadata(filename, content);
  const sha256 = createHash('sha256').update(content).digest('hex');
  const { kind } = distribution.file;
  const fields: [string, string][] = [
    [':action', 'file_upload'],
    ['protocol_version', '1'],
    ...uploadFormFields(distribution.metadata),
    ['filetype', filetypes[kind]],
    ['pyversion', kind === 'wheel' ? wheelPythonTag(filename) : 'source'],
    ['sha256_digest', sha256],
  ];
  const { body, contentType } = encodeMultipart(fields, {
    name: 'content',
    filename,
    data: content,
  });
  const credentials = Buffer.from(`${target.username}:${target.password}`).toString('base64');
  let response: Response;
  try {
    response = await (target.fetch ?? fetch)(target.url, {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: `Basic ${credentials}` },
      body,
      redirect: 'manual',
    });
  } catch (error) {
    throw new SlipwayError(
      'UNREACHABLE',
      `cannot reach ${target.url}: ${(error as Error).message}`,
      {
        subject: target.url,
        cause: error,
      },
    );
  }
  const text = await response.text();
  const result = { filename, sha256, size: content.length };
  if (response.ok) return { ...result, outcome: 'uploaded' };
  if (target.skipExisting === true && alreadyExists(response.status, response.statusText, text)) {
    return { ...result, outcome: 'skipped' };
  }
  const reason = `${response.status} ${response.statusText}`.trim();
  const code =
    response.status === 401 ? 'UNAUTHENTICATED' : response.status === 403 ? 'FORBIDDEN' : 'REFUSED';
  throw new SlipwayError(
    code,
    `${target.url} refused ${filename}: ${reason} ${text.trim()}`.trim(),
    {
      subject: filename,
      ...(response.status >= 300 && response.status < 400
        ? { hint: 'the upload URL redirects: give the final URL (usually ending in /legacy/)' }
        : {}),
    },
  );
}

/** twine's skip_upload: the answers of PyPI, pypiserver, Nexus, Artifactory and GitLab. */
export function alreadyExists(status: number, reason: string, text: string): boolean {
  const said = [reason.toLowerCase(), text.toLowerCase()];
  return (
    status === 409 ||
    (status === 400 && said.some((words) => words.includes('already exist'))) ||
    (status === 400 && said.some((words) => words.includes('updating asset'))) ||
    (status === 403 && text.toLowerCase().includes('overwrite artifact')) ||
    (status === 400 && text.toLowerCase().includes('already been taken'))
  );
}

/** The python tag of a wheel name (`py3` of `x-1.0-py3-none-any.whl`). */
function wheelPythonTag(filename: string): string {
  const parts = filename.slice(0, -'.whl'.length).split('-');
  return parts[parts.length - 3] ?? 'py3';
}
