import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, constants, mkdir, mkdtemp, readFile, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SlipwayError } from '@slipway/core';
import { readPythonProject } from './build-backends.js';
import type { PythonProject } from './build-backends.js';
import { canonicalPythonVersion, normalizeProjectName } from './project-names.js';
import { readDistributionMetadata } from './read-distribution-metadata.js';
import { installedVersion, programVersion, writeBuildRecord } from './build-record.js';
import type { BuildRecord } from './build-record.js';
import type { DistributionKind } from './distribution-filename.js';

const run = promisify(execFile);

export interface BuildRequest {
  /** The directory with pyproject.toml. */
  readonly projectDir: string;
  /** Where the wheel and sdist go (created when missing). */
  readonly outDir: string;
  /** The version the distributions must carry (planned or tagged). */
  readonly version: string;
  /** Interpreter for `-m build`; default `python3`. */
  readonly python?: string;
  /** `uv` when on PATH (default), else `<python> -m build`. */
  readonly frontend?: 'uv' | 'build';
  /** Build in the current environment (`--no-isolation --skip-dependency-check`): offline CI. */
  readonly noIsolation?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  /** Slipway's own version, for the build record. */
  readonly builderVersion?: string;
  /** The wall clock of the build record (tests inject one). */
  readonly clock?: () => Date;
}

export interface BuiltDistribution {
  readonly path: string;
  readonly filename: string;
  readonly kind: DistributionKind;
  readonly digest: string;
  readonly size: number;
  readonly name: string;
  readonly version: string;
}

export interface BuildResult {
  readonly project: PythonProject;
  readonly frontend: string;
  readonly sourceDateEpoch: string | null;
  readonly distributions: readonly BuiltDistribution[];
  /** What was done, for provenance; also written to `<outDir>/.slipway-build.json`. */
  readonly record: BuildRecord;
  readonly recordPath: string;
}

/**
 * Builds sdist and wheel with the PEP 517 frontend present, `SOURCE_DATE_EPOCH` set to the
 * commit time (reproducible archives), into a fresh directory; then checks every built file's
 * metadata name and version against the project and `version` and only then moves them to
 * `outDir`. A mismatch is REFUSED and leaves nothing in `outDir`.
 */
