import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GitRepo, TempDir } from '@slipway/test-utils';
import { cleanupTempDirs, createGitRepo, makeTempDir } from '@slipway/test-utils';
import { writeKeyPair } from '@slipway/engine';
import { expect } from 'vitest';
import type { CliResult } from './run-built-cli.js';
import { runBuiltCliAsync } from './run-built-cli.js';
import type { BuiltServer } from './serve-built-cli.js';
import { startBuiltServer } from './serve-built-cli.js';

/** The built-CLI evidence tests run each scenario against the embedded store and a server. */
export type EvidenceMode = 'embedded' | 'server';

export interface EvidenceProjectOptions {
  readonly mode: EvidenceMode;
  /** Prefix of the scenario's temporary directory. */
  readonly tempPrefix: string;
  /** Message of the repository's one commit. */
  readonly commit: string;
  /** The server's admin token (server mode only). */
  readonly adminToken: string;
  /**
   * Generate the key pair up front and make the control plane (server, or the embedded one in
   * the CLI's environment) trust its public key for evidence uploads (SLIPWAY_EVIDENCE_KEYS).
   */
  readonly trustKeys?: boolean;
}

/** A Python project (`shop`, uv-locked) with a deploy artifact folder, and where its CLI points. */
export interface EvidenceProject {
  readonly work: TempDir;
  /** The embedded store's or the server's data directory. */
  readonly dataDir: string;
  /** Where the scenario generates its signing keys. */
  readonly keys: string;
  readonly repo: GitRepo;
  /** Environment for the CLI: the actor, plus the server URL and token in server mode. */
  readonly env: Record<string, string>;
}

const fixture = (name: string): string =>
  readFileSync(new URL(`../../engine/test/evidence/fixtures/${name}`, import.meta.url), 'utf8');

const servers: BuiltServer[] = [];

export async function createEvidenceProject(
  options: EvidenceProjectOptions,
): Promise<EvidenceProject> {
  const work = makeTempDir(options.tempPrefix);
  const dataDir = join(work.path, 'data');
  const keys = join(work.path, 'keys');
  const repo = createGitRepo([
    {
      commit: options.commit,
      files: {
        'pyproject.toml': [
          fixture('pyproject.toml')
            .replace('name = "Demo_App"', 'name = "shop"')
            .replace('version = "1.2.0"', 'version = "0.0.0"'),
          '[tool.slipway.deploy]',
          'artifacts = ["dist"]',
          '',
        ].join('\n'),
        'uv.lock': fixture('uv.lock'),
        '.gitignore': 'dist/\nattestations/\n',
      },
    },
  ]);
  let env: Record<string, string> = { SLIPWAY_ACTOR: 'release-bot' };
  const trusted: Record<string, string> = {};
  if (options.trustKeys === true) {
    writeKeyPair(keys);
    trusted['SLIPWAY_EVIDENCE_KEYS'] = join(keys, 'slipway.pub');
  }
  if (options.mode === 'embedded') env = { ...env, ...trusted };
  if (options.mode === 'server') {
    const server = await startBuiltServer(dataDir, {
      ...trusted,
      SLIPWAY_ADMIN_TOKEN: options.adminToken,
      // The server must use its data directory, not a database the test run may point at.
      SLIPWAY_DATABASE_URL: undefined,
    });
    servers.push(server);
    env = { ...env, SLIPWAY_SERVER: server.url, SLIPWAY_TOKEN: options.adminToken };
  }
  return { work, dataDir, keys, repo, env };
}

/** Stops the servers and removes the directories the scenarios created; for `afterEach`. */
export async function cleanupEvidenceProjects(): Promise<void> {
  for (const server of servers.splice(0)) await server.stop();
  cleanupTempDirs();
}

/** Writes a policy that requires provenance and an SBOM in `environment` of shop; its path. */
export function evidencePolicyFile(dir: string, environment: string): string {
  const path = join(dir, 'policy.json');
  writeFileSync(
    path,
    JSON.stringify({
      overrides: [
        {
          service: 'shop',
          environment,
          rules: { requiredChecks: ['provenance', 'sbom'] },
        },
      ],
    }),
  );
  return path;
}

/** How a scenario runs the built CLI in its project: data directory added where it matters. */
export interface EvidenceCli {
  cli(args: string[]): Promise<CliResult>;
  /** Runs and expects exit 0, showing stderr otherwise. */
  ok(args: string[]): Promise<CliResult>;
  /** `dist/shop-<version>-py3-none-any.whl` of the project. */
  wheel(version: string): string;
  /** Replaces `dist/` with one wheel of `version`. */
  build(version: string): void;
}

/** Commands in `local` run without `--data-dir` (they never touch the control plane). */
export function evidenceCli(
  project: EvidenceProject,
  mode: EvidenceMode,
  local: ReadonlySet<string>,
): EvidenceCli {
  const { dataDir, repo, env } = project;
  const cli = (args: string[]): Promise<CliResult> => {
    const dataArgs =
      mode === 'embedded' && !local.has(args[0] ?? '') ? ['--data-dir', dataDir] : [];
    return runBuiltCliAsync([...args, ...dataArgs], { cwd: repo.dir, env });
  };
  const wheel = (version: string): string =>
    join(repo.dir, 'dist', `shop-${version}-py3-none-any.whl`);
  return {
    cli,
    ok: async (args) => {
      const result = await cli(args);
      expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      return result;
    },
    wheel,
    build: (version) => {
      rmSync(join(repo.dir, 'dist'), { recursive: true, force: true });
      mkdirSync(join(repo.dir, 'dist'));
      writeFileSync(wheel(version), `shop wheel ${version}`);
    },
  };
}
