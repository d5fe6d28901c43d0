import type { Selectable } from 'kysely'
import type { Tables } from '../db/tables/index.js'
import { chunks, type Executor } from './context.js'
import type { ListOptions } from './types.js'

/** The tables of directory objects that load by id and list by page: people and groups. */
export type ObjectTable = 'directory_users' | 'directory_groups'

/** Turns a stored row of `table` into the object the directory API returns. */
export type FromRow<T extends ObjectTable, O> = (row: Selectable<Tables[T]>) => O

/** Objects by ids, soft-deleted included, read in chunks of 500 ids (the drivers' parameter limits). */
export async function loadObjects<T extends ObjectTable, O>(
  db: Executor,
  table: T,
  ids: readonly string[],
  fromRow: FromRow<T, O>,
): Promise<O[]> {
  const out: O[] = []
  for (const chunk of chunks(ids, 500)) {
    const rows = await db
      .selectFrom(table as ObjectTable)
      .selectAll()
      .where('id', 'in', chunk)
      .execute()
    for (const row of rows) out.push(fromRow(row as Selectable<Tables[T]>))
  }
  return out
}

/** One page of objects ordered by id: keyset pagination after `afterId`, soft-deleted left out unless asked for. */
export async function listObjects<T extends ObjectTable, O>(
  db: Executor,
  table: T,
  options: ListOptions,
  fromRow: FromRow<T, O>,
): Promise<O[]> {
  let query = db
    .selectFrom(table as ObjectTable)
    .selectAll()
    .orderBy('id')
    .limit(options.limit ?? 1000)
  if (!options.includeDeleted) query = query.where('deleted_at', 'is', null)
  if (options.afterId !== undefined) query = query.where('id', '>', options.afterId)
  return (await query.execute()).map((row) => fromRow(row as Selectable<Tables[T]>))
}