export async function buildDistributions(request: BuildRequest): Promise<BuildResult> {
  const env = request.env ?? process.env;
  const clock = request.clock ?? (() => new Date());
  const startedOn = clock().toISOString();
  const project = readPythonProject(
    await readProjectFile(join(request.projectDir, 'pyproject.toml')),
  );
  const sourceDateEpoch = await commitTime(request.projectDir, env);
  const frontend = request.frontend ?? ((await onPath('uv', env)) ? 'uv' : 'build');
  const python = request.python ?? 'python3';
  await mkdir(request.outDir, { recursive: true });
  const staging = await mkdtemp(join(request.outDir, '.slipway-build-'));
  try {
    const buildEnv = {
      ...env,
      ...(sourceDateEpoch === null ? {} : { SOURCE_DATE_EPOCH: sourceDateEpoch }),
    };
    const [command, args] =
      frontend === 'uv'
        ? [
            'uv',
            [
              'build',
              '--out-dir',
              staging,
              ...(request.noIsolation ? ['--no-build-isolation'] : []),
              request.projectDir,
            ],
          ]
        : [
            python,
            [
              '-m',
              'build',
              '--outdir',
              staging,
              ...(request.noIsolation ? ['--no-isolation', '--skip-dependency-check'] : []),
              request.projectDir,
            ],
          ];
    try {
      await run(command, args, {
        cwd: request.projectDir,
        env: buildEnv,
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (error) {
      const output = (error as { stderr?: string; stdout?: string }).stderr ?? '';
      throw new SlipwayError(
        'RELEASE_FAILED',
        `${command} ${args.slice(0, 2).join(' ')} failed: ${lastLines(output)}`,
        {
          subject: request.projectDir,
          cause: error,
        },
      );
    }
    const distributions = await checkBuilt(staging, project, request.version);
    const moved: BuiltDistribution[] = [];
    for (const built of distributions) {
      const path = join(request.outDir, built.filename);
      await rename(built.path, path);
      moved.push({ ...built, path });
    }
    const frontendCommand = frontend === 'uv' ? 'uv build' : `${python} -m build`;
    const record: BuildRecord = {
      buildType: 'https://slipway.dev/build-types/python-build/v1',
      builder: { name: 'slipway build', version: request.builderVersion ?? null },
      frontend: {
        command: frontendCommand,
        version:
          frontend === 'uv'
            ? await programVersion('uv', ['--version'], env)
            : await programVersion(python, ['-m', 'build', '--version'], env),
      },
      backend: {
        name: project.backendName,
        module: project.buildBackend,
        // Under isolation the backend is installed into a throwaway environment: unknown here.
        version:
          request.noIsolation === true
            ? await installedVersion(python, project.backendName, env)
            : null,
      },
      interpreter:
        frontend === 'uv'
          ? null
          : { path: python, version: await programVersion(python, ['--version'], env) },
      isolated: request.noIsolation !== true,
      sourceDateEpoch,
      commit: await headCommit(request.projectDir, env),
      version: request.version,
      startedOn,
      finishedOn: clock().toISOString(),
      artifacts: moved.map((file) => ({
        filename: file.filename,
        kind: file.kind,
        sha256: file.digest.replace(/^sha256:/, ''),
        size: file.size,
      })),
    };
    const recordPath = await writeBuildRecord(request.outDir, record);
    return {
      project,
      frontend: frontendCommand,
      sourceDateEpoch,
      distributions: moved,
      record,
      recordPath,
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function checkBuilt(
  dir: string,
  project: PythonProject,
  version: string,
): Promise<BuiltDistribution[]> {
  const built: BuiltDistribution[] = [];
  for (const filename of (await readdir(dir)).sort()) {
    const content = await readFile(join(dir, filename));
    const metadata = await readDistributionMetadata(filename, content);
    if (
      project.name !== null &&
      normalizeProjectName(metadata.name) !== normalizeProjectName(project.name)
    ) {
      throw new SlipwayError(
        'REFUSED',
        `${filename} is named ${metadata.name}, not ${project.name}`,
        { subject: filename },
      );
    }
    if (canonicalPythonVersion(metadata.version) !== canonicalPythonVersion(version)) {
      throw new SlipwayError(
        'REFUSED',
        `${filename} has version ${metadata.version}, but the release version is ${version}`,
        {
          subject: filename,
          hint: 'the version in pyproject.toml (or the version source) must be the planned or tagged version',
        },
      );
    }
    built.push({
      path: join(dir, filename),
      filename,
      kind: metadata.file.kind,
      digest: `sha256:${createHash('sha256').update(content).digest('hex')}`,
      size: content.length,
      name: metadata.name,
      version: metadata.version,
    });
  }
  // Wheel first, then sdist: a stable order for --json and for the release's artifacts.
  built.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'wheel' ? -1 : 1));
  if (
    !built.some((file) => file.kind === 'wheel') ||
    !built.some((file) => file.kind === 'sdist')
  ) {
    throw new SlipwayError(
      'RELEASE_FAILED',
      `the build did not produce both a wheel and an sdist (${built.map((file) => file.filename).join(', ')})`,
    );
  }
  return built;
}

async function readProjectFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new SlipwayError('USAGE', `no pyproject.toml at ${path}`, {
      subject: path,
      cause: error,
    });
  }
}

/** The committer time of HEAD, in seconds; null outside a git repository. */
async function commitTime(dir: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  try {
    const { stdout } = await run('git', ['log', '-1', '--format=%ct', 'HEAD'], { cwd: dir, env });
    const seconds = stdout.trim();
    return /^\d+$/.test(seconds) ? seconds : null;
  } catch {
    return null;
  }
}

async function headCommit(dir: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  try {
    const { stdout } = await run('git', ['rev-parse', 'HEAD'], { cwd: dir, env });
    const sha = stdout.trim();
    return /^[0-9a-f]{40,64}$/.test(sha) ? sha : null;
  } catch {
    return null;
  }
}

async function onPath(command: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  for (const dir of (env['PATH'] ?? '').split(':')) {
    if (dir === '') continue;
    try {
      await access(join(dir, command), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-8).join('\n');
}
