import { describe, expect, it } from 'vitest';
import { parseRemoteUrl } from '../../src/links/index.js';

describe('parseRemoteUrl', () => {
  it.each([
    ['https://github.com/acme/widgets.git', 'github.com', 'acme/widgets', 'github'],
    ['https://github.com/acme/widgets', 'github.com', 'acme/widgets', 'github'],
    ['https://github.com/acme/widgets/', 'github.com', 'acme/widgets', 'github'],
    ['http://github.com/acme/widgets.git', 'github.com', 'acme/widgets', 'github'],
    [
      'https://x-access-token:secret@github.com/acme/widgets.git',
      'github.com',
      'acme/widgets',
      'github',
    ],
    ['git@github.com:acme/widgets.git', 'github.com', 'acme/widgets', 'github'],
    ['git@github.com:acme/widgets', 'github.com', 'acme/widgets', 'github'],
    ['ssh://git@github.com/acme/widgets.git', 'github.com', 'acme/widgets', 'github'],
    ['ssh://git@github.com:22/acme/widgets.git', 'github.com', 'acme/widgets', 'github'],
    ['git+ssh://git@github.com/acme/widgets.git', 'github.com', 'acme/widgets', 'github'],
    ['git://github.com/acme/widgets.git', 'github.com', 'acme/widgets', 'github'],
    ['https://github.acme.corp/team/widgets.git', 'github.acme.corp', 'team/widgets', 'github'],
    [
      'https://gitlab.com/group/sub/deeper/widgets.git',
      'gitlab.com',
      'group/sub/deeper/widgets',
      'gitlab',
    ],
    ['git@gitlab.com:group/sub/widgets.git', 'gitlab.com', 'group/sub/widgets', 'gitlab'],
    [
      'ssh://git@gitlab.acme.io:2222/group/widgets.git',
      'gitlab.acme.io',
      'group/widgets',
      'gitlab',
    ],
    ['https://gitlab.acme.io:8443/group/widgets', 'gitlab.acme.io:8443', 'group/widgets', 'gitlab'],
    ['https://codeberg.org/forgejo/forgejo.git', 'codeberg.org', 'forgejo/forgejo', 'gitea'],
    ['git@codeberg.org:acme/widgets.git', 'codeberg.org', 'acme/widgets', 'gitea'],
    ['https://gitea.example.com/acme/widgets.git', 'gitea.example.com', 'acme/widgets', 'gitea'],
    ['https://forgejo.example.com/acme/widgets', 'forgejo.example.com', 'acme/widgets', 'gitea'],
    ['https://bitbucket.org/acme/widgets.git', 'bitbucket.org', 'acme/widgets', 'bitbucket'],
    ['git@bitbucket.org:acme/widgets.git', 'bitbucket.org', 'acme/widgets', 'bitbucket'],
    ['https://git.example.com/acme/widgets.git', 'git.example.com', 'acme/widgets', null],
    ['HTTPS://GitHub.com/Acme/Widgets.git', 'github.com', 'Acme/Widgets', 'github'],
  ])('%s', (url, host, path, forge) => {
    expect(parseRemoteUrl(url)).toEqual({ host, path, forge });
  });

  it.each([
    '',
    '   ',
    '/srv/git/widgets.git',
    './widgets',
    '../widgets.git',
    'C:\\repos\\widgets',
    'file:///srv/git/acme/widgets.git',
    'https://github.com/widgets',
    'https://github.com/',
    'git@github.com:widgets.git',
    'not a url',
    'https://github.com/acme/%E0%A4%A.git',
  ])('rejects %j', (url) => {
    expect(parseRemoteUrl(url)).toBeNull();
  });
});
