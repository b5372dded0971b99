import { readFileSync, statSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { SlipwayError } from '@slipway/core';
import type { BundleVerification, EvidenceUpload, ImportResult } from '@slipway/engine';
import {
  evidenceCheckResults,
  exportEvidenceBundle,
  importEvidenceBundle,
  openEvidenceBundle,
  readPrivateKey,
  readPublicKey,
  tarBundleDirectory,
  verifyEvidenceBundle,
  writeNewFiles,
} from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { globalOptions, outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import type { Output } from '../output.js';
import { dataDirHelp } from './cli-actor.js';
import type { ControlPlaneOptions } from './with-control-plane.js';
import { withControlPlane } from './with-control-plane.js';

interface ExportOptions extends ControlPlaneOptions {
  out: string;
  attestations?: string;
  key?: string;
}

interface VerifyOptions {
  key: string;
}

interface CheckOptions extends VerifyOptions, ControlPlaneOptions {}

interface ImportOptions extends VerifyOptions {
  store?: string;
}

interface PullOptions extends ControlPlaneOptions {
  out: string;
}

/** `slipway evidence export|verify|check|import|push|pull`: one verifiable bundle per release. */
export function registerEvidenceCommand(program: Command, context: CliContext): void {
  const evidence = program
    .command('evidence')
    .description('export, verify and import the evidence bundle of a release');

  evidence
    .command('export')
    .description(
      "write the release's evidence bundle (manifest, items by digest, report.md, report.html)",
    )
    .argument('<service>')
    .argument('<version>')
    .requiredOption('--out <path>', 'new directory for the bundle, or a new .tar file')
    .option(
      '--attestations <dir>',
      "where slipway attest wrote the artifacts' attestations (default: .)",
    )
    .option('--key <file>', 'private key to sign the deployment records with')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (service: string, version: string, options: ExportOptions, command: Command) => {
      const { cwd } = globalOptions(command, context.streams);
      const output = outputFor(command, context);
      const outDir = resolve(cwd, options.out);
      const manifest = await withControlPlane(
        command,
        context,
        options,
        ({ controlPlane }) =>
          exportEvidenceBundle({
            source: controlPlane,
            service,
            version,
            outDir,
            attestationsDir: resolve(cwd, options.attestations ?? '.'),
            ...(options.key === undefined
              ? {}
              : { privateKey: readPrivateKey(resolve(cwd, options.key)) }),
          }),
        'read',
      );
      if (output.json) output.data({ path: outDir, manifest });
      else {
        output.line(
          `wrote the evidence of ${service} ${version} to ${outDir} (${manifest.items.length} items)`,
        );
        for (const missing of manifest.missing) output.warn(`missing: ${missing}`);
      }
      context.exitCode = ExitCode.success;
    });

  evidence
    .command('verify')
    .description('verify a bundle offline with only the public key; exit 1 with every reason')
    .argument('<bundle>', 'a bundle directory or .tar')
    .requiredOption('--key <file>', "the signer's public key (PEM)")
    .action((dir: string, options: VerifyOptions, command: Command) => {
      const { cwd } = globalOptions(command, context.streams);
      const output = outputFor(command, context);
      const verification = verifyBundleAt(resolve(cwd, dir), resolve(cwd, options.key));
      print(verification, output);
      context.exitCode = verification.ok ? ExitCode.success : ExitCode.failure;
    });

  evidence
    .command('check')
    .description(
      'verify a bundle and record the provenance and sbom checks of its release (what policies require); exit 1 if either failed',
    )
    .argument('<bundle>', 'a bundle directory or .tar')
    .requiredOption('--key <file>', "the signer's public key (PEM)")
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (dir: string, options: CheckOptions, command: Command) => {
      const { cwd } = globalOptions(command, context.streams);
      const output = outputFor(command, context);
      const verification = verifyBundleAt(resolve(cwd, dir), resolve(cwd, options.key));
      const manifest = verification.manifest;
      if (manifest === null) {
        print(verification, output);
        context.exitCode = ExitCode.failure;
        return;
      }
      const checks = evidenceCheckResults(verification);
      await withControlPlane(command, context, options, async ({ controlPlane, actor }) => {
        for (const check of checks) {
          await controlPlane.addCheckResult(
            {
              service: manifest.service,
              ref: manifest.version,
              name: check.name,
              status: check.status,
              details: check.details,
            },
            { actor },
          );
        }
      });
      if (output.json)
        output.data({ service: manifest.service, version: manifest.version, checks, verification });
      else {
        for (const check of checks) {
          const status =
            check.status === 'passed'
              ? output.style.green(check.status)
              : output.style.red(check.status);
          output.line(`${check.name}: ${status} for ${manifest.service} ${manifest.version}`);
        }
      }
      for (const failure of verification.failures) {
        output.error(
          `${failure.code}: ${failure.item === null ? '' : `${failure.item}: `}${failure.message}`,
        );
      }
      context.exitCode = checks.every((c) => c.status === 'passed')
        ? ExitCode.success
        : ExitCode.failure;
    });

  evidence
    .command('push')
    .description(
      "store a release's bundle (.tar) with the control plane, which verifies it with the keys it trusts and refuses it otherwise",
    )
    .argument('<service>')
    .argument('<version>')
    .argument('<bundle>', 'the bundle `slipway evidence export` wrote: a .tar or a directory')
    .option('--data-dir <dir>', dataDirHelp)
    .action(
      async (
        service: string,
        version: string,
        path: string,
        options: ControlPlaneOptions,
        command: Command,
      ) => {
        const { cwd } = globalOptions(command, context.streams);
        const output = outputFor(command, context);
        const file = resolve(cwd, path);
        if (!existsSync(file)) {
          throw new SlipwayError('USAGE', `no evidence bundle at ${path}`, {
            subject: path,
            hint: 'write one with slipway evidence export … --out <dir or file.tar>',
          });
        }
        // A directory goes as the tar `export --out <file>.tar` would have written.
        const bundle = statSync(file).isFile() ? readFileSync(file) : tarBundleDirectory(file);
        const upload: EvidenceUpload = await withControlPlane(
          command,
          context,
          options,
          ({ controlPlane, actor }) =>
            controlPlane.evidence.uploadEvidence(service, version, bundle, { actor }),
        );
        if (output.json) output.data(upload);
        else {
          output.line(
            `stored the evidence of ${service} ${version}: ${upload.evidence.digest} ${output.style.dim(`(key ${upload.evidence.keyId.slice(0, 12)})`)}`,
          );
          for (const check of upload.checks) {
            const status =
              check.status === 'passed'
                ? output.style.green(check.status)
                : output.style.red(check.status);
            output.line(`  ${check.name}: ${status}`);
          }
        }
        context.exitCode = ExitCode.success;
      },
    );

  evidence
    .command('pull')
    .description("fetch a release's stored bundle (.tar) from the control plane")
    .argument('<service>')
    .argument('<version>')
    .requiredOption('--out <file>', 'where to write the .tar (refused if it exists)')
    .option('--data-dir <dir>', dataDirHelp)
    .action(async (service: string, version: string, options: PullOptions, command: Command) => {
      const { cwd } = globalOptions(command, context.streams);
      const output = outputFor(command, context);
      const out = resolve(cwd, options.out);
      // Refused before asking the control plane; writeNewFiles checks again when it writes.
      if (existsSync(out)) {
        throw new SlipwayError('CONFLICT', `${options.out} already exists`, { subject: out });
      }
      const bundle = await withControlPlane(
        command,
        context,
        options,
        ({ controlPlane }) => controlPlane.evidence.downloadEvidence(service, version),
        'read',
      );
      // Whole or not at all: a failed write leaves no half bundle behind.
      await writeNewFiles([{ path: out, content: bundle }], { overwrite: false });
      if (output.json) output.data({ path: out, size: bundle.length });
      else output.line(`wrote the evidence of ${service} ${version} to ${out}`);
      context.exitCode = ExitCode.success;
    });

  evidence
    .command('import')
    .description('verify a bundle and, only if it verifies, keep it under the evidence store')
    .argument('<bundle>', 'a bundle directory or .tar')
    .requiredOption('--key <file>', "the signer's public key (PEM)")
    .option('--store <dir>', 'evidence store (default .slipway/evidence)')
    .action((dir: string, options: ImportOptions, command: Command) => {
      const { cwd } = globalOptions(command, context.streams);
      const output = outputFor(command, context);
      const bundle = openEvidenceBundle(resolve(cwd, dir));
      let result: ImportResult;
      try {
        result = importEvidenceBundle(
          bundle.dir,
          resolve(cwd, options.store ?? '.slipway/evidence'),
          readPublicKey(resolve(cwd, options.key)),
        );
      } finally {
        bundle.close();
      }
      print(result.verification, output, result.storedAt);
      context.exitCode = result.storedAt === null ? ExitCode.failure : ExitCode.success;
    });
}

/** A directory or a .tar bundle, verified; a .tar is extracted to a temporary directory first. */
function verifyBundleAt(path: string, keyPath: string): BundleVerification {
  const bundle = openEvidenceBundle(path);
  try {
    return verifyEvidenceBundle(bundle.dir, readPublicKey(keyPath));
  } finally {
    bundle.close();
  }
}

function print(verification: BundleVerification, output: Output, storedAt?: string | null): void {
  if (output.json) {
    output.data({ ...verification, ...(storedAt === undefined ? {} : { storedAt }) });
  } else if (verification.ok) {
    const manifest = verification.manifest;
    output.line(
      `${output.style.green('verified')} ${manifest?.service ?? ''} ${manifest?.version ?? ''}: ${manifest?.items.length ?? 0} items`,
    );
    if (storedAt !== undefined && storedAt !== null) output.line(`stored at ${storedAt}`);
  }
  for (const path of verification.unsigned) output.warn(`unsigned: ${path}`);
  for (const failure of verification.failures) {
    output.error(
      `${failure.code}: ${failure.item === null ? '' : `${failure.item}: `}${failure.message}`,
    );
  }
}
