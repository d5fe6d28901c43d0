import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import type { Tables } from '../../db/tables/index.js'
import { chunks } from './chunks.js'
import type { ObjectType } from './link-store.js'

type Db = Kysely<Tables>

/** An object whose last attempt failed; later cycles retry it. */
export interface Escrow {
  objectType: ObjectType
  sourceId: string
  attempts: number
  lastError: string
  firstFailedAt: string
  lastFailedAt: string
}

/** Records failures (in the caller's transaction), counting attempts. */
export async function recordFailures(
  db: Db,
  jobId: string,
  failures: ReadonlyArray<{ objectType: ObjectType; sourceId: string; error: string }>,
  now: string,
): Promise<void> {
  for (const f of failures) {
    await db
      .insertInto('engine_escrows')
      .values({
        job_id: jobId,
        object_type: f.objectType,
        source_id: f.sourceId,
        attempts: 1,
        last_error: f.error,
        first_failed_at: now,
        last_failed_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['job_id', 'object_type', 'source_id']).doUpdateSet((eb) => ({
          attempts: eb('engine_escrows.attempts', '+', 1),
          last_error: eb.ref('excluded.last_error'),
          last_failed_at: eb.ref('excluded.last_failed_at'),
        })),
      )
      .execute()
  }
}

/** Clears the escrows of objects that now succeeded. */
export async function clearEscrows(
  db: Db,
  jobId: string,
  objectType: ObjectType,
  sourceIds: readonly string[],
): Promise<void> {
  for (const part of chunks(sourceIds, 500)) {
    await db
      .deleteFrom('engine_escrows')
      .where('job_id', '=', jobId)
      .where('object_type', '=', objectType)
      .where('source_id', 'in', part)
      .execute()
  }
}

/** Every escrow of a job. */
export async function listEscrows(database: Database, jobId: string): Promise<Escrow[]> {
  const rows = await database.db
    .selectFrom('engine_escrows')
    .selectAll()
    .where('job_id', '=', jobId)
    .orderBy('object_type')
    .orderBy('source_id')
    .execute()
  return rows.map((r) => ({
    objectType: r.object_type as ObjectType,
    sourceId: r.source_id,
    attempts: r.attempts,
    lastError: r.last_error,
    firstFailedAt: r.first_failed_at,
    lastFailedAt: r.last_failed_at,
  }))
}
