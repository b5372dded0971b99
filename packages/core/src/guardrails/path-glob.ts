import { escapeRegExp } from '../text/escape-reg-exp.js';

/**
 * A path glob as a regular expression: `**` any run of directories, `*` any characters but `/`,
 * `?` one character but `/`. A pattern without `/` matches the file name in any directory
 * (as in `.gitignore`); a trailing `/` matches everything below a directory.
 */
export function pathGlob(pattern: string): RegExp {
  let glob = pattern.replace(/^\.\//, '');
  if (glob.endsWith('/')) glob += '**';
  const anchored = glob.includes('/') ? glob.replace(/^\//, '') : `**/${glob}`;
  let source = '';
  for (let index = 0; index < anchored.length; index++) {
    const char = anchored[index] ?? '';
    if (char === '*' && anchored[index + 1] === '*') {
      const slash = anchored[index + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      index += slash ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += escapeRegExp(char);
  }
  return new RegExp(`^${source}$`);
}
