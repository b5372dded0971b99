export type ForgeKind = 'github' | 'gitlab' | 'gitea' | 'bitbucket';

export interface RemoteInfo {
  /**
   * The web host. For http(s) remotes it keeps a non-default port (`git.example.com:8443`);
   * for ssh remotes the port is dropped, because an ssh port says nothing about the web UI.
   */
  readonly host: string;
  /** Repository path without `.git`: `owner/repo`, or `group/subgroup/repo` on GitLab. */
  readonly path: string;
  /** Null when the host does not tell which forge it is; callers may pass one explicitly. */
  readonly forge: ForgeKind | null;
}

// `git@host:owner/repo.git`: no scheme, a colon before the first slash.
const SCP_LIKE = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/\/)(.+)$/;
const URL_SCHEMES = new Set(['http:', 'https:', 'ssh:', 'git:', 'git+ssh:', 'ssh+git:']);

/**
 * Reads an origin URL in any form git accepts for a network remote. Returns null for local
 * paths, `file://` URLs and anything without at least `owner/repo`.
 */
export function parseRemoteUrl(url: string): RemoteInfo | null {
  const trimmed = url.trim();
  if (trimmed === '') return null;
  const parsed = trimmed.includes('://') ? fromUrl(trimmed) : fromScpLike(trimmed);
  if (parsed === null) return null;
  const path = cleanPath(parsed.path);
  if (path === null) return null;
  const host = parsed.host.toLowerCase();
  return { host, path, forge: detectForge(host) };
}

function fromUrl(input: string): { host: string; path: string } | null {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (!URL_SCHEMES.has(url.protocol) || url.hostname === '') return null;
  const web = url.protocol === 'http:' || url.protocol === 'https:';
  // Only a web URL's port belongs to the web UI; ssh/git ports are transport details.
  const host = web && url.port !== '' ? `${url.hostname}:${url.port}` : url.hostname;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  return { host, path };
}

function fromScpLike(input: string): { host: string; path: string } | null {
  // A Windows drive (`C:\repo`) or a relative path is not a remote.
  if (/^[A-Za-z]:[\\/]/.test(input) || input.startsWith('.') || input.startsWith('/')) return null;
  const match = SCP_LIKE.exec(input);
  if (match === null) return null;
  const [, host = '', path = ''] = match;
  return { host, path };
}

function cleanPath(raw: string): string | null {
  const segments = raw
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .split('/')
    .filter((segment) => segment !== '');
  if (segments.length < 2) return null;
  return segments.join('/');
}

/** Host-name heuristics; self-hosted forges usually carry their product's name in the host. */
export function detectForge(host: string): ForgeKind | null {
  const name = host.replace(/:\d+$/, '');
  if (name === 'github.com' || name.endsWith('.github.com') || name.includes('github')) {
    return 'github';
  }
  if (name === 'gitlab.com' || name.includes('gitlab')) return 'gitlab';
  if (name === 'bitbucket.org') return 'bitbucket';
  if (name === 'codeberg.org' || name.includes('gitea') || name.includes('forgejo')) return 'gitea';
  return null;
}
