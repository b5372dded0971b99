import type { SbomComponent, SbomDependency, SbomHash } from '@slipway/core';
import { npmPurl } from '@slipway/core';
import type { LockContents } from './lock-contents.js';
import { asString, checkedHash, isRecord, lockError } from './lock-contents.js';

interface NpmEntry {
  readonly path: string;
  readonly name: string;
  readonly version: string;
  readonly hashes: readonly SbomHash[];
  readonly dev: boolean;
  readonly needs: readonly string[];
}

/**
 * `package-lock.json` versions 2 and 3 (the `packages` map keyed by install path). Workspace
 * links and the workspaces' own folders are the project, not third-party components. Edges
 * resolve as Node does: the nearest `node_modules/<name>` up the install path.
 */
export function readPackageLock(text: string, source = 'package-lock.json'): LockContents {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw lockError(source, 'is not valid JSON', error);
  }
  if (!isRecord(document) || !isRecord(document['packages'])) {
    throw lockError(
      source,
      'has no "packages" map (lockfileVersion 1 is not supported; run npm install with npm 7 or later)',
    );
  }
  const packages = document['packages'];
  const rootEntry = isRecord(packages['']) ? packages[''] : {};
  const entries = new Map<string, NpmEntry>();
  for (const [path, value] of Object.entries(packages)) {
    if (!isRecord(value) || value['link'] === true || !path.includes('node_modules/')) continue;
    const name =
      asString(value['name']) ??
      path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const version = asString(value['version']);
    if (version === undefined) continue;
    entries.set(path, {
      path,
      name,
      version,
      hashes: integrityHashes(asString(value['integrity'])),
      dev: value['dev'] === true || value['devOptional'] === true,
      needs: needNames(value),
    });
  }
  const resolve = (fromPath: string, name: string): NpmEntry | undefined => {
    let base = fromPath;
    for (;;) {
      const hit = entries.get(`${base === '' ? '' : `${base}/`}node_modules/${name}`);
      if (hit !== undefined) return hit;
      if (base === '') return undefined;
      const cut = base.lastIndexOf('/node_modules/');
      base = cut < 0 ? '' : base.slice(0, cut);
    }
  };
  const purl = (entry: NpmEntry): string => npmPurl(entry.name, entry.version);
  const components: SbomComponent[] = [...entries.values()].map((entry) => ({
    ecosystem: 'npm',
    name: entry.name,
    version: entry.version,
    hashes: entry.hashes,
    scope: entry.dev ? 'optional' : 'required',
    source,
  }));
  const dependencies: SbomDependency[] = [...entries.values()].map((entry) => ({
    ref: purl(entry),
    dependsOn: entry.needs.flatMap((name) => {
      const target = resolve(entry.path, name);
      return target === undefined ? [] : [purl(target)];
    }),
  }));
  const direct = needNames(rootEntry).flatMap((name) => {
    const target = resolve('', name);
    return target === undefined ? [] : [purl(target)];
  });
  const rootName = asString(rootEntry['name']) ?? asString(document['name']);
  const rootVersion = asString(rootEntry['version']) ?? asString(document['version']);
  return {
    components,
    dependencies,
    direct,
    ...(rootName === undefined
      ? {}
      : {
          root: {
            name: rootName,
            ...(rootVersion === undefined ? {} : { version: rootVersion }),
            ecosystem: 'npm' as const,
          },
        }),
  };
}

function needNames(entry: Record<string, unknown>): string[] {
  const tables = ['dependencies', 'optionalDependencies', 'devDependencies', 'peerDependencies'];
  return [
    ...new Set(tables.flatMap((key) => (isRecord(entry[key]) ? Object.keys(entry[key]) : []))),
  ];
}

/** SRI (`sha512-<base64> sha1-<base64>`) → hex hashes. */
function integrityHashes(integrity: string | undefined): SbomHash[] {
  if (integrity === undefined) return [];
  return integrity.split(/\s+/).flatMap((part): SbomHash[] => {
    const match = /^(sha1|sha256|sha384|sha512)-([A-Za-z0-9+/=]+)$/.exec(part);
    if (match === null) return [];
    const hash = checkedHash(
      match[1] as SbomHash['algorithm'],
      Buffer.from(match[2] ?? '', 'base64').toString('hex'),
    );
    return hash === null ? [] : [hash];
  });
}
