import { SlipwayError } from '../errors/slipway-error.js';
import { escapeRegExp } from '../text/escape-reg-exp.js';
import type { Version, VersionScheme } from '../versions/version.js';

/** A tag format such as `v{version}`, `{name}@{version}` or `{name}-v{version}`. */
export function validateTagFormat(format: string): void {
  if (!format.includes('{version}')) {
    throw new SlipwayError('CONFIG_INVALID', `tag-format "${format}" must contain {version}`, {
      subject: 'tag-format',
    });
  }
}

export function formatTag(format: string, name: string, version: string): string {
  return format.replaceAll('{name}', name).replaceAll('{version}', version);
}

export type TagVersionReader = (tag: string) => Version | null;

/**
 * Reads the version out of tags in this format. Tags written in either scheme are understood
 * (a PEP 440 project that once tagged `v1.2.0-rc.1` still finds it); the package's own scheme is
 * tried first. Tags that are not versions give null and are ignored by the caller.
 */
export function createTagVersionReader(
  format: string,
  name: string,
  schemes: readonly VersionScheme[],
): TagVersionReader {
  validateTagFormat(format);
  const pattern = format
    .split('{version}')
    .map((part) => escapeRegExp(part).replaceAll('\\{name\\}', escapeRegExp(name)))
    .join('(.+)');
  const matcher = new RegExp(`^${pattern}$`);
  return (tag) => {
    const match = matcher.exec(tag);
    if (match === null) return null;
    for (let index = 1; index < match.length; index++) {
      const text = match[index];
      if (text === undefined) continue;
      for (const scheme of schemes) {
        const version = scheme.parse(text);
        if (version !== null) return version;
      }
    }
    return null;
  };
}
