import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { SlipwayError } from '@slipway/core';
import type { Artifact, BuildResult } from '@slipway/engine';
import { buildDistributions, createPlanServiceFor } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { cliVersion } from '../cli-version.js';
import { globalOptions, outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { registerArtifactFiles } from './artifact.js';
import { dataDirHelp } from './cli-actor.js';
import type { ControlPlaneOptions } from './with-control-plane.js';
import { withControlPlane } from './with-control-plane.js';

interface BuildOptions extends ControlPlaneOptions {
  package?: string;
  releaseVersion?: string;
  python?: string;
  frontend?: 'uv' | 'build';
  isolation: boolean;
  outDir: string;
  register: boolean;
  service?: string;
}

/** `slipway build`: wheel and sdist once, checked against the release version. */
export function registerBuildCommand(program: Command, context: CliContext): void {
  program
    .command('build')
    .description(
      'build the Python wheel and sdist (uv build, else python -m build) with SOURCE_DATE_EPOCH from the commit, refusing a version other than the release’s',
    )
    .option('--package <name>', 'the package of a monorepo to build')
    .option(
      '--release-version <version>',
      'the version the build must carry (default: tagged at HEAD, else planned)',
    )
    .option(
      '--python <path>',
      'interpreter for python -m build (default SLIPWAY_PYTHON or python3)',
    )
    .option('--frontend <name>', 'uv or build (default: uv when on PATH)', parseFrontend)
    .option('--no-isolation', 'build in the current environment (python -m build --no-isolation)')
    .option('--out-dir <dir>', 'where the distributions go', 'dist')
    .option('--register', 'register the built files (and upload them) as artifacts of the release')
    .option(
      '--service <name>',
      'the catalog service to register them with (default: the project name)',
    )
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (options: BuildOptions, command: Command) => {
      const output = outputFor(command, context);
      const { cwd, cache } = globalOptions(command, context.streams);
      const env = context.streams.env;
      const target = await targetOf(cwd, cache, options);
      if (!output.json) output.line(`building ${target.version} in ${target.projectDir} …`);
      const result = await buildDistributions({
        projectDir: target.projectDir,
        outDir: resolve(cwd, options.outDir),
        version: target.version,
        python: options.python ?? env['SLIPWAY_PYTHON'] ?? 'python3',
        ...(options.frontend === undefined ? {} : { frontend: options.frontend }),
        noIsolation: !options.isolation,
        env,
        builderVersion: cliVersion(),
      });
      const recordDigest = `sha256:${createHash('sha256')
        .update(await readFile(result.recordPath))
        .digest('hex')}`;
      const registered = options.register
        ? await register(command, context, options, result, target, recordDigest)
        : null;
      if (output.json) {
        output.data({
          version: target.version,
          backend: result.project.backendName,
          frontend: result.frontend,
          sourceDateEpoch: result.sourceDateEpoch,
          artifacts: result.distributions.map((file) => ({
            filename: file.filename,
            kind: file.kind,
            digest: file.digest,
            size: file.size,
            path: file.path,
          })),
          registered: registered?.distributions.map((artifact) => artifact.digest) ?? null,
          build: {
            path: result.recordPath,
            digest: recordDigest,
            registered: registered?.record.digest ?? null,
            record: result.record,
          },
        });
      } else {
        output.line(
          `${output.style.green('built')} ${result.project.name ?? ''} ${target.version} ${output.style.dim(`(${result.project.backendName}, ${result.frontend})`)}`,
        );
        for (const file of result.distributions) {
          output.line(
            `  ${file.filename}  ${output.style.dim(`${file.digest}  ${file.size} bytes`)}`,
          );
        }
        output.line(output.style.dim(`build recorded in ${result.recordPath} (${recordDigest})`));
        if (registered !== null) {
          output.line(
            `registered ${registered.distributions.length} artifacts and the build record ${registered.record.name}`,
          );
        }
      }
      context.exitCode = ExitCode.success;
    });
}

interface BuildTarget {
  readonly projectDir: string;
  readonly version: string;
  readonly commit: string | null;
  readonly name: string | null;
}

/** The version given, else the one tagged at HEAD, else the planned next version. */
async function targetOf(cwd: string, cache: boolean, options: BuildOptions): Promise<BuildTarget> {
  if (options.releaseVersion !== undefined) {
    return { projectDir: cwd, version: options.releaseVersion, commit: null, name: null };
  }
  const planContext = await createPlanServiceFor(cwd, { cache }).plan(
    options.package === undefined ? {} : { package: options.package },
  );
  const { base, head, plan } = planContext;
  const tagged = base !== null && base.commit === head ? plan.currentVersion : null;
  const version = tagged ?? plan.nextVersion;
  if (version === null) {
    throw new SlipwayError(
      'NOTHING_TO_RELEASE',
      'no version to build: HEAD is not tagged and nothing is planned',
      {
        hint: 'release first (slipway release), or name the version with --release-version',
      },
    );
  }
  return { projectDir: cwd, version, commit: head, name: planContext.config.name };
}

/**
 * The distributions as artifacts of the release's service and version, and the build record
 * beside them (a `file` artifact of the same version, `<service>-<version>.slipway-build.json`),
 * so the server keeps what the build was, content-addressed, for provenance.
 */
async function register(
  command: Command,
  context: CliContext,
  options: BuildOptions,
  result: BuildResult,
  target: BuildTarget,
  recordDigest: string,
): Promise<{ distributions: Artifact[]; record: Artifact }> {
  const service = options.service ?? result.project.name ?? target.name;
  if (service === null) {
    throw new SlipwayError('USAGE', 'name the service to register the build with: --service', {
      subject: '--service',
    });
  }
  const request = {
    service,
    version: target.version,
    ...(target.commit === null ? {} : { sourceCommit: target.commit }),
    upload: true,
  };
  const recordSize = (await readFile(result.recordPath)).length;
  return withControlPlane(command, context, options, async ({ controlPlane, actor }) => {
    const distributions = await registerArtifactFiles(
      controlPlane,
      result.distributions.map((file) => ({
        path: file.path,
        name: file.filename,
        digest: file.digest,
        size: file.size,
        kind: file.kind,
      })),
      { ...request, actor },
    );
    const [record] = await registerArtifactFiles(
      controlPlane,
      [
        {
          path: result.recordPath,
          name: `${service}-${target.version}.slipway-build.json`,
          digest: recordDigest,
          size: recordSize,
          kind: 'file',
        },
      ],
      { ...request, actor },
    );
    if (record === undefined)
      throw new SlipwayError('INTERNAL', 'the build record was not registered');
    return { distributions, record };
  });
}

function parseFrontend(value: string): 'uv' | 'build' {
  if (value !== 'uv' && value !== 'build') {
    throw new SlipwayError('USAGE', `--frontend ${value}: use uv or build`, {
      subject: '--frontend',
    });
  }
  return value;
}
