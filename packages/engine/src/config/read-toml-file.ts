import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { SlipwayError } from '@slipway/core';
import { parse, TomlError, type TomlTableWithoutBigInt } from 'smol-toml';

/** Reads and parses a TOML file; null when it does not exist. */
export async function readTomlFile(path: string): Promise<TomlTableWithoutBigInt | null> {
  const text = await readTextFile(path);
  if (text === null) return null;
  try {
    return parse(text, { integersAsBigInt: false });
  } catch (error) {
    if (error instanceof TomlError) {
      // smol-toml's message is a headline, then a code frame that points at the column.
      const [headline = 'invalid TOML', ...frame] = error.message.split('\n');
      const reason = headline.replace(/^Invalid TOML document:\s*/, '');
      const codeFrame = frame.join('\n').trim();
      throw new SlipwayError(
        'CONFIG_INVALID',
        `${basename(path)}:${error.line}:${error.column}: invalid TOML: ${reason}`,
        { cause: error, subject: path, ...(codeFrame === '' ? {} : { hint: codeFrame }) },
      );
    }
    throw error;
  }
}

/** A file's text, or null when there is no such file. */
export async function readTextFile(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isErrnoException(error) && (error.code === 'ENOENT' || error.code === 'ENOTDIR'))
      return null;
    throw new SlipwayError('CONFIG_INVALID', `cannot read ${path}: ${String(error)}`, {
      cause: error,
      subject: path,
    });
  }
}

function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error;
}
