import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, LedgerEventTable } from '../../db/database.js';
import type { LedgerEventDraft, LedgerHead, StoredLedgerEvent } from './ledger-event.js';
import { sealLedgerEvent } from './ledger-hash.js';
import type { LedgerFilter, LedgerStore } from './ledger-store.js';

const headId = 1;

export class KyselyLedgerStore implements LedgerStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  append(draft: LedgerEventDraft, trx?: Transaction<Database>): Promise<StoredLedgerEvent> {
    if (trx !== undefined) return appendIn(trx, draft);
    return this.#db.transaction().execute((own) => appendIn(own, draft));
  }

  async list(filter: LedgerFilter): Promise<StoredLedgerEvent[]> {
    let query = this.#db
      .selectFrom('ledger_events')
      .selectAll()
      .where('sequence', '>', filter.after)
      .orderBy('sequence')
      .limit(filter.limit);
    if (filter.through !== undefined) query = query.where('sequence', '<=', filter.through);
    if (filter.subject !== undefined) query = query.where('subject', '=', filter.subject);
    if (filter.type !== undefined) query = query.where('type', '=', filter.type);
    if (filter.actor !== undefined) query = query.where('actor', '=', filter.actor);
    if (filter.since !== undefined) query = query.where('time', '>=', filter.since);
    if (filter.until !== undefined) query = query.where('time', '<', filter.until);
    const rows = await query.execute();
    return rows.map(fromRow);
  }

  async head(): Promise<LedgerHead> {
    const row = await this.#db
      .selectFrom('ledger_head')
      .select(['sequence', 'hash'])
      .where('id', '=', headId)
      .executeTakeFirstOrThrow();
    return { sequence: Number(row.sequence), hash: row.hash };
  }
}

/**
 * The first statement takes the head row's write lock (a row lock in PostgreSQL, the database
 * write lock in SQLite), so the next appender waits here until this transaction ends and then
 * reads the head this one left: one chain, no gaps, whatever the number of processes.
 */
async function appendIn(
  trx: Transaction<Database>,
  draft: LedgerEventDraft,
): Promise<StoredLedgerEvent> {
  const head = await trx
    .updateTable('ledger_head')
    .set((eb) => ({ sequence: eb('sequence', '+', 1) }))
    .where('id', '=', headId)
    .returning(['sequence', 'hash'])
    .executeTakeFirstOrThrow();
  const event = sealLedgerEvent(draft, Number(head.sequence), head.hash);
  await trx.insertInto('ledger_events').values(toRow(event)).execute();
  await trx.updateTable('ledger_head').set({ hash: event.hash }).where('id', '=', headId).execute();
  return event;
}

function toRow(event: StoredLedgerEvent): LedgerEventTable {
  return {
    id: event.id,
    sequence: event.sequence,
    type: event.type,
    subject: event.subject,
    actor: event.actor,
    time: event.time,
    payload: event.payload,
    previous_hash: event.previousHash,
    hash: event.hash,
  };
}

function fromRow(row: Selectable<LedgerEventTable>): StoredLedgerEvent {
  return {
    id: row.id,
    sequence: Number(row.sequence),
    type: row.type,
    subject: row.subject,
    actor: row.actor,
    time: row.time,
    payload: row.payload,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}
