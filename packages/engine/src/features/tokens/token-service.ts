import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role } from '@slipway/core';
import { SlipwayError, isRole, roles } from '@slipway/core';
import type { Database } from '../../db/database.js';
import type { LedgerService } from '../ledger/ledger-service.js';
import { createFakeLedgerService, createLedgerService } from '../ledger/ledger-service.js';
import type { ApiToken, CreateTokenInput, CreatedToken, StoredApiToken } from './api-token.js';
import { FakeTokenStore } from './fake-token-store.js';
import { KyselyTokenStore } from './kysely-token-store.js';
import {
  checkTokenSecret,
  displayPrefix,
  hashTokenSecret,
  newTokenSecret,
} from './token-secret.js';
import { checkTokenPerson } from './token-person.js';
import type { TokenStore } from './token-store.js';

export interface TokenServiceOptions {
  readonly now?: () => Date;
  readonly newId?: () => string;
}

export class TokenService {
  readonly #store: TokenStore;
  readonly #ledger: LedgerService;
  readonly #now: () => Date;
  readonly #newId: () => string;

  constructor(store: TokenStore, ledger: LedgerService, options: TokenServiceOptions = {}) {
    this.#store = store;
    this.#ledger = ledger;
    this.#now = options.now ?? (() => new Date());
    this.#newId = options.newId ?? randomUUID;
  }

  /** Issues a token; the secret is returned here once and never stored. */
  async createToken(input: CreateTokenInput): Promise<CreatedToken> {
    if (!isRole(input.role)) {
      throw new SlipwayError('USAGE', `unknown role ${String(input.role)}`, {
        subject: 'role',
        hint: `one of ${roles.join(', ')}`,
      });
    }
    const secret =
      input.secret === undefined ? newTokenSecret() : checkTokenSecret(input.secret.trim());
    const token: StoredApiToken = {
      id: this.#newId(),
      prefix: displayPrefix(secret),
      hash: hashTokenSecret(secret),
      role: input.role,
      services: scope(input.services, 'services'),
      environments: scope(input.environments, 'environments'),
      createdBy: input.createdBy,
      person: checkTokenPerson(input.person),
      createdAt: this.#now().toISOString(),
      revokedAt: null,
    };
    await this.#store.transaction(async (trx) => {
      await this.#store.insert(token, trx);
      const event = {
        type: 'token.created',
        subject: `token:${token.id}`,
        actor: input.createdBy,
        payload: {
          prefix: token.prefix,
          role: token.role,
          services: token.services === null ? null : [...token.services],
          environments: token.environments === null ? null : [...token.environments],
          ...(token.person === null ? {} : { person: token.person }),
        },
      };
      await (trx === undefined ? this.#ledger.append(event) : this.#ledger.appendEvent(trx, event));
    });
    return { token: withoutHash(token), secret };
  }

  async revokeToken(id: string, revokedBy: string): Promise<ApiToken> {
    const revokedAt = this.#now().toISOString();
    const revoked = await this.#store.transaction(async (trx) => {
      if (!(await this.#store.revoke(id, revokedAt, trx))) return false;
      const event = { type: 'token.revoked', subject: `token:${id}`, actor: revokedBy };
      await (trx === undefined ? this.#ledger.append(event) : this.#ledger.appendEvent(trx, event));
      return true;
    });
    // Read after the transaction: SQLite has one connection, busy until it ends.
    const token = await this.#store.findById(id);
    if (token === undefined) {
      throw new SlipwayError('NOT_FOUND', `no token with id ${id}`, { subject: id });
    }
    if (!revoked) {
      throw new SlipwayError('USAGE', `token ${id} was already revoked at ${token.revokedAt}`, {
        subject: id,
      });
    }
    return withoutHash(token);
  }

  async listTokens(): Promise<ApiToken[]> {
    return (await this.#store.list()).map(withoutHash);
  }

  /** The live token a secret belongs to; undefined for unknown and revoked secrets alike. */
  async authenticate(secret: string): Promise<ApiToken | undefined> {
    const token = await this.#store.findByHash(hashTokenSecret(secret));
    return token === undefined || token.revokedAt !== null ? undefined : withoutHash(token);
  }

  /** Whether any token was ever issued: the server bootstraps an admin token when none was. */
  async hasTokens(): Promise<boolean> {
    return (await this.#store.list()).length > 0;
  }

  /** Registers a known secret (SLIPWAY_ADMIN_TOKEN) unless it is registered already. */
  async ensureToken(secret: string, role: Role, createdBy: string): Promise<ApiToken> {
    const existing = await this.#store.findByHash(hashTokenSecret(secret.trim()));
    if (existing !== undefined) return withoutHash(existing);
    try {
      return (await this.createToken({ role, createdBy, secret })).token;
    } catch (error) {
      // Servers started together on one database race to register the same secret: the
      // unique hash lets one win, and the others find its row.
      const winner = await this.#store.findByHash(hashTokenSecret(secret.trim()));
      if (winner === undefined) throw error;
      return withoutHash(winner);
    }
  }
}

function scope(names: readonly string[] | undefined, field: string): readonly string[] | null {
  if (names === undefined || names.length === 0) return null;
  const cleaned = [...new Set(names.map((name) => name.trim()))];
  if (cleaned.some((name) => name === '')) {
    throw new SlipwayError('USAGE', `${field} must not contain empty names`, { subject: field });
  }
  return cleaned.sort();
}

function withoutHash(token: StoredApiToken): ApiToken {
  const { hash: _hash, ...rest } = token;
  return rest;
}

export function createTokenService(
  db: Kysely<Database>,
  ledger: LedgerService = createLedgerService(db),
  options: TokenServiceOptions = {},
): TokenService {
  return new TokenService(new KyselyTokenStore(db), ledger, options);
}

export function createFakeTokenService(options: TokenServiceOptions = {}): {
  service: TokenService;
  store: FakeTokenStore;
  ledger: LedgerService;
} {
  const store = new FakeTokenStore();
  const { service: ledger } = createFakeLedgerService(options);
  return { service: new TokenService(store, ledger, options), store, ledger };
}
