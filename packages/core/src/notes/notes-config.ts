export interface NotesSection {
  /** Conventional types listed in this section, e.g. `["feat"]`. */
  readonly types: readonly string[];
  readonly title: string;
}

export interface NotesConfig {
  /** In the order they are rendered. A type listed here is shown even if it is also hidden. */
  readonly sections: readonly NotesSection[];
  /** Types left out of the notes (their breaking changes are still listed). */
  readonly hidden: readonly string[];
  readonly breakingTitle: string;
  /** List non-conventional commits under "Other". */
  readonly showOther: boolean;
  readonly contributors: boolean;
}

export const defaultNotesConfig: NotesConfig = {
  sections: [
    { types: ['removal'], title: 'Removals' },
    { types: ['deprecation'], title: 'Deprecations' },
    { types: ['feat'], title: 'Features' },
    { types: ['security'], title: 'Security' },
    { types: ['fix'], title: 'Bug Fixes' },
    { types: ['perf'], title: 'Performance' },
    { types: ['revert'], title: 'Reverts' },
    { types: ['docs'], title: 'Documentation' },
    { types: ['deps'], title: 'Dependencies' },
    { types: ['misc'], title: 'Misc' },
  ],
  hidden: ['chore', 'ci', 'build', 'style', 'test', 'refactor'],
  breakingTitle: '⚠ BREAKING CHANGES',
  showOther: false,
  contributors: true,
};

/** Title of the section that collects conventional types neither configured nor hidden. */
export const UNLISTED_TYPES_TITLE = 'Other Changes';
/** Title of the non-conventional commits listed when `showOther` is on. */
export const OTHER_COMMITS_TITLE = 'Other';
