import { SlipwayError } from '@slipway/core';

/** One repository of a `.pypirc`, as twine reads it. */
export interface PypircRepository {
  readonly repository: string;
  readonly username: string | undefined;
  readonly password: string | undefined;
}

const defaultUrls: Readonly<Record<string, string>> = {
  pypi: 'https://upload.pypi.org/legacy/',
  testpypi: 'https://test.pypi.org/legacy/',
};

/**
 * The named repository of a `.pypirc` (INI: `[distutils] index-servers`, one section per
 * server with `repository`, `username`, `password`). pypi and testpypi have default URLs, as
 * in twine; another name without a section is a USAGE error.
 */
export function pypircRepository(text: string, name: string): PypircRepository {
  const sections = parseIni(text);
  const section = sections.get(name);
  const repository = section?.get('repository') ?? defaultUrls[name];
  if (repository === undefined) {
    throw new SlipwayError('USAGE', `~/.pypirc has no repository ${name}`, {
      subject: name,
      hint: `add a [${name}] section with repository = <upload URL>`,
    });
  }
  return { repository, username: section?.get('username'), password: section?.get('password') };
}

function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  let lastKey: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*[#;]/.test(line) || line.trim() === '') continue;
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header?.[1] !== undefined) {
      current = new Map();
      sections.set(header[1].trim(), current);
      lastKey = undefined;
      continue;
    }
    if (current === undefined) continue;
    // Continuation lines (index-servers lists) extend the previous value.
    if (/^\s/.test(line) && lastKey !== undefined) {
      current.set(lastKey, `${current.get(lastKey) ?? ''}\n${line.trim()}`);
      continue;
    }
    const match = /^([^=:]+)[=:](.*)$/.exec(line);
    if (match?.[1] === undefined) continue;
    lastKey = match[1].trim().toLowerCase();
    current.set(lastKey, (match[2] ?? '').trim());
  }
  return sections;
}
