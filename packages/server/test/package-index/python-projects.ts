import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Debian's interpreter: python3-build, hatchling, setuptools, venv and twine belong to it. */
export const systemPython = '/usr/bin/python3';
export const systemTwine = '/usr/bin/twine';

export type Backend = 'hatchling' | 'setuptools';

/** Writes a minimal project of the backend (module `module`, a `__version__`) under `dir`. */
export function writeProject(dir: string, backend: Backend, name: string, version: string): void {
  const module = name.replace(/-/g, '_');
  mkdirSync(join(dir, 'src', module), { recursive: true });
  writeFileSync(join(dir, 'src', module, '__init__.py'), `__version__ = "${version}"\n`);
  const buildSystem =
    backend === 'hatchling'
      ? '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n'
      : '[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n';
  const tool =
    backend === 'hatchling'
      ? `\n[tool.hatch.build.targets.wheel]\npackages = ["src/${module}"]\n`
      : '\n[tool.setuptools.packages.find]\nwhere = ["src"]\n';
  writeFileSync(
    join(dir, 'pyproject.toml'),
    `${buildSystem}\n[project]\nname = "${name}"\nversion = "${version}"\ndescription = "A sample"\nrequires-python = ">=3.8"\nclassifiers = ["Programming Language :: Python :: 3", "License :: OSI Approved :: MIT License"]\n${tool}`,
  );
}

/** Test-only environment: no user config, no keyring, nothing fetched from PyPI. */
export function pythonEnv(home: string): NodeJS.ProcessEnv {
  return {
    PATH: '/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    PIP_CONFIG_FILE: '/dev/null',
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    PIP_NO_INPUT: '1',
    PYTHON_KEYRING_BACKEND: 'keyring.backends.null.Keyring',
    TWINE_NON_INTERACTIVE: '1',
    SOURCE_DATE_EPOCH: '1700000000',
  };
}

/**
 * Builds sdist and wheel with `python -m build --no-isolation` into `outDir`; their names.
 * The dependency check is skipped: Debian's hatchling lacks `editables` (only needed for
 * editable installs), which the check would report as missing.
 */
export function buildProject(dir: string, outDir: string, home: string): string[] {
  const before = new Set(safeList(outDir));
  execFileSync(
    systemPython,
    ['-m', 'build', '--no-isolation', '--skip-dependency-check', '--outdir', outDir, dir],
    {
      cwd: dir,
      env: pythonEnv(home),
      stdio: 'pipe',
    },
  );
  return safeList(outDir).filter((file) => !before.has(file));
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

export interface RunResult {
  readonly status: number | null;
  readonly output: string;
}

/**
 * Runs a client without blocking the event loop: the server under test answers from this
 * very process, so a synchronous spawn would wait for itself forever.
 */
export function runClient(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}
