export type ChangelogScheme = 'semver' | 'pep440';

/** The preamble Keep a Changelog 1.1.0 recommends, naming the project's version scheme. */
export function changelogPreamble(title: string, scheme: ChangelogScheme): string[] {
  const adheres =
    scheme === 'pep440'
      ? 'and this project versions its releases as [PEP 440](https://peps.python.org/pep-0440/) describes.'
      : 'and this project adheres to [Semantic Versioning](https://semver.org/spec/v2.0.0.html).';
  return [
    `# ${title}`,
    '',
    'All notable changes to this project will be documented in this file.',
    '',
    'The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/),',
    adheres,
  ];
}

const semverShape =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** SemVer when the version has SemVer's shape, else PEP 440 (`1.2rc1`, `1.2.0.post1`). */
export function guessChangelogScheme(version: string): ChangelogScheme {
  return semverShape.test(version) ? 'semver' : 'pep440';
}
