import { resolve } from 'node:path';
import type { Command } from 'commander';
import { SlipwayError } from '@slipway/core';
import type { DemoSeedReport } from '@slipway/engine';
import { seedDemoDatabase } from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { globalOptions, outputFor } from '../cli-context.js';
import { cliVersion } from '../cli-version.js';
import { ExitCode } from '../exit-codes.js';

export interface ServeOptions {
  host: string;
  port: number;
  dataDir?: string;
  maxUpload?: number;
  demo?: boolean;
}

/** `slipway serve`: the HTTP control plane, until SIGTERM or SIGINT. */
export function registerServeCommand(program: Command, context: CliContext): void {
  program
    .command('serve')
    .description('run the HTTP control plane (API, /healthz, /readyz, /api/openapi.json)')
    .option(
      '--host <host>',
      'address to listen on (loopback unless you choose otherwise)',
      '127.0.0.1',
    )
    .option('--port <port>', 'port to listen on (0: any free port)', parsePort, 8080)
    .option(
      '--max-upload <size>',
      'largest artifact upload accepted, e.g. 512M or 2G (default 512M)',
      parseSize,
    )
    .option(
      '--data-dir <dir>',
      'directory of the embedded database (default .slipway; SLIPWAY_DATABASE_URL wins)',
    )
    .option('--demo', 'seed a demo data set first (an empty or demo database only)')
    .action(async (options: ServeOptions, command: Command) => {
      const output = outputFor(command, context);
      const { cwd } = globalOptions(command, context.streams);
      const dataDir = resolve(cwd, options.dataDir ?? '.slipway');
      const demo =
        options.demo === true
          ? await seedDemoDatabase({ dataDir, env: context.streams.env })
          : undefined;
      // Listened for before the server starts: a SIGTERM while it starts (a supervisor, a test
      // that saw the first line) stops it cleanly once it is up, instead of killing it.
      const stopping = nextSignal();
      // Loaded on demand: the HTTP stack is large and no other command needs it.
      const { startServer } = await import('@slipway/server');
      const server = await startServer({
        host: options.host,
        port: options.port,
        dataDir,
        env: context.streams.env,
        version: cliVersion(),
        ...(options.maxUpload === undefined ? {} : { maxUploadBytes: options.maxUpload }),
      });
      if (output.json) {
        output.data({
          url: server.url,
          database: server.dialect,
          adminToken: server.bootstrapToken ?? null,
          ...(demo === undefined ? {} : { demo }),
        });
      } else {
        output.line(`slipway serve: listening on ${server.url} (${server.dialect})`);
        if (demo !== undefined) output.line(demoLine(demo));
        if (server.bootstrapToken !== undefined) {
          output.line(`admin token (shown once; only its hash is kept): ${server.bootstrapToken}`);
        }
      }
      const signal = await stopping;
      if (!output.json) output.line(`slipway serve: ${signal}, finishing requests and stopping`);
      await server.close();
      context.exitCode = ExitCode.success;
    });
}

function demoLine(report: DemoSeedReport): string {
  return report.seeded
    ? `demo data: ${report.services} services, ${report.releases} releases, ${report.deployments} deployments over the past 30 days`
    : `demo data: already present (${report.services} services), left as it is`;
}

function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolveSignal) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolveSignal(signal);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new SlipwayError('USAGE', `--port must be 0 to 65535, got ${value}`, { subject: 'port' });
  }
  return port;
}

const sizeUnits: Readonly<Record<string, number>> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

/** Bytes, or a whole number with K, M or G (binary units). */
function parseSize(value: string): number {
  const match = /^(\d+)([KMG]?)$/i.exec(value.trim());
  const unit = sizeUnits[(match?.[2] ?? '').toUpperCase()];
  if (match?.[1] === undefined || unit === undefined || Number(match[1]) === 0) {
    throw new SlipwayError(
      'USAGE',
      `--max-upload must be a size such as 512M or 2G, got ${value}`,
      {
        subject: 'max-upload',
      },
    );
  }
  return Number(match[1]) * unit;
}
