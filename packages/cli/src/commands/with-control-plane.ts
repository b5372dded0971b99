import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { SlipwayError } from '@slipway/core';
import type { ControlPlane } from '@slipway/engine';
import {
  createEmbeddedControlPlane,
  databaseUrlFor,
  dialectOfUrl,
  migrateToLatest,
  openDatabase,
} from '@slipway/engine';
import type { CliContext } from '../cli-context.js';
import { globalOptions } from '../cli-context.js';
import { cliActor } from './cli-actor.js';

export interface ControlPlaneOptions {
  dataDir?: string;
}

export interface ControlPlaneSession {
  readonly controlPlane: ControlPlane;
  /** Recorded as the ledger actor in embedded mode; a server records its token instead. */
  readonly actor: string;
  readonly mode: 'embedded' | 'server';
  /**
   * Embedded only: runs the rollout steps that are due, in this process (no server runs them).
   * Null against a server, whose scheduler runs them.
   */
  readonly runDueRolloutSteps: (() => Promise<unknown>) | null;
}

/**
 * Runs one command against the control plane: the server of `--server` / SLIPWAY_SERVER with
 * SLIPWAY_TOKEN, or else embedded in this process on the database under `--data-dir` (or
 * SLIPWAY_DATABASE_URL). Both behave alike, so every command works in both modes.
 */
export async function withControlPlane<T>(
  command: Command,
  context: CliContext,
  options: ControlPlaneOptions,
  use: (session: ControlPlaneSession) => Promise<T>,
  access: 'read' | 'write' = 'write',
): Promise<T> {
  const { cwd, server } = globalOptions(command, context.streams);
  const actor = cliActor(context.streams.env);
  if (server !== undefined) {
    const { openRemoteControlPlane } = await import('./remote-control-plane.js');
    const controlPlane = openRemoteControlPlane(server, context.streams.env);
    try {
      return await use({ controlPlane, actor, mode: 'server', runDueRolloutSteps: null });
    } finally {
      await controlPlane.close();
    }
  }
  const dataDir = resolve(cwd, options.dataDir ?? '.slipway');
  const url = databaseUrlFor(dataDir, context.streams.env);
  // A command that only reads must not leave an empty database behind in the wrong directory.
  if (access === 'read' && dialectOfUrl(url) === 'sqlite' && !existsSync(url)) {
    throw new SlipwayError(
      'NOT_FOUND',
      `no Slipway database at ${url}: nothing is recorded there`,
      {
        subject: url,
        hint: 'pass --data-dir <dir>, set SLIPWAY_DATABASE_URL, or use --server <url>',
      },
    );
  }
  const { db, close } = await openDatabase({ url });
  try {
    await migrateToLatest(db);
    const controlPlane = createEmbeddedControlPlane({ db, blobDir: resolve(dataDir, 'blobs') });
    return await use({
      controlPlane,
      actor,
      mode: 'embedded',
      runDueRolloutSteps: () => controlPlane.rollouts.tick(),
    });
  } finally {
    await close();
  }
}

/** For commands that only read: embedded, a missing SQLite database is an error, not created. */
export function readControlPlane<T>(
  command: Command,
  context: CliContext,
  options: ControlPlaneOptions,
  use: (session: ControlPlaneSession) => Promise<T>,
): Promise<T> {
  return withControlPlane(command, context, options, use, 'read');
}
