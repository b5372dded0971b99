import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { DistributionKind } from './distribution-filename.js';

const run = promisify(execFile);

/** Written next to the built files (a dot file: `slipway push` and `publish` leave it out). */
export const buildRecordFileName = '.slipway-build.json';

/** What `slipway build` did, for provenance: who built what, from which commit, how. */
export interface BuildRecord {
  readonly buildType: 'https://slipway.dev/build-types/python-build/v1';
  readonly builder: { readonly name: 'slipway build'; readonly version: string | null };
  /** `uv build` or `<python> -m build`, with the version it reports. */
  readonly frontend: { readonly command: string; readonly version: string | null };
  /** The PEP 517 backend; its version only when it ran in the interpreter (no isolation). */
  readonly backend: {
    readonly name: string;
    readonly module: string;
    readonly version: string | null;
  };
  /** The interpreter of `-m build` (null under uv, which picks its own). */
  readonly interpreter: { readonly path: string; readonly version: string | null } | null;
  readonly isolated: boolean;
  readonly sourceDateEpoch: string | null;
  readonly commit: string | null;
  readonly version: string;
  readonly startedOn: string;
  readonly finishedOn: string;
  readonly artifacts: readonly {
    readonly filename: string;
    readonly kind: DistributionKind;
    readonly sha256: string;
    readonly size: number;
  }[];
}

/** The first line a program prints for `args` (its version), or null when it cannot run. */
export async function programVersion(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<string | null> {
  try {
    const { stdout, stderr } = await run(command, [...args], { env, timeout: 30_000 });
    const line = `${stdout}\n${stderr}`.split('\n').find((text) => text.trim() !== '');
    return line?.trim() ?? null;
  } catch {
    return null;
  }
}

/** A distribution's version as the interpreter has it installed, or null. */
export function installedVersion(
  python: string,
  distribution: string,
  env: NodeJS.ProcessEnv,
): Promise<string | null> {
  return programVersion(
    python,
    ['-c', `import importlib.metadata as m; print(m.version(${JSON.stringify(distribution)}))`],
    env,
  );
}

export async function writeBuildRecord(outDir: string, record: BuildRecord): Promise<string> {
  const path = join(outDir, buildRecordFileName);
  await writeFile(path, `${JSON.stringify(record, null, 2)}\n`);
  return path;
}

/**
 * The build record beside the artifacts that lists every one of their digests (so a record of
 * another build in the same directory is not taken for theirs), or null.
 */
export async function readBuildRecordFor(
  artifacts: readonly { readonly path: string; readonly sha256: string }[],
): Promise<{ record: BuildRecord; sha256: string } | null> {
  const dirs = [...new Set(artifacts.map((artifact) => dirname(artifact.path)))];
  for (const dir of dirs) {
    let text: string;
    try {
      text = await readFile(join(dir, buildRecordFileName), 'utf8');
    } catch {
      continue;
    }
    let record: BuildRecord;
    try {
      record = JSON.parse(text) as BuildRecord;
    } catch {
      continue;
    }
    const built = new Set((record.artifacts ?? []).map((artifact) => artifact.sha256));
    if (artifacts.every((artifact) => built.has(artifact.sha256))) {
      return { record, sha256: createHash('sha256').update(text).digest('hex') };
    }
  }
  return null;
}
