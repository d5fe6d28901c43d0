import { type DirectoryContext, type Executor, writeTransaction } from './context.js'
import { DirectoryError } from './errors.js'
import { loadGroup } from './groups.js'
import { hardDelete } from './hard-delete.js'
import { RETENTION_DAYS, retentionCutoff } from './retention.js'
import type { MemberType } from './types.js'
import { loadUser } from './users.js'

interface Deletable {
  id: string
  deletedAt: string | null
  updatedAt: string
}

/** Where each kind of object lives and how a message names it. */
const KINDS = {
  user: {
    table: 'directory_users',
    load: (db: Executor, id: string) => loadUser(db, id),
    name: (o: { userPrincipalName: string }) => `user ${o.userPrincipalName}`,
  },
  group: {
    table: 'directory_groups',
    load: (db: Executor, id: string) => loadGroup(db, id),
    name: (o: { displayName: string }) => `group ${o.displayName}`,
  },
} as const

/** Soft-deletes a user or group (a no-op if it already is), or hard-deletes it; DIRECTORY_NOT_FOUND if there is none. */
export async function deleteObject(
  context: DirectoryContext,
  type: MemberType,
  id: string,
  hard: boolean,
): Promise<void> {
  const kind = KINDS[type]
  await writeTransaction(context, async (trx, log) => {
    const object = await kind.load(trx, id)
    if (!object) throw new DirectoryError('DIRECTORY_NOT_FOUND', `no ${type} with id ${id}`)
    if (hard) return hardDelete(trx, log, type, [id])
    if (object.deletedAt) return
    await trx
      .updateTable(kind.table as 'directory_users')
      .set({ deleted_at: log.now, updated_at: log.now })
      .where('id', '=', id)
      .execute()
    log.record({ objectType: type, objectId: id, kind: 'soft-deleted' })
  })
}

/** Restores a soft-deleted user or group within the retention window; not deleted is a no-op. */
export async function restoreObject<T extends Deletable>(
  context: DirectoryContext,
  type: MemberType,
  id: string,
): Promise<T> {
  const kind = KINDS[type]
  return writeTransaction(context, async (trx, log) => {
    const object = (await kind.load(trx, id)) as
      | (T & { userPrincipalName: string; displayName: string })
      | undefined
    if (!object) {
      throw new DirectoryError(
        'DIRECTORY_NOT_FOUND',
        `no ${type} with id ${id} (a hard-deleted ${type} cannot be restored)`,
      )
    }
    if (!object.deletedAt) return object
    if (object.deletedAt < retentionCutoff(context.clock())) {
      throw new DirectoryError(
        'DIRECTORY_NOT_RESTORABLE',
        `${kind.name(object)} was deleted on ${object.deletedAt}, more than ${RETENTION_DAYS} days ago, and can no longer be restored; create it again instead`,
      )
    }
    await trx
      .updateTable(kind.table as 'directory_users')
      .set({ deleted_at: null, updated_at: log.now })
      .where('id', '=', id)
      .execute()
    log.record({ objectType: type, objectId: id, kind: 'restored' })
    return { ...object, deletedAt: null, updatedAt: log.now }
  })
}

/** Hard-deletes users and groups soft-deleted before the retention window, recording the changes. */
export async function purgeExpired(context: DirectoryContext): Promise<{ users: number; groups: number }> {
  return writeTransaction(context, async (trx, log) => {
    const cutoff = retentionCutoff(context.clock())
    const counts = { users: 0, groups: 0 }
    for (const type of ['group', 'user'] as const) {
      const rows = await trx
        .selectFrom(KINDS[type].table as 'directory_users')
        .select('id')
        .where('deleted_at', '<', cutoff)
        .orderBy('id')
        .execute()
      await hardDelete(
        trx,
        log,
        type,
        rows.map((r) => r.id),
      )
      counts[type === 'user' ? 'users' : 'groups'] = rows.length
    }
    return counts
  })
}
