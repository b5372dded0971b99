import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { TokenService } from '@slipway/engine';
import {
  FileBlobStore,
  createEmbeddedControlPlane,
  createPackageIndexService,
  databaseUrlFor,
  dialectOfUrl,
  evidenceKeysFromEnv,
  imagePromotionSettingsFromEnv,
  migrateToLatest,
  openDatabase,
  startRampScheduler,
  startRolloutScheduler,
  startOverdueReviewScheduler,
  webhookTargetsFromEnv,
} from '@slipway/engine';
import { createServer } from './create-server.js';

export interface StartServerOptions {
  /** Loopback by default: exposing the server is a deliberate choice. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Where the embedded database lives; SLIPWAY_DATABASE_URL wins. */
  readonly dataDir?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly version?: string;
  readonly logger?: boolean;
  /** Bound of one artifact upload (default 512 MiB). */
  readonly maxUploadBytes?: number;
}

export interface RunningServer {
  readonly app: FastifyInstance;
  /** `http://host:port` as bound. */
  readonly url: string;
  readonly dialect: 'sqlite' | 'postgres';
  /** Set only when this start issued the first admin token: show it once, it is not kept. */
  readonly bootstrapToken: string | undefined;
  /** Stops accepting, lets in-flight requests finish, then closes the database. */
  close(): Promise<void>;
}

const bootstrapActor = 'slipway-serve';

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const env = options.env ?? process.env;
  const dataDir = resolve(options.dataDir ?? '.slipway');
  const url = databaseUrlFor(dataDir, env);
  const database = await openDatabase({ url });
  let app: FastifyInstance | undefined;
  try {
    await migrateToLatest(database.db);
    // Blobs stay in the data directory even when the database is PostgreSQL: servers that share
    // one database must share this directory too (a volume) to serve each other's uploads.
    const controlPlane = createEmbeddedControlPlane({
      db: database.db,
      blobDir: join(dataDir, 'blobs'),
      ...(options.maxUploadBytes === undefined ? {} : { maxUploadBytes: options.maxUploadBytes }),
      webhooks: webhookTargetsFromEnv(env),
      // The server's own env, not process.env: an in-process server (tests) sets them per start.
      imagePromotion: imagePromotionSettingsFromEnv(env),
      evidenceKeys: evidenceKeysFromEnv(env),
    });
    const tokens = controlPlane.tokens;
    const bootstrapToken = await bootstrapAdmin(tokens, env['SLIPWAY_ADMIN_TOKEN']);
    app = createServer({
      db: database.db,
      controlPlane,
      tokens,
      flags: controlPlane.flags,
      packageIndex: createPackageIndexService(database.db, {
        blobs: new FileBlobStore(join(dataDir, 'blobs')),
        // Uploads spool in the data directory: its file system, not a shared /tmp.
        spoolDir: spoolDirOf(dataDir),
        controlPlane,
        ...(options.maxUploadBytes === undefined ? {} : { maxFileBytes: options.maxUploadBytes }),
      }),
      ...(options.version === undefined ? {} : { version: options.version }),
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      ...(options.maxUploadBytes === undefined ? {} : { maxUploadBytes: options.maxUploadBytes }),
    });
    app.addHook('onClose', () => database.close());
    // Scheduled flag ramps run in the server; stopped before the database closes.
    const ramps = startRampScheduler(controlPlane.flags, {
      onError: (error) => app?.log.error({ err: error }, 'running flag ramps failed'),
    });
    app.addHook('preClose', () => ramps.stop());
    // Rollout steps, pauses and analyses run here; rollouts live in the database, so a restart
    // resumes them, and with several servers on one database each step is claimed once.
    const rollouts = startRolloutScheduler(controlPlane.rollouts, {
      onError: (error) => app?.log.error({ err: error }, 'running rollout steps failed'),
    });
    app.addHook('preClose', () => rollouts.stop());
    const reviews = controlPlane.reviews;
    if (reviews !== undefined) {
      // Overdue post-release reviews are announced (ledger, webhooks) once each.
      const overdue = startOverdueReviewScheduler(reviews, {
        onError: (error) => app?.log.error({ err: error }, 'announcing overdue reviews failed'),
      });
      app.addHook('preClose', () => overdue.stop());
    }
    const address = await app.listen({
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 8080,
    });
    const running = app;
    let closing: Promise<void> | undefined;
    return {
      app: running,
      url: address,
      dialect: dialectOfUrl(url),
      bootstrapToken,
      close: () => (closing ??= running.close()),
    };
  } catch (error) {
    // A server that never started still releases its database (and its port, if bound).
    if (app === undefined) await database.close();
    else await app.close();
    throw error;
  }
}

/**
 * SLIPWAY_ADMIN_TOKEN is registered (once) as an admin token, so operators and tests choose the
 * secret; otherwise the first start of an empty database issues one and returns it to print.
 */
async function bootstrapAdmin(
  tokens: TokenService,
  fromEnv: string | undefined,
): Promise<string | undefined> {
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    await tokens.ensureToken(fromEnv, 'admin', bootstrapActor);
    return undefined;
  }
  if (await tokens.hasTokens()) return undefined;
  const { secret } = await tokens.createToken({ role: 'admin', createdBy: bootstrapActor });
  return secret;
}

function spoolDirOf(dataDir: string): string {
  const dir = join(dataDir, 'spool');
  mkdirSync(dir, { recursive: true });
  return dir;
}
