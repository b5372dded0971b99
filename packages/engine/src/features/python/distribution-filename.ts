import { SlipwayError } from '@slipway/core';
import { normalizeProjectName } from './project-names.js';

export type DistributionKind = 'wheel' | 'sdist';

export interface DistributionFilename {
  readonly filename: string;
  readonly kind: DistributionKind;
  /** The name as the file spells it (wheels escape `-` as `_`). */
  readonly name: string;
  readonly version: string;
}

/** One path segment of safe characters: no separators, no `..`, no spaces or control bytes. */
const safeFilename = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,254}$/;
const sdistSuffixes = ['.tar.gz', '.zip'] as const;

/**
 * Reads name and version from a wheel (`name-version(-build)?-py-abi-platform.whl`, PEP 427)
 * or sdist (`name-version.tar.gz`, PEP 625) file name. Anything else, including names that
 * could escape a directory, is a USAGE error naming the file.
 */
export function parseDistributionFilename(filename: string): DistributionFilename {
  if (!safeFilename.test(filename) || filename.includes('..')) {
    throw invalid(filename, 'only letters, digits and . _ + - are allowed, in one path segment');
  }
  if (filename.endsWith('.whl')) {
    const parts = filename.slice(0, -'.whl'.length).split('-');
    if (parts.length !== 5 && parts.length !== 6) {
      throw invalid(filename, 'a wheel is named name-version(-build)-python-abi-platform.whl');
    }
    return { filename, kind: 'wheel', name: parts[0] ?? '', version: parts[1] ?? '' };
  }
  const suffix = sdistSuffixes.find((ending) => filename.endsWith(ending));
  if (suffix === undefined) {
    throw invalid(filename, 'expected a wheel (.whl) or an sdist (.tar.gz, .zip)');
  }
  const stem = filename.slice(0, -suffix.length);
  const dash = stem.lastIndexOf('-');
  if (dash <= 0 || dash === stem.length - 1) {
    throw invalid(filename, 'an sdist is named name-version.tar.gz');
  }
  return { filename, kind: 'sdist', name: stem.slice(0, dash), version: stem.slice(dash + 1) };
}

/** Whether a file name belongs to the project (names compared normalized). */
export function filenameMatchesProject(file: DistributionFilename, project: string): boolean {
  return normalizeProjectName(file.name) === normalizeProjectName(project);
}

function invalid(filename: string, reason: string): SlipwayError {
  return new SlipwayError(
    'USAGE',
    `invalid distribution file name ${JSON.stringify(filename)}: ${reason}`,
    {
      subject: filename,
    },
  );
}
