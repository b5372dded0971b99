import { createHash } from 'node:crypto';
import { SlipwayError } from '@slipway/core';
import type { DistributionMetadata } from '../python/read-distribution-metadata.js';
import { readDistributionMetadata } from '../python/read-distribution-metadata.js';
import { canonicalPythonVersion, normalizeProjectName } from '../python/project-names.js';
import { formField } from './package-upload.js';
import type { PackageUpload } from './package-upload.js';

const filetypes = { wheel: 'bdist_wheel', sdist: 'sdist' } as const;

export interface CheckedUpload {
  readonly distribution: DistributionMetadata;
  /** Normalized project name (the service's name). */
  readonly project: string;
  readonly sha256: string;
  readonly size: number;
}

/**
 * Everything an upload must satisfy before anything is stored: the form's action and protocol,
 * a safe distribution file name, the size bound, the digests the client sent, the filetype, and
 * name and version equal in the file name, the form and the archive's own metadata.
 */
export async function checkUpload(upload: PackageUpload, maxBytes: number): Promise<CheckedUpload> {
  const action = formField(upload, ':action');
  if (action !== 'file_upload') {
    throw usage(':action', `:action must be file_upload, not ${JSON.stringify(action ?? '')}`);
  }
  const protocol = formField(upload, 'protocol_version');
  if (protocol !== undefined && protocol !== '1') {
    throw usage(
      'protocol_version',
      `protocol_version ${JSON.stringify(protocol)} is not supported (1 is)`,
    );
  }
  const { content } = upload;
  const size = Buffer.isBuffer(content) ? content.length : content.size;
  if (size > maxBytes) {
    throw new SlipwayError(
      'TOO_LARGE',
      `${upload.filename} is larger than the limit of ${maxBytes} bytes`,
      {
        subject: 'content',
      },
    );
  }
  if (size === 0) throw usage('content', `${upload.filename} is empty`);
  const sha256 = Buffer.isBuffer(content)
    ? createHash('sha256').update(content).digest('hex')
    : content.sha256;
  checkDigests(upload, sha256);
  const distribution = await readDistributionMetadata(
    upload.filename,
    Buffer.isBuffer(content) ? content : { path: content.path },
  );
  const { file } = distribution;
  const filetype = formField(upload, 'filetype');
  if (filetype !== undefined && filetype !== filetypes[file.kind]) {
    throw usage(
      'filetype',
      `filetype ${filetype} does not fit ${file.filename} (${filetypes[file.kind]})`,
    );
  }
  const project = normalizeProjectName(distribution.name);
  const names = [file.name, formField(upload, 'name') ?? distribution.name];
  if (names.some((name) => normalizeProjectName(name) !== project)) {
    throw usage(
      'name',
      `the name in ${file.filename} or the form does not match its metadata's Name ${distribution.name}`,
    );
  }
  const version = canonicalPythonVersion(distribution.version);
  const versions = [file.version, formField(upload, 'version') ?? distribution.version];
  if (versions.some((candidate) => canonicalPythonVersion(candidate) !== version)) {
    throw usage(
      'version',
      `the version in ${file.filename} or the form does not match its metadata's Version ${distribution.version}`,
    );
  }
  return { distribution, project, sha256, size };
}

/** At least one digest is required (as PyPI does), and every digest sent must match. */
function checkDigests(upload: PackageUpload, sha256: string): void {
  const sentSha256 = formField(upload, 'sha256_digest');
  const sentMd5 = formField(upload, 'md5_digest');
  if (sentSha256 === undefined && sentMd5 === undefined) {
    throw usage('sha256_digest', 'send sha256_digest (or md5_digest) with the file');
  }
  if (sentSha256 !== undefined && sentSha256.toLowerCase() !== sha256) {
    throw mismatch('sha256_digest', upload.filename);
  }
  if (sentMd5 !== undefined) {
    const { content } = upload;
    const md5 = Buffer.isBuffer(content)
      ? createHash('md5').update(content).digest('hex')
      : content.md5;
    if (sentMd5.toLowerCase() !== md5) throw mismatch('md5_digest', upload.filename);
  }
}

function mismatch(field: string, filename: string): SlipwayError {
  return new SlipwayError('DIGEST_MISMATCH', `${field} does not match the content of ${filename}`, {
    subject: field,
  });
}

function usage(field: string, message: string): SlipwayError {
  return new SlipwayError('USAGE', message, { subject: field });
}
