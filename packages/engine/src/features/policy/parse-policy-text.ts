import { parse } from 'yaml';
import { SlipwayError } from '@slipway/core';

/** A policy file as kept in a repository: YAML, or JSON (which YAML reads too). */
export function parsePolicyText(text: string, fileName: string): unknown {
  try {
    return parse(text) as unknown;
  } catch (error) {
    throw new SlipwayError('USAGE', `${fileName} is not valid YAML or JSON: ${String(error)}`, {
      subject: fileName,
      cause: error,
    });
  }
}
