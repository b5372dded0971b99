import type { Kysely } from 'kysely';
import { SlipwayError } from '@slipway/core';
import type { Database } from '../../db/database.js';
import type { ActOptions } from '../control-plane/control-plane.js';
import type { HttpCall } from '../control-plane/http-control-plane-transport.js';
import { pathOf } from '../control-plane/http-control-plane-transport.js';
import type { LedgerService } from '../ledger/ledger-service.js';
import { createLedgerService } from '../ledger/ledger-service.js';
import { canonicalPythonVersion, normalizeProjectName } from '../python/project-names.js';
import { KyselyPackageIndexStore } from './kysely-package-index-store.js';
import type { PackageFile } from './package-file.js';

export interface YankRequest {
  /** The project (any spelling; normalized). */
  readonly project: string;
  /** A version (every file of it, as PyPI yanks releases) or one file name. */
  readonly target: string;
  /** PEP 592: shown to installers as `data-yanked`; may be empty. */
  readonly reason?: string;
}

/** The package index's mutations beyond uploads: PEP 592 yanking, in the ledger. */
export interface PackageIndexPlane {
  /** Yanked files are skipped by `pip install project` but still installed by `==version`. */
  yank(request: YankRequest, options: ActOptions): Promise<PackageFile[]>;
  unyank(request: Omit<YankRequest, 'reason'>, options: ActOptions): Promise<PackageFile[]>;
}

const maxReason = 500;

/** Yanking in this process: the files' rows and a `package.yanked` event in one transaction. */
export class EmbeddedPackageIndexPlane implements PackageIndexPlane {
  readonly #db: Kysely<Database>;
  readonly #ledger: LedgerService;

  constructor(db: Kysely<Database>, ledger: LedgerService) {
    this.#db = db;
    this.#ledger = ledger;
  }

  async yank(request: YankRequest, options: ActOptions): Promise<PackageFile[]> {
    const reason = (request.reason ?? '').trim();
    if (reason.length > maxReason || [...reason].some((c) => c < ' ' || c === '\u007f')) {
      throw new SlipwayError(
        'USAGE',
        `reason must be one line of at most ${maxReason} characters`,
        { subject: 'reason' },
      );
    }
    return this.#set(request, reason, options.actor);
  }

  unyank(request: Omit<YankRequest, 'reason'>, options: ActOptions): Promise<PackageFile[]> {
    return this.#set(request, false, options.actor);
  }

  async #set(
    request: Omit<YankRequest, 'reason'>,
    yanked: false | string,
    actor: string,
  ): Promise<PackageFile[]> {
    const project = normalizeProjectName(request.project);
    return this.#db.transaction().execute(async (trx) => {
      const store = new KyselyPackageIndexStore(trx);
      const files = targetFiles(await store.projectFiles(project), request.target);
      if (files.length === 0) {
        throw new SlipwayError(
          'NOT_FOUND',
          `project ${project} has no version or file ${request.target} in this index`,
          { subject: request.target },
        );
      }
      for (const file of files) await store.setYanked(file.filename, yanked);
      await this.#ledger.appendEvent(trx, {
        type: yanked === false ? 'package.unyanked' : 'package.yanked',
        subject: `package:${project}`,
        actor,
        payload: {
          project,
          target: request.target,
          versions: [...new Set(files.map((file) => file.version))],
          files: files.map((file) => ({ filename: file.filename, digest: file.digest })),
          ...(yanked === false ? {} : { reason: yanked }),
        },
      });
      return files.map((file) => ({ ...file, yanked }));
    });
  }
}

/** The file named, else every file of the version (compared in PEP 440 normal form). */
function targetFiles(files: readonly PackageFile[], target: string): PackageFile[] {
  const named = files.filter((file) => file.filename === target);
  if (named.length > 0) return named;
  const version = canonicalPythonVersion(target);
  return files.filter((file) => canonicalPythonVersion(file.version) === version);
}

type Call = <T>(call: HttpCall) => Promise<T>;

/** Yanking on a running `slipway serve`. */
export class HttpPackageIndexPlane implements PackageIndexPlane {
  readonly #call: Call;

  constructor(call: Call) {
    this.#call = call;
  }

  yank(request: YankRequest, options: ActOptions): Promise<PackageFile[]> {
    const { project, ...body } = request;
    return this.#act(`${pathOf('/api/packages', project)}/yank`, body, options);
  }

  unyank(request: Omit<YankRequest, 'reason'>, options: ActOptions): Promise<PackageFile[]> {
    const { project, ...body } = request;
    return this.#act(`${pathOf('/api/packages', project)}/unyank`, body, options);
  }

  #act<T>(path: string, body: unknown, options: ActOptions): Promise<T> {
    return this.#call({
      method: 'POST',
      path,
      body,
      ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
    });
  }
}

export function createPackageIndexPlane(
  db: Kysely<Database>,
  ledger: LedgerService = createLedgerService(db),
): EmbeddedPackageIndexPlane {
  return new EmbeddedPackageIndexPlane(db, ledger);
}
