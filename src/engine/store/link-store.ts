import type { Kysely } from 'kysely'
import type { Database } from '../../db/database.js'
import type { Tables } from '../../db/tables/index.js'
import { chunks } from './chunks.js'

export type ObjectType = 'user' | 'group'

/** A source object linked to a target object, with the attributes last sent (target path → value). */
export interface Link {
  objectType: ObjectType
  sourceId: string
  /** Null while a create is in flight: the object may or may not exist in the target yet. */
  targetId: string | null
  attributes: Record<string, unknown>
  /** A reference could not be sent yet (its target object is not linked); the reference pass retries it. */
  pendingReferences: boolean
}

type Db = Kysely<Tables>

/** The links of the given source ids, by source id. */
export async function loadLinks(
  db: Db,
  jobId: string,
  objectType: ObjectType,
  sourceIds: readonly string[],
): Promise<Map<string, Link>> {
  const out = new Map<string, Link>()
  for (const part of chunks(sourceIds, 500)) {
    const rows = await db
      .selectFrom('engine_links')
      .select(['source_id', 'target_id', 'attributes', 'pending_refs'])
      .where('job_id', '=', jobId)
      .where('object_type', '=', objectType)
      .where('source_id', 'in', part)
      .execute()
    for (const row of rows) {
      out.set(row.source_id, {
        objectType,
        sourceId: row.source_id,
        targetId: row.target_id,
        attributes: JSON.parse(row.attributes),
        pendingReferences: row.pending_refs === 1,
      })
    }
  }
  return out
}

/** The target ids of the given source ids that are linked (a create in flight has none), by source id. */
export async function loadTargetIds(
  db: Db,
  jobId: string,
  objectType: ObjectType,
  sourceIds: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (const part of chunks(sourceIds, 500)) {
    const rows = await db
      .selectFrom('engine_links')
      .select(['source_id', 'target_id'])
      .where('job_id', '=', jobId)
      .where('object_type', '=', objectType)
      .where('source_id', 'in', part)
      .execute()
    // filtered here: a `target_id is not null` clause would steer the planner to the target-id index and a scan
    for (const row of rows) if (row.target_id !== null) out.set(row.source_id, row.target_id)
  }
  return out
}

/** Inserts or replaces links (in the caller's transaction), marking them seen by `cycleId`. */
export async function saveLinks(
  db: Db,
  jobId: string,
  links: readonly Link[],
  cycleId: string,
  now: string,
): Promise<void> {
  for (const part of chunks(links, 400)) {
    await db
      .insertInto('engine_links')
      .values(
        part.map((l) => ({
          job_id: jobId,
          object_type: l.objectType,
          source_id: l.sourceId,
          target_id: l.targetId,
          attributes: JSON.stringify(l.attributes),
          pending_refs: l.pendingReferences ? 1 : 0,
          seen_cycle: cycleId,
          synced_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['job_id', 'object_type', 'source_id']).doUpdateSet((eb) => ({
          target_id: eb.ref('excluded.target_id'),
          attributes: eb.ref('excluded.attributes'),
          pending_refs: eb.ref('excluded.pending_refs'),
          seen_cycle: eb.ref('excluded.seen_cycle'),
          synced_at: eb.ref('excluded.synced_at'),
        })),
      )
      .execute()
  }
}

/** Removes links (and, for groups, the members last sent). */
export async function deleteLinks(
  db: Db,
  jobId: string,
  objectType: ObjectType,
  sourceIds: readonly string[],
): Promise<void> {
  for (const part of chunks(sourceIds, 500)) {
    await db
      .deleteFrom('engine_links')
      .where('job_id', '=', jobId)
      .where('object_type', '=', objectType)
      .where('source_id', 'in', part)
      .execute()
    if (objectType === 'group') {
      await db
        .deleteFrom('engine_sent_members')
        .where('job_id', '=', jobId)
        .where('group_id', 'in', part)
        .execute()
    }
  }
}

/** Marks links as seen by a cycle (an initial cycle handles the links it did not see as out of scope). */
export async function markLinksSeen(
  db: Db,
  jobId: string,
  objectType: ObjectType,
  sourceIds: readonly string[],
  cycleId: string,
): Promise<void> {
  for (const part of chunks(sourceIds, 500)) {
    await db
      .updateTable('engine_links')
      .set({ seen_cycle: cycleId })
      .where('job_id', '=', jobId)
      .where('object_type', '=', objectType)
      .where('source_id', 'in', part)
      .execute()
  }
}

/** Source ids of links a cycle has not seen, after `afterSourceId`, ordered, at most `limit`. */
export async function unseenLinkIds(
  database: Database,
  jobId: string,
  objectType: ObjectType,
  cycleId: string,
  afterSourceId: string,
  limit: number,
): Promise<string[]> {
  const rows = await database.db
    .selectFrom('engine_links')
    .select('source_id')
    .where('job_id', '=', jobId)
    .where('object_type', '=', objectType)
    .where('source_id', '>', afterSourceId)
    .where((eb) => eb.or([eb('seen_cycle', 'is', null), eb('seen_cycle', '!=', cycleId)]))
    .orderBy('source_id')
    .limit(limit)
    .execute()
  return rows.map((r) => r.source_id)
}

/** How many objects of each type are linked (provisioned) for a job. */
export async function countLinks(database: Database, jobId: string): Promise<Record<ObjectType, number>> {
  const rows = await database.db
    .selectFrom('engine_links')
    .select(['object_type', (eb) => eb.fn.countAll<number>().as('n')])
    .where('job_id', '=', jobId)
    .where('target_id', 'is not', null)
    .groupBy('object_type')
    .execute()
  const out: Record<ObjectType, number> = { user: 0, group: 0 }
  for (const r of rows) out[r.object_type as ObjectType] = Number(r.n)
  return out
}

/** Source ids of links whose references are still to be sent, after `afterSourceId`, ordered, at most `limit`. */
export async function pendingReferenceIds(
  database: Database,
  jobId: string,
  afterSourceId: string,
  limit: number,
): Promise<string[]> {
  const rows = await database.db
    .selectFrom('engine_links')
    .select('source_id')
    .where('job_id', '=', jobId)
    .where('object_type', '=', 'user')
    .where('pending_refs', '=', 1)
    .where('source_id', '>', afterSourceId)
    .orderBy('source_id')
    .limit(limit)
    .execute()
  return rows.map((r) => r.source_id)
}
