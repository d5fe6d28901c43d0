import { type DirectoryContext, type Executor, writeTransaction } from './context.js'
import { DirectoryError } from './errors.js'
import { applyGroupChanges, blankGroup, groupFromRow, groupNameKey, groupToRow } from './group-attributes.js'
import { listObjects, loadObjects } from './object-reads.js'
import type { DirectoryGroup, GroupChanges, GroupInput, ListOptions } from './types.js'

/** Creates a group; see Directory.createGroup. */
export async function createGroup(context: DirectoryContext, input: GroupInput): Promise<DirectoryGroup> {
  if (typeof input?.displayName !== 'string' || input.displayName.trim() === '') {
    throw new DirectoryError('DIRECTORY_INVALID_INPUT', 'a group needs a displayName')
  }
  return writeTransaction(
    context,
    async (trx, log) => {
      const { group } = applyGroupChanges(blankGroup(context.newId(), log.now), input)
      await trx.insertInto('directory_groups').values(groupToRow(group)).execute()
      log.record({ objectType: 'group', objectId: group.id, kind: 'created' })
      return group
    },
    `a group named ${input.displayName} already exists`,
  )
}

/** Changes the attributes that differ; see Directory.updateGroup. */
export async function updateGroup(
  context: DirectoryContext,
  id: string,
  changes: GroupChanges,
): Promise<DirectoryGroup> {
  return writeTransaction(
    context,
    async (trx, log) => {
      const current = await liveGroup(trx, id)
      const { group, changed } = applyGroupChanges(current, changes)
      if (changed.length === 0) return current
      group.updatedAt = log.now
      const { id: _id, created_at: _created, ...row } = groupToRow(group)
      await trx.updateTable('directory_groups').set(row).where('id', '=', id).execute()
      log.record({ objectType: 'group', objectId: id, kind: 'updated', attributes: changed })
      return group
    },
    `a group named ${changes?.displayName} already exists`,
  )
}

/** A group by id, soft-deleted included. */
export async function loadGroup(db: Executor, id: string): Promise<DirectoryGroup | undefined> {
  const row = await db.selectFrom('directory_groups').selectAll().where('id', '=', id).executeTakeFirst()
  return row && groupFromRow(row)
}

/** Groups by ids, soft-deleted included. */
export async function loadGroups(db: Executor, ids: readonly string[]): Promise<DirectoryGroup[]> {
  return loadObjects(db, 'directory_groups', ids, groupFromRow)
}

/** A group by displayName ignoring case, soft-deleted included. */
export async function findGroupByName(
  db: Executor,
  displayName: string,
): Promise<DirectoryGroup | undefined> {
  const row = await db
    .selectFrom('directory_groups')
    .selectAll()
    .where('name_key', '=', groupNameKey(displayName))
    .executeTakeFirst()
  return row && groupFromRow(row)
}

/** One page of groups ordered by id. */
export async function listGroups(db: Executor, options: ListOptions = {}): Promise<DirectoryGroup[]> {
  return listObjects(db, 'directory_groups', options, groupFromRow)
}

/** A group that exists and is not soft-deleted, for changing it. */
export async function liveGroup(trx: Executor, id: string): Promise<DirectoryGroup> {
  const group = await loadGroup(trx, id)
  if (!group) throw new DirectoryError('DIRECTORY_NOT_FOUND', `no group with id ${id}`)
  if (group.deletedAt) {
    throw new DirectoryError(
      'DIRECTORY_CONFLICT',
      `group ${group.displayName} is deleted; restore it before changing it`,
    )
  }
  return group
}
