import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { SlipwayError } from '@slipway/core';
import type { RegistryCredentials } from '@slipway/engine';
import {
  OciRegistryClient,
  attachAttestation,
  dsseEnvelopeMediaType,
  listAttestations,
  parseImageReference,
} from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { globalOptions, outputFor } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';

const sigstoreBundleMediaType = 'application/vnd.dev.sigstore.bundle.v0.3+json';

interface AttachOptions {
  plainHttp: boolean;
  predicateType?: string;
}

interface ListOptions {
  plainHttp: boolean;
  out: string;
}

/** What kind of signed file this is, and the predicate type its statement names. */
function describeStatement(
  bytes: Buffer,
  fallback: string | undefined,
  file: string,
): { mediaType: string; predicateType: string } {
  try {
    const parsed = parseJsonOrFirstLine(bytes.toString('utf8')) as {
      dsseEnvelope?: { payload?: string };
      payload?: string;
    };
    const bundle = parsed.dsseEnvelope !== undefined;
    const payload = bundle ? parsed.dsseEnvelope?.payload : parsed.payload;
    const statement = JSON.parse(Buffer.from(payload ?? '', 'base64').toString('utf8')) as {
      predicateType?: string;
    };
    const predicateType = fallback ?? statement.predicateType;
    if (predicateType !== undefined) {
      return { mediaType: bundle ? sigstoreBundleMediaType : dsseEnvelopeMediaType, predicateType };
    }
  } catch (error) {
    throw new SlipwayError('USAGE', `${file} is not a Sigstore bundle or DSSE envelope`, {
      subject: file,
      cause: error,
    });
  }
  throw new SlipwayError('USAGE', `${file} names no predicate type; pass --predicate-type`, {
    subject: file,
  });
}

/** A bundle is one JSON document; a .intoto.jsonl file holds one envelope per line. */
function parseJsonOrFirstLine(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return JSON.parse(text.split('\n')[0] ?? '');
  }
}

function client(
  reference: string,
  context: CliContext,
  plainHttp: boolean,
): { client: OciRegistryClient; repository: string; digest: string } {
  const ref = parseImageReference(reference);
  if (ref.digest === null) {
    throw new SlipwayError(
      'USAGE',
      `${reference} names no digest: attestations attach to a digest`,
      { subject: reference },
    );
  }
  const env = context.streams.env;
  const credentials: RegistryCredentials | null =
    env.SLIPWAY_REGISTRY_USERNAME === undefined || env.SLIPWAY_REGISTRY_USERNAME === ''
      ? null
      : { username: env.SLIPWAY_REGISTRY_USERNAME, password: env.SLIPWAY_REGISTRY_PASSWORD ?? '' };
  return {
    client: new OciRegistryClient({ registry: ref.registry, credentials, insecure: plainHttp }),
    repository: ref.repository,
    digest: ref.digest,
  };
}

/** `slipway image attach|attestations`: signed statements stored beside the image. */
export function registerImageAttestationCommands(image: Command, context: CliContext): void {
  image
    .command('attach')
    .description(
      'attach signed statements (from slipway attest) to an image digest in its registry',
    )
    .argument('<image>', 'registry/repository@sha256:…')
    .argument('<file...>', '.sigstore.json bundles or .intoto.jsonl envelopes')
    .option('--predicate-type <uri>', 'default: the predicate type the statement names')
    .option('--plain-http', 'talk HTTP, not HTTPS, to the registry (loopback, lab)', false)
    .action(
      async (reference: string, files: string[], options: AttachOptions, command: Command) => {
        const output = outputFor(command, context);
        const { cwd } = globalOptions(command, context.streams);
        const target = client(reference, context, options.plainHttp);
        const attached = [];
        for (const file of files) {
          const payload = readFileSync(resolve(cwd, file));
          const kind = describeStatement(payload, options.predicateType, file);
          const result = await attachAttestation(target.client, target.repository, target.digest, {
            payload,
            ...kind,
          });
          attached.push({ file, predicateType: kind.predicateType, ...result });
        }
        if (output.json) output.data({ attached });
        else
          for (const item of attached)
            output.line(
              `${item.file} ${output.style.dim(`${item.predicateType} via ${item.tag ?? 'referrers'}`)}`,
            );
        context.exitCode = ExitCode.success;
      },
    );

  image
    .command('attestations')
    .description('download the statements attached to an image digest, for slipway verify')
    .argument('<image>', 'registry/repository@sha256:…')
    .requiredOption('--out <dir>', 'directory to write them into (created if missing)')
    .option('--plain-http', 'talk HTTP, not HTTPS, to the registry (loopback, lab)', false)
    .action(async (reference: string, options: ListOptions, command: Command) => {
      const output = outputFor(command, context);
      const { cwd } = globalOptions(command, context.streams);
      const target = client(reference, context, options.plainHttp);
      const statements = await listAttestations(target.client, target.repository, target.digest);
      const dir = resolve(cwd, options.out);
      mkdirSync(dir, { recursive: true });
      const written = statements.map((statement, position) => {
        const name = (statement.predicateType ?? 'statement').replace(/[^A-Za-z0-9._-]/g, '_');
        const path = join(dir, `${position + 1}-${name}.json`);
        writeFileSync(path, statement.payload);
        return { predicateType: statement.predicateType, path };
      });
      if (output.json) output.data({ attestations: written });
      else if (written.length === 0) output.line(output.style.dim('no attestations'));
      else
        for (const item of written)
          output.line(`${item.path} ${output.style.dim(item.predicateType ?? '')}`);
      context.exitCode = ExitCode.success;
    });
}
