import type { Kysely, Selectable } from 'kysely'
import type { DirectoryChangeRow } from '../db/tables/directory-tables.js'
import type { Tables } from '../db/tables/index.js'
import type { ChangeKind, DirectoryChange, MemberType } from './types.js'

/** A change before it gets its sequence number and time. */
export interface ChangeDraft {
  objectType: MemberType
  objectId: string
  kind: ChangeKind
  attributes?: string[]
  memberId?: string
  memberType?: MemberType
  appId?: string
  roleId?: string
}

const APPEND_BATCH = 500

/** Appends changes in order, all stamped `at`. Call inside the write transaction that made them. */
export async function appendChanges(
  db: Kysely<Tables>,
  at: string,
  drafts: readonly ChangeDraft[],
): Promise<void> {
  for (let i = 0; i < drafts.length; i += APPEND_BATCH) {
    const rows = drafts.slice(i, i + APPEND_BATCH).map((d) => ({
      at,
      object_type: d.objectType,
      object_id: d.objectId,
      kind: d.kind,
      attributes: d.attributes ? JSON.stringify(d.attributes) : null,
      member_id: d.memberId ?? null,
      member_type: d.memberType ?? null,
      app_id: d.appId ?? null,
      role_id: d.roleId ?? null,
    }))
    await db.insertInto('directory_changes').values(rows).execute()
  }
}

/** The sequence number of the latest change, 0 when there is none. */
export async function latestSequence(db: Kysely<Tables>): Promise<number> {
  const row = await db
    .selectFrom('directory_changes')
    .select((eb) => eb.fn.max('sequence').as('latest'))
    .executeTakeFirst()
  return Number(row?.latest ?? 0)
}

/** Changes after `sequence`, ascending, at most `limit`. */
export async function changesSince(
  db: Kysely<Tables>,
  sequence: number,
  limit = 1000,
): Promise<DirectoryChange[]> {
  const rows = await db
    .selectFrom('directory_changes')
    .selectAll()
    .where('sequence', '>', sequence)
    .orderBy('sequence')
    .limit(limit)
    .execute()
  return rows.map(changeFromRow)
}

function changeFromRow(row: Selectable<DirectoryChangeRow>): DirectoryChange {
  return {
    sequence: Number(row.sequence),
    at: row.at,
    objectType: row.object_type,
    objectId: row.object_id,
    kind: row.kind as ChangeKind,
    attributes: row.attributes ? (JSON.parse(row.attributes) as string[]) : [],
    memberId: row.member_id,
    memberType: row.member_type,
    appId: row.app_id,
    roleId: row.role_id,
  }
}
