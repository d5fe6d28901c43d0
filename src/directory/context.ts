import { type Kysely, sql } from 'kysely'
import { ConflictError, normaliseDbError } from '../db/conflict-error.js'
import type { Database } from '../db/database.js'
import type { Tables } from '../db/tables/index.js'
import { appendChanges, type ChangeDraft } from './change-feed.js'
import { DirectoryError } from './errors.js'

/** A query executor: the database or a transaction. */
export type Executor = Kysely<Tables>

/** What every directory operation needs: the database, the time and the id generator. */
export interface DirectoryContext {
  readonly database: Database
  readonly clock: () => Date
  readonly newId: () => string
}

/** The changes a write transaction records; they are appended to the feed before it commits. */
export interface ChangeLog {
  readonly now: string
  record(change: ChangeDraft): void
}

/**
 * Runs `fn` in a write transaction and appends the changes it records to the feed in the same transaction.
 * On PostgreSQL every write transaction first takes an EXCLUSIVE lock on the change table (readers are not blocked),
 * so writers run one at a time and sequence numbers commit in order: a reader that has seen sequence N never later
 * finds a committed change below N. SQLite has a single writer already.
 * `what` names the object for a message on a uniqueness conflict ("a user with userPrincipalName x already exists").
 */
export async function writeTransaction<T>(
  context: DirectoryContext,
  fn: (trx: Executor, log: ChangeLog) => Promise<T>,
  conflictMessage?: string,
): Promise<T> {
  const { database } = context
  try {
    return await database.db.transaction().execute(async (trx) => {
      if (database.dialect === 'postgres') {
        await sql`lock table directory_changes in exclusive mode`.execute(trx)
      }
      const drafts: ChangeDraft[] = []
      const log: ChangeLog = { now: context.clock().toISOString(), record: (change) => drafts.push(change) }
      const result = await fn(trx, log)
      await appendChanges(trx, log.now, drafts)
      return result
    })
  } catch (error) {
    const normalised = normaliseDbError(error)
    if (normalised instanceof ConflictError) {
      throw new DirectoryError('DIRECTORY_CONFLICT', conflictMessage ?? normalised.message)
    }
    throw normalised
  }
}

/** Splits a list into chunks of at most `size` (for multi-row statements within the drivers' parameter limits). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
